/* SPDX-License-Identifier: MIT */
/*
 * Small helpers shared by every module: explicit byte-order loads, rounding,
 * and the diagnostic record a parser fills when it stops.
 */
#ifndef KIMGINFO_UTIL_H
#define KIMGINFO_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIB (UINT64_C(1) << 20)

static inline uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static inline uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ceil(a / b) for b > 0, without the overflow of a + b - 1. */
static inline uint64_t div_round_up(uint64_t a, uint64_t b)
{
	return a / b + (a % b != 0);
}

/*
 * Why a parser stopped. The message is complete in itself; the offset, when
 * known, is where in the input the problem lies, and is printed after it.
 */
struct diag {
	char msg[256];
	uint64_t offset;
	bool has_offset;
};

#include <stdio.h>

/* Print s with the bytes that could break a line (below 0x20, 0x7f) as
 * \xNN: names and messages taken from input files. */
void fput_escaped(FILE *out, const char *s);

void diag_set(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_set_at(struct diag *d, uint64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
