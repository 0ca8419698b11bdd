#!/bin/bash
# Sizes past 4 GiB: an initramfs that unpacks to more than 4 GiB, made here
# as two newc entries of zeros streamed through zstd, must be counted to the
# byte and walked in constant memory. Not run under valgrind (too slow).
. "$(dirname "$0")/lib.sh"

if [ -n "${KIMGINFO_WRAPPER:-}" ]; then
	echo "SKIP: not under $KIMGINFO_WRAPPER: 5 GiB is too slow there"
	exit 77
fi
need_tools zstd
cd "$WORK" || exit 99

# newc_header NAME SIZE: a 110-byte header, the name and its padding, as
# buffer-format.rst lays them out.
newc_header() {
	local namesize=$((${#1} + 1)) pad
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		1 $((0100644)) 0 0 1 0 "$2" 0 0 0 0 "$namesize" 0
	printf '%s\0' "$1"
	pad=$(((4 - (110 + namesize) % 4) % 4))
	head -c "$pad" /dev/zero
}

big=$((2560 << 20))			# 2.5 GiB each, a multiple of 4
{
	newc_header a "$big"; head -c "$big" /dev/zero
	newc_header b "$big"; head -c "$big" /dev/zero
	newc_header TRAILER!!! 0
} | zstd -q -1 -c >big.zst

# U by arithmetic: two headers with 1-byte names padded to 112, the data,
# and the trailer's 110 + 11 bytes padded to 124.
U=$((112 + big + 112 + big + 124))
/usr/bin/time -f "%M" -o rss "$KIMGINFO" --max-ratio=0 big.zst >out 2>err
rc=$?
check_eq "5 GiB: exit" 0 "$rc"
check_grep "5 GiB: U to the byte" "Uncompressed (U):             $U bytes" out
check_grep "5 GiB: entries" "Entries:                      2 " out
check_eq "5 GiB: peak memory under 64 MiB" yes \
	"$([ "$(cat rss)" -lt 65536 ] && echo yes)"
run_ki out err big.zst
check_one_error "5 GiB: stopped by the default ratio" "$rc" err big.zst

finish
