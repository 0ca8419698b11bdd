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

/* A path's last copy, so that a later one can replace it. */
struct inv_path {
	uint32_t count;
	bool counted;			/* its pages are in the totals */
	uint64_t bytes;
	uint64_t pages[INV_PAGE_SIZES];
	size_t seg;			/* of the copy counted */
	size_t last_seg;		/* of the last copy, which wins */
};

/* A hard-link group: its first name and the data counted for it. */
struct inv_link {
	char *first;
	uint64_t size;
};

void inventory_init(struct inventory *inv)
{
	memset(inv, 0, sizeof(*inv));
}

static void free_link(void *p)
{
	struct inv_link *l = p;

	free(l->first);
	free(l);
}

static void free_files(struct inv_file *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(f[i].path);
}

void inventory_free(struct inventory *inv)
{
	strmap_clear(&inv->paths, free);
	strmap_clear(&inv->links, free_link);
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

/*
 * A later name of a hard-link group shares the first one's inode. The
 * kernel then truncates that inode to the new entry's size when it has
 * data, and writes the data again; so the group holds the last non-empty
 * size, and only the change is counted.
 */
static void link_data(struct inventory *inv, struct inv_counts *sc,
		      struct inv_link *l, const struct cpio_entry *e)
{
	uint64_t before[INV_PAGE_SIZES], after[INV_PAGE_SIZES];
	uint64_t size = e->filesize ? e->filesize : l->size;

	if (!S_ISREG(e->mode) || size == l->size)
		return;
	pages_of(INV_REGULAR, l->size, before);
	pages_of(INV_REGULAR, size, after);
	add_pages(&inv->total, before, -1);
	add_pages(sc, before, -1);
	add_pages(&inv->total, after, 1);
	add_pages(sc, after, 1);
	inv->total.data_bytes += size - l->size;
	sc->data_bytes += size - l->size;
	l->size = size;
}

/* find_link(): the group's first name, or NULL when this one starts it. */
static const char *link_find(struct inventory *inv, struct inv_counts *sc,
			     const struct cpio_entry *e, const char *path)
{
	struct strmap_slot *s;
	struct inv_link *l;
	char key[64];

	snprintf(key, sizeof(key), "%x:%x:%x:%o", e->devmajor, e->devminor,
		 e->ino, e->mode & S_IFMT);
	s = strmap_put(&inv->links, key);
	if (!s) {
		inv->failed = true;
		return NULL;
	}
	if (s->value) {
		l = s->value;
		link_data(inv, sc, l, e);
		return l->first;
	}
	l = calloc(1, sizeof(*l));
	if (!l || !(l->first = strdup(path))) {
		free(l);
		inv->failed = true;
		return NULL;
	}
	l->size = S_ISREG(e->mode) ? e->filesize : 0;
	s->value = l;
	return NULL;
}

/* A later copy of a path replaces the earlier one (clean_path, O_TRUNC). */
static struct inv_path *path_note(struct inventory *inv, const char *path,
				  struct inv_entry *out)
{
	struct strmap_slot *s = strmap_put(&inv->paths, path);
	struct inv_path *p;

	if (!s) {
		inv->failed = true;
		return NULL;
	}
	p = s->value;
	if (!p) {
		p = s->value = calloc(1, sizeof(*p));
		if (!p)
			inv->failed = true;
		return p;
	}
	p->count++;
	inv->duplicates++;
	out->duplicate = true;
	if (p->counted) {
		add_pages(&inv->total, p->pages, -1);
		add_pages(&inv->seg[p->seg], p->pages, -1);
		inv->total.data_bytes -= p->bytes;
		inv->seg[p->seg].data_bytes -= p->bytes;
		p->counted = false;
	}
	return p;
}

/* Count an entry's own data: files and long symlink targets. */
static void count_data(struct inventory *inv, size_t seg, struct inv_path *p,
		       enum inv_kind kind, const struct cpio_entry *e)
{
	struct inv_counts *sc = &inv->seg[seg];
	uint64_t pages[INV_PAGE_SIZES];
	uint64_t bytes = kind == INV_REGULAR ? e->filesize : 0;

	pages_of(kind, e->filesize, pages);
	add_pages(&inv->total, pages, 1);
	add_pages(sc, pages, 1);
	inv->total.data_bytes += bytes;
	sc->data_bytes += bytes;

	/* A path in a link group shares its inode: never un-count it. */
	if (p && e->nlink < 2) {
		p->counted = true;
		p->seg = seg;
		p->bytes = bytes;
		memcpy(p->pages, pages, sizeof(pages));
	}
}

/* Keep the INV_LARGEST largest files, largest first. */
static void note_largest(struct inventory *inv, const char *path,
			 uint64_t size)
{
	size_t i = inv->nlargest;
	char *copy;

	if (i == INV_LARGEST && inv->largest[i - 1].size >= size)
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
	for (; i > 0 && inv->largest[i - 1].size < size; i--)
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

	if (kind == INV_REGULAR && e->filesize > 0)
		note_largest(inv, path, e->filesize);
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
		strmap_clear(&inv->links, free_link);
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
		out->hardlink_of = link_find(inv, sc, e, path);
	if (out->hardlink_of)
		out->kind = INV_HARDLINK;
	p = path_note(inv, path, out);
	if (p)
		p->last_seg = seg;

	sc->entries++;
	inv->total.entries++;
	sc->n[out->kind]++;
	inv->total.n[out->kind]++;
	if (!out->hardlink_of)
		count_data(inv, seg, p, kind, e);
	note_notable(inv, path, kind, e);
}

size_t inventory_duplicates(const struct inventory *inv,
			    struct inv_dup *d, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < inv->paths.cap && n < max; i++) {
		const struct inv_path *p = inv->paths.slots[i].value;

		if (inv->paths.slots[i].key && p && p->count > 0)
			d[n++] = (struct inv_dup){ inv->paths.slots[i].key,
						   p->count + 1, p->last_seg };
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
