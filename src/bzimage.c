/* SPDX-License-Identifier: MIT */
/*
 * Source: Documentation/arch/x86/boot.rst ("The real-mode kernel header",
 * "Details of header fields"); arch/x86/include/uapi/asm/bootparam.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bzimage.h"

#define PROTO BZ_PROTO

const struct bz_field bz_fields[] = {
	{ 0x1f1, 1, 0, "setup_sects", BZ_DEC },
	{ 0x1f2, 2, 0, "root_flags", BZ_HEX },
	{ 0x1f4, 4, PROTO(2, 4), "syssize", BZ_PARAGRAPHS },
	{ 0x1f8, 2, 0, "ram_size", BZ_HEX },
	{ 0x1fa, 2, 0, "vid_mode", BZ_HEX },
	{ 0x1fc, 2, 0, "root_dev", BZ_HEX },
	{ 0x1fe, 2, 0, "boot_flag", BZ_HEX },
	{ 0x200, 2, PROTO(2, 0), "jump", BZ_HEX },
	{ 0x202, 4, PROTO(2, 0), "header", BZ_MAGIC },
	{ 0x206, 2, PROTO(2, 0), "version", BZ_PROTOCOL },
	{ 0x208, 4, PROTO(2, 0), "realmode_swtch", BZ_HEX },
	{ 0x20c, 2, PROTO(2, 0), "start_sys_seg", BZ_HEX },
	{ 0x20e, 2, PROTO(2, 0), "kernel_version", BZ_VERSION_PTR },
	{ 0x210, 1, PROTO(2, 0), "type_of_loader", BZ_HEX },
	{ 0x211, 1, PROTO(2, 0), "loadflags", BZ_LOADFLAGS_BITS },
	{ 0x212, 2, PROTO(2, 0), "setup_move_size", BZ_HEX },
	{ 0x214, 4, PROTO(2, 0), "code32_start", BZ_HEX },
	{ 0x218, 4, PROTO(2, 0), "ramdisk_image", BZ_HEX },
	{ 0x21c, 4, PROTO(2, 0), "ramdisk_size", BZ_SIZE },
	{ 0x220, 4, PROTO(2, 0), "bootsect_kludge", BZ_HEX },
	{ 0x224, 2, PROTO(2, 1), "heap_end_ptr", BZ_HEX },
	{ 0x226, 1, PROTO(2, 2), "ext_loader_ver", BZ_HEX },
	{ 0x227, 1, PROTO(2, 2), "ext_loader_type", BZ_HEX },
	{ 0x228, 4, PROTO(2, 2), "cmd_line_ptr", BZ_HEX },
	{ 0x22c, 4, PROTO(2, 3), "initrd_addr_max", BZ_HEX },
	{ 0x230, 4, PROTO(2, 5), "kernel_alignment", BZ_HEX },
	{ 0x234, 1, PROTO(2, 5), "relocatable_kernel", BZ_DEC },
	{ 0x235, 1, PROTO(2, 10), "min_alignment", BZ_LOG2 },
	{ 0x236, 2, PROTO(2, 12), "xloadflags", BZ_XLOADFLAGS_BITS },
	{ 0x238, 4, PROTO(2, 6), "cmdline_size", BZ_DEC },
	{ 0x23c, 4, PROTO(2, 7), "hardware_subarch", BZ_HEX },
	{ 0x240, 8, PROTO(2, 7), "hardware_subarch_data", BZ_HEX },
	{ 0x248, 4, PROTO(2, 8), "payload_offset", BZ_HEX },
	{ 0x24c, 4, PROTO(2, 8), "payload_length", BZ_SIZE },
	{ 0x250, 8, PROTO(2, 9), "setup_data", BZ_HEX },
	{ 0x258, 8, PROTO(2, 10), "pref_address", BZ_HEX },
	{ 0x260, 4, PROTO(2, 10), "init_size", BZ_SIZE },
	{ 0x264, 4, PROTO(2, 11), "handover_offset", BZ_HEX },
	{ 0x268, 4, PROTO(2, 15), "kernel_info_offset", BZ_HEX },
};
const size_t bz_nfields = ARRAY_SIZE(bz_fields);

/* bootparam.h: LOADED_HIGH, KASLR_FLAG, QUIET_FLAG, KEEP_SEGMENTS, ... */
const char *const bz_loadflags_names[8] = {
	"LOADED_HIGH", "KASLR_FLAG", NULL, NULL, NULL, "QUIET_FLAG",
	"KEEP_SEGMENTS", "CAN_USE_HEAP",
};

/* bootparam.h: XLF_* */
const char *const bz_xloadflags_names[8] = {
	"KERNEL_64", "CAN_BE_LOADED_ABOVE_4G", "EFI_HANDOVER_32",
	"EFI_HANDOVER_64", "EFI_KEXEC", "5LEVEL", "5LEVEL_ENABLED",
	"MEM_ENCRYPTION",
};

bool bzimage_probe(const uint8_t *p, size_t n)
{
	/* An uncompressed initramfs may carry 55 aa there by chance. */
	if (n >= 6 && memcmp(p, "07070", 5) == 0)
		return false;
	return n >= BZ_BOOT_FLAG + 2 &&
	       le16(p + BZ_BOOT_FLAG) == BZ_BOOT_FLAG_MAGIC;
}

bool bzimage_has_field(const struct bzimage *bz, const struct bz_field *f)
{
	if (f->protocol == 0)
		return true;
	return bz->has_hdrs && bz->protocol >= f->protocol;
}

uint64_t bzimage_field(const struct bzimage *bz, const struct bz_field *f)
{
	const uint8_t *p = bz->hdr + f->offset;

	switch (f->size) {
	case 1:
		return p[0];
	case 2:
		return le16(p);
	case 4:
		return le32(p);
	default:
		return le64(p);
	}
}

/* One past the last header byte that this protocol version defines. */
static size_t header_end(const struct bzimage *bz)
{
	size_t end = BZ_BOOT_FLAG + 2, i;

	for (i = 0; i < bz_nfields; i++) {
		const struct bz_field *f = &bz_fields[i];

		if (bzimage_has_field(bz, f) && f->offset + f->size > end)
			end = f->offset + f->size;
	}
	return end;
}

static int read_header(const struct source *s, struct bzimage *bz,
		       struct diag *d)
{
	long long got;
	size_t need;

	got = source_read(s, 0, bz->hdr, sizeof(bz->hdr), d);
	if (got < 0)
		return -1;
	bz->hdr_len = (size_t)got;
	if (bz->hdr_len < BZ_BOOT_FLAG + 2) {
		diag_set(d, "truncated boot sector: need 0x%x bytes, have 0x%zx",
			 BZ_BOOT_FLAG + 2, bz->hdr_len);
		return -1;
	}

	bz->has_hdrs = bz->hdr_len >= BZ_HEADER + 4 &&
		       memcmp(bz->hdr + BZ_HEADER, "HdrS", 4) == 0;
	if (bz->has_hdrs && bz->hdr_len < BZ_VERSION + 2) {
		diag_set(d, "truncated setup header: need 0x%x bytes, have "
			 "0x%zx", BZ_VERSION + 2, bz->hdr_len);
		return -1;
	}
	bz->protocol = bz->has_hdrs ? le16(bz->hdr + BZ_VERSION) : 0;

	need = header_end(bz);
	if (bz->hdr_len < need) {
		diag_set(d, "truncated setup header: need 0x%zx bytes, have "
			 "0x%zx", need, bz->hdr_len);
		return -1;
	}
	memset(bz->hdr + bz->hdr_len, 0, sizeof(bz->hdr) - bz->hdr_len);
	return 0;
}

/* The kernel_version string lies in the setup code, NUL-terminated. */
static int read_kernel_version(const struct source *s, struct bzimage *bz,
			       struct diag *d)
{
	uint16_t ptr = le16(bz->hdr + BZ_KERNEL_VERSION);
	uint64_t off = (uint64_t)ptr + 0x200;
	uint64_t setup_end = (uint64_t)bz->setup_sects * BZ_SECTOR + 0x200;
	size_t n = sizeof(bz->kernel_version);
	char buf[BZ_KERNEL_VERSION_MAX];
	long long got;

	if (ptr == 0)
		return 0;
	if (ptr >= (uint64_t)bz->setup_sects * BZ_SECTOR) {
		diag_set_at(d, BZ_KERNEL_VERSION, "kernel_version pointer 0x%04x "
			    "lies outside the setup code (0x%x bytes)", ptr,
			    bz->setup_sects * BZ_SECTOR);
		return -1;
	}
	if (setup_end - off < n)
		n = (size_t)(setup_end - off);

	got = source_read(s, off, buf, n, d);
	if (got < 0)
		return -1;
	if (memchr(buf, '\0', (size_t)got)) {
		memcpy(bz->kernel_version, buf, (size_t)got);
	} else if ((size_t)got == sizeof(buf)) {
		/* Longer than any real one: shown cut, marked so. */
		memcpy(bz->kernel_version, buf, sizeof(buf) - 4);
		strcpy(bz->kernel_version + sizeof(buf) - 4, "...");
	} else {
		diag_set_at(d, off, "kernel_version string at 0x%llx is not "
			    "NUL-terminated within the setup code",
			    (unsigned long long)off);
		return -1;
	}
	bz->has_kernel_version = true;
	return 0;
}

static int read_payload(const struct source *s, struct bzimage *bz,
			struct diag *d)
{
	uint8_t magic[8], tail[4];
	long long got;

	bz->has_payload = true;
	bz->payload_offset = bz->pm_offset + le32(bz->hdr + BZ_PAYLOAD_OFFSET);
	bz->payload_length = le32(bz->hdr + BZ_PAYLOAD_LENGTH);
	if (bz->payload_length < 4) {
		diag_set_at(d, BZ_PAYLOAD_LENGTH, "payload_length %u is shorter "
			    "than the 4-byte size that ends every payload",
			    bz->payload_length);
		return -1;
	}
	if (bz->payload_offset + bz->payload_length > bz->file_size) {
		diag_set_at(d, BZ_PAYLOAD_LENGTH, "payload at 0x%llx, %u bytes, "
			    "runs past the end of the file (%llu bytes)",
			    (unsigned long long)bz->payload_offset,
			    bz->payload_length,
			    (unsigned long long)bz->file_size);
		return -1;
	}

	got = source_read(s, bz->payload_offset, magic, sizeof(magic), d);
	if (got < 0)
		return -1;
	bz->payload_comp = comp_detect(magic, (size_t)got);

	/* CONFIG_KERNEL_UNCOMPRESSED: the payload is the vmlinux ELF. */
	if (got >= 4 && memcmp(magic, "\177ELF", 4) == 0)
		bz->payload_comp = COMP_NONE;

	/* Every compression ends with the decoded size (gzip's ISIZE). */
	got = source_read(s, bz->payload_offset + bz->payload_length - 4, tail,
			  4, d);
	if (got != 4)
		return -1;
	bz->payload_size = le32(tail);
	return 0;
}

/* The protected-mode code, syssize paragraphs long, must be in the file. */
static int check_syssize(const struct bzimage *bz, struct diag *d)
{
	uint64_t code = (uint64_t)le32(bz->hdr + BZ_SYSSIZE) * 16;

	if (bz->protocol < PROTO(2, 4) || bz->pm_offset + code <= bz->file_size)
		return 0;
	diag_set_at(d, BZ_SYSSIZE, "truncated image: syssize gives %llu bytes "
		    "of protected-mode code from 0x%llx, the file ends at "
		    "0x%llx", (unsigned long long)code,
		    (unsigned long long)bz->pm_offset,
		    (unsigned long long)bz->file_size);
	return -1;
}

int bzimage_read(const struct source *s, struct bzimage *bz, struct diag *d)
{
	memset(bz, 0, sizeof(*bz));
	bz->file_size = s->size;

	if (read_header(s, bz, d) < 0)
		return -1;

	bz->setup_sects = bz->hdr[BZ_SETUP_SECTS];
	if (bz->setup_sects == 0)
		bz->setup_sects = 4;
	bz->pm_offset = ((uint64_t)bz->setup_sects + 1) * BZ_SECTOR;
	if (bz->pm_offset > bz->file_size) {
		diag_set_at(d, BZ_SETUP_SECTS, "setup code (%u sectors) runs "
			    "past the end of the file (%llu bytes)",
			    bz->setup_sects, (unsigned long long)bz->file_size);
		return -1;
	}
	if (!bz->has_hdrs)
		return 0;
	if (check_syssize(bz, d) < 0 || read_kernel_version(s, bz, d) < 0)
		return -1;
	if (bz->protocol >= PROTO(2, 8) && read_payload(s, bz, d) < 0)
		return -1;

	bz->has_init_size = bz->protocol >= PROTO(2, 10);
	bz->init_size = le32(bz->hdr + BZ_INIT_SIZE);
	return 0;
}
