/* SPDX-License-Identifier: MIT */
/*
 * Sources: init/initramfs.c (maybe_link, find_link, clean_path, do_name);
 * mm/shmem.c (a symlink target of more than SHORT_SYMLINK_LEN bytes, NUL
 * included, takes a page; shorter ones live in the inode).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inventory.h"
#include "util.h"

#define SHORT_SYMLINK_LEN 128

const unsigned inv_page_sizes[INV_PAGE_SIZES] = { 4096, 16384, 65536 };

const char *const inv_kind_names[INV_KINDS] = {
	"regular", "directory", "symlink", "device", "fifo/socket",
	"hardlink", "other",
};

/*
 * A file the kernel creates. Names point to it: several for a hard-link
 * group. It holds the data and pages the rootfs is charged for, in the
 * segment whose entry wrote it last.
 */
struct inv_inode {
	enum inv_kind kind;
	uint32_t mode;
	char *target;			/* a symlink's */
	uint64_t size;
	size_t seg;
	uint32_t names;
	bool listed;			/* already in the largest files */
	struct inv_inode *next;		/* all inodes, to free them */
};

/* A path and the inode it names now. */
struct inv_path {
	uint32_t count;			/* copies after the first */
	size_t last_seg;		/* of the last copy, which wins */
	struct inv_inode *ino;
};

void inventory_init(struct inventory *inv)
{
	memset(inv, 0, sizeof(*inv));
}

static void free_files(struct inv_file *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(f[i].path);
}

void inventory_free(struct inventory *inv)
{
	struct inv_inode *ino, *next;

	for (ino = inv->inodes; ino; ino = next) {
		next = ino->next;
		free(ino->target);
		free(ino);
	}
	strmap_clear(&inv->paths, free);
	strmap_clear(&inv->links, free);
	strmap_clear(&inv->modules, NULL);
	free_files(inv->largest, inv->nlargest);
	free_files(inv->microcode, inv->nmicrocode);
	memset(inv, 0, sizeof(*inv));
}

static const char *normalise(const char *name)
{
	for (;;) {
		if (name[0] == '.' && name[1] == '/')
			name += 2;
		else if (name[0] == '/')
			name++;
		else
			return name;
	}
}

static enum inv_kind kind_of(uint32_t mode)
{
	if (S_ISREG(mode))
		return INV_REGULAR;
	if (S_ISDIR(mode))
		return INV_DIRECTORY;
	if (S_ISLNK(mode))
		return INV_SYMLINK;
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return INV_DEVICE;
	if (S_ISFIFO(mode) || S_ISSOCK(mode))
		return INV_FIFO_SOCKET;
	return INV_OTHER;
}

static uint64_t round_up(uint64_t v, uint64_t to)
{
	return div_round_up(v, to) * to;
}

/* The tmpfs pages, in bytes, that size bytes of kind take. */
static void pages_of(enum inv_kind kind, uint64_t size, uint64_t *pages)
{
	size_t i;

	for (i = 0; i < INV_PAGE_SIZES; i++) {
		if (kind == INV_REGULAR)
			pages[i] = round_up(size, inv_page_sizes[i]);
		else if (kind == INV_SYMLINK && size + 1 > SHORT_SYMLINK_LEN)
			pages[i] = inv_page_sizes[i];
		else
			pages[i] = 0;
	}
}

static void add_pages(struct inv_counts *c, const uint64_t *pages, int sign)
{
	size_t i;

	for (i = 0; i < INV_PAGE_SIZES; i++)
		c->pages[i] += (uint64_t)sign * pages[i];
}

static struct inv_counts *seg_counts(struct inventory *inv, size_t seg)
{
	if (seg >= INV_SEGMENTS)
		seg = INV_SEGMENTS - 1;
	if (seg + 1 > inv->nsegs)
		inv->nsegs = seg + 1;
	return &inv->seg[seg];
}

/* Whether maybe_link() is asked about this entry: files and nodes. */
static bool may_link(enum inv_kind kind, const struct cpio_entry *e)
{
	return e->nlink >= 2 && (kind == INV_REGULAR || kind == INV_DEVICE ||
				 kind == INV_FIFO_SOCKET);
}

/* Add (sign 1) or take off (sign -1) what an inode is charged. */
static void charge(struct inventory *inv, const struct inv_inode *ino,
		   int sign)
{
	uint64_t pages[INV_PAGE_SIZES];
	uint64_t bytes = ino->kind == INV_REGULAR ? ino->size : 0;

	pages_of(ino->kind, ino->size, pages);
	add_pages(&inv->total, pages, sign);
	add_pages(&inv->seg[ino->seg], pages, sign);
	inv->total.data_bytes += (uint64_t)sign * bytes;
	inv->seg[ino->seg].data_bytes += (uint64_t)sign * bytes;
}

static struct inv_inode *inode_new(struct inventory *inv, enum inv_kind kind,
				   uint64_t size, size_t seg)
{
	struct inv_inode *ino = calloc(1, sizeof(*ino));

	if (!ino) {
		inv->failed = true;
		return NULL;
	}
	*ino = (struct inv_inode){ kind, 0, NULL, size, seg, 1, false,
				   inv->inodes };
	inv->inodes = ino;
	charge(inv, ino, 1);
	return ino;
}

/* The inode now holds size bytes, written by an entry of segment seg. */
static void inode_resize(struct inventory *inv, struct inv_inode *ino,
			 uint64_t size, size_t seg)
{
	charge(inv, ino, -1);
	ino->size = size;
	ino->seg = seg;
	charge(inv, ino, 1);
}

/* A name goes away (clean_path); the last one frees the inode's pages. */
static void inode_unref(struct inventory *inv, struct inv_inode *ino)
{
	if (ino && --ino->names == 0)
		charge(inv, ino, -1);
}

static struct inv_path *path_get(struct inventory *inv, const char *path,
				 struct inv_entry *out)
{
	struct strmap_slot *s = strmap_put(&inv->paths, path);
	struct inv_path *p;

	if (!s) {
		inv->failed = true;
		return NULL;
	}
	p = s->value;
	if (p) {
		p->count++;
		inv->duplicates++;
		out->duplicate = true;
		return p;
	}
	p = s->value = calloc(1, sizeof(*p));
	if (!p)
		inv->failed = true;
	return p;
}

/*
 * A later name of a group (maybe_link, find_link): the kernel removes
 * whatever the path named and links it to the group's first name; when the
 * entry has data it truncates the shared inode to it and writes it again.
 */
static void link_name(struct inventory *inv, struct inv_path *p,
		      const char *first, const struct cpio_entry *e,
		      size_t seg)
{
	struct strmap_slot *fs = strmap_get(&inv->paths, first);
	struct inv_path *fp = fs ? fs->value : NULL;	/* NULL: out of memory */
	struct inv_inode *ino = fp ? fp->ino : NULL;

	if (!ino || p->ino == ino) {
		if (ino && S_ISREG(e->mode) && e->filesize)
			inode_resize(inv, ino, e->filesize, seg);
		return;
	}
	inode_unref(inv, p->ino);
	p->ino = ino;
	ino->names++;
	if (S_ISREG(e->mode) && e->filesize)
		inode_resize(inv, ino, e->filesize, seg);
}

/*
 * An entry that creates a file, or keeps the one its path names: a file
 * over a file is opened with O_TRUNC, so the inode is rewritten in place;
 * a directory, device or fifo over one of its type is left as it was
 * (mkdir and mknod fail); anything else replaces it (clean_path).
 */
static void create(struct inventory *inv, struct inv_path *p,
		   enum inv_kind kind, const struct cpio_entry *e, size_t seg)
{
	struct inv_inode *old = p->ino;

	if (old && old->kind == kind && kind == INV_REGULAR) {
		inode_resize(inv, old, e->filesize, seg);
		old->mode = e->mode;	/* do_name() chmods it too */
		return;
	}
	if (old && old->kind == kind && kind != INV_SYMLINK)
		return;
	inode_unref(inv, old);
	p->ino = inode_new(inv, kind, e->filesize, seg);
	if (p->ino) {
		p->ino->mode = e->mode;
		if (kind == INV_SYMLINK && !(p->ino->target = strdup(e->target)))
			inv->failed = true;
	}
}

/* find_link(): the first path of this entry's group, NULL if it starts one. */
static const char *link_lookup(struct inventory *inv,
			       const struct cpio_entry *e, const char *path)
{
	struct strmap_slot *s;
	char key[64];

	snprintf(key, sizeof(key), "%x:%x:%x:%o", e->devmajor, e->devminor,
		 e->ino, e->mode & S_IFMT);
	s = strmap_put(&inv->links, key);
	if (!s || (!s->value && !(s->value = strdup(path)))) {
		inv->failed = true;
		return NULL;
	}
	return strcmp(s->value, path) == 0 ? NULL : s->value;
}

/* Keep the INV_LARGEST largest files, largest first. */
static void note_largest(struct inventory *inv, const char *path,
			 uint64_t size)
{
	size_t i = inv->nlargest;
	char *copy;

	if (i == INV_LARGEST && (inv->largest[i - 1].size > size ||
				 (inv->largest[i - 1].size == size &&
				  strcmp(inv->largest[i - 1].path, path) < 0)))
		return;
	copy = strdup(path);
	if (!copy) {
		inv->failed = true;
		return;
	}
	if (i == INV_LARGEST)
		free(inv->largest[--i].path);
	else
		inv->nlargest++;
	for (; i > 0 && (inv->largest[i - 1].size < size ||
			 (inv->largest[i - 1].size == size &&
			  strcmp(inv->largest[i - 1].path, copy) > 0)); i--)
		inv->largest[i] = inv->largest[i - 1];
	inv->largest[i] = (struct inv_file){ copy, size };
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The version directory under lib/modules/ (or usr/lib/modules/). */
static void note_module_version(struct inventory *inv, const char *path)
{
	char version[256];
	const char *v, *end;

	if (starts_with(path, "usr/"))
		path += 4;
	if (!starts_with(path, "lib/modules/"))
		return;
	v = path + strlen("lib/modules/");
	end = strchr(v, '/');
	if (!end)
		end = v + strlen(v);
	if (end == v || (size_t)(end - v) >= sizeof(version))
		return;
	memcpy(version, v, (size_t)(end - v));
	version[end - v] = '\0';
	if (!strmap_put(&inv->modules, version))
		inv->failed = true;
}

/* Files each generator leaves, as their own sources install them. */
static const struct {
	const char *path;
	const char *name;
} generator_marks[] = {
	{ "conf/initramfs.conf", "initramfs-tools" },
	{ "usr/lib/dracut/build-parameter.txt", "dracut" },
	{ "usr/lib/dracut/modules.txt", "dracut" },
	{ "buildconfig", "mkinitcpio" },
};

static void note_notable(struct inventory *inv, const char *path,
			 enum inv_kind kind, const struct cpio_entry *e)
{
	size_t i;

	if (kind == INV_REGULAR && starts_with(path, "kernel/x86/microcode/") &&
	    inv->nmicrocode < INV_MICROCODE) {
		char *copy = strdup(path);

		if (copy)
			inv->microcode[inv->nmicrocode++] =
				(struct inv_file){ copy, e->filesize };
	}
	note_module_version(inv, path);
	for (i = 0; i < ARRAY_SIZE(generator_marks); i++)
		if (strcmp(path, generator_marks[i].path) == 0)
			inv->generator = generator_marks[i].name;
	if (strcmp(path, "init") == 0) {
		inv->has_init = true;
		inv->init_mode = e->mode;
		strcpy(inv->init_target, kind == INV_SYMLINK ? e->target : "");
	}
}

void inventory_add(struct inventory *inv, size_t seg,
		   const struct cpio_entry *e, struct inv_entry *out)
{
	const char *path = normalise(e->name);
	enum inv_kind kind = kind_of(e->mode);
	struct inv_counts *sc;
	struct inv_path *p;

	memset(out, 0, sizeof(*out));
	out->path = path;
	out->kind = kind;
	if (e->trailer) {
		/* free_hash(): links never span archives. */
		strmap_clear(&inv->links, free);
		return;
	}
	if (e->kernel_skips) {
		out->kind = INV_OTHER;	/* the kernel creates nothing */
		inv->total.n[INV_OTHER]++;
		return;
	}
	sc = seg_counts(inv, seg);
	seg = (size_t)(sc - inv->seg);

	if (may_link(kind, e))
		out->hardlink_of = link_lookup(inv, e, path);
	if (out->hardlink_of)
		out->kind = INV_HARDLINK;
	p = path_get(inv, path, out);
	if (p && out->hardlink_of)
		link_name(inv, p, out->hardlink_of, e, seg);
	else if (p)
		create(inv, p, kind, e, seg);
	if (p)
		p->last_seg = seg;

	sc->entries++;
	inv->total.entries++;
	sc->n[out->kind]++;
	inv->total.n[out->kind]++;
	note_notable(inv, path, kind, e);
}

bool inventory_lookup(const struct inventory *inv, const char *path,
		      uint32_t *mode, const char **target)
{
	struct strmap_slot *s = strmap_get(&inv->paths, normalise(path));
	const struct inv_path *p = s ? s->value : NULL;

	if (!p || !p->ino)
		return false;
	*mode = p->ino->mode;
	*target = p->ino->target;
	return true;
}

void inventory_finish(struct inventory *inv)
{
	size_t i;

	free_files(inv->largest, inv->nlargest);
	inv->nlargest = 0;
	for (i = 0; i < inv->paths.cap; i++) {
		const struct inv_path *p = inv->paths.slots[i].value;

		if (p && p->ino && p->ino->kind == INV_REGULAR)
			p->ino->listed = false;
	}
	for (i = 0; i < inv->paths.cap; i++) {
		const struct inv_path *p = inv->paths.slots[i].value;

		if (!p || !p->ino || p->ino->kind != INV_REGULAR ||
		    p->ino->listed || p->ino->size == 0)
			continue;
		p->ino->listed = true;
		note_largest(inv, inv->paths.slots[i].key, p->ino->size);
	}
}

/* Keep the max first paths in byte order, so that listings are stable. */
static size_t dup_insert(struct inv_dup *d, size_t n, size_t max,
			 const struct inv_dup *x)
{
	size_t i = n < max ? n : max;

	if (n >= max && strcmp(d[max - 1].path, x->path) < 0)
		return n;
	for (; i > 0 && strcmp(d[i - 1].path, x->path) > 0; i--)
		if (i < max)
			d[i] = d[i - 1];
	if (i < max)
		d[i] = *x;
	return n < max ? n + 1 : n;
}

size_t inventory_duplicates(const struct inventory *inv,
			    struct inv_dup *d, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < inv->paths.cap && max > 0; i++) {
		const struct inv_path *p = inv->paths.slots[i].value;
		struct inv_dup x;

		if (!inv->paths.slots[i].key || !p || p->count == 0)
			continue;
		x = (struct inv_dup){ inv->paths.slots[i].key, p->count + 1,
				      p->last_seg };
		n = dup_insert(d, n, max, &x);
	}
	return n;
}

size_t inventory_duplicate_paths(const struct inventory *inv)
{
	size_t i, n = 0;

	for (i = 0; i < inv->paths.cap; i++) {
		const struct inv_path *p = inv->paths.slots[i].value;

		n += inv->paths.slots[i].key && p && p->count > 0;
	}
	return n;
}

size_t inventory_modules(const struct inventory *inv, const char **v,
			 size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < inv->modules.cap && n < max; i++)
		if (inv->modules.slots[i].key)
			v[n++] = inv->modules.slots[i].key;
	return n;
}
