#!/bin/bash
# --budget --trust-sizes: U from an xz stream's index or a zstd frame's
# content size must equal what decoding gives (xz -dc and zstd -dc piped
# to wc -c, cpio's archive for early segments), and every stream that
# records no size, or not where it can be read, is decoded instead.
. "$(dirname "$0")/lib.sh"

need_tools cpio xz zstd gzip
cd "$WORK" || exit 99

# A tree larger than the reader's 256 KiB buffer, so that a stream's start
# and its file's end are not both in the first read.
make_tree . big 30
head -c 700000 /dev/urandom >big/blob
find big -exec touch -h -d @1000000000 {} +
mk_cpio big newc big.cpio
make_tree . early 2
mk_cpio early newc early.cpio
printf 'kernel code\0' | gzip -n -c >kern.gz
mk_bzimage k.img kern.gz $((16 << 20))

# Decoded sizes by the compressors' own tools.
xz --check=crc32 -c big.cpio >one.xz
xz --check=crc32 -T2 --block-size=65536 -c big.cpio >blocks.xz
zstd -q -c big.cpio >fcs.zst
zstd -q -c <big.cpio >nofcs.zst
U=$(wc -c <big.cpio)
check_eq "xz -dc of one block" "$U" "$(xz -dc one.xz | wc -c)"
check_eq "xz -dc of blocks" "$U" "$(xz -dc blocks.xz | wc -c)"
check_eq "zstd -dc" "$U" "$(zstd -dc fcs.zst | wc -c)"
E=$(cpio_used early.cpio)

# trusted WHAT RECORDED U FILES...: with and without --trust-sizes, the same
# U (equal to the one given) and total; RECORDED segments were not decoded.
trusted() {
	local what=$1 nrec=$2 u=$3
	shift 3
	KI --budget -j "k.img" "$@" >full.json 2>full.err
	KI --budget -j --trust-sizes "k.img" "$@" >trust.json 2>trust.err
	rc=$?
	check_eq "$what: exit status" 0 "$rc"
	check_eq "$what: U decoded" "\"uncompressed\": $u," \
		"$(grep -o '"uncompressed": [0-9]*,' full.json)"
	check_eq "$what: U trusted" "\"uncompressed\": $u," \
		"$(grep -o '"uncompressed": [0-9]*,' trust.json)"
	check_eq "$what: total" "$(grep total_mib full.json)" \
		"$(grep total_mib trust.json)"
	check_eq "$what: segments not decoded" "\"recorded_segments\": $nrec," \
		"$(grep -o '"recorded_segments": [0-9]*,' trust.json)"
}

trusted "xz, one block" 1 "$U" one.xz
trusted "xz, 64 KiB blocks" 1 "$U" blocks.xz
trusted "zstd with content size" 1 "$U" fcs.zst
trusted "zstd from a pipe, no content size" 0 "$U" nofcs.zst

# Small: the reader has the whole file before the stream is reached.
xz --check=crc32 -c early.cpio >small.xz
cat early.cpio small.xz >early+small.img
trusted "early cpio + small xz" 1 $((E + $(xz -dc small.xz | wc -c))) \
	early+small.img

# Early cpio in front: the xz stream starts inside the reader's buffer.
cat early.cpio one.xz >early+xz.img
trusted "early cpio + xz" 1 $((E + U)) early+xz.img
cat early.cpio fcs.zst >early+zst.img
trusted "early cpio + zstd" 1 $((E + U)) early+zst.img
# NUL padding after the stream, as a boot loader or a tool may leave it.
cp one.xz padded.xz
head -c 4096 /dev/zero >>padded.xz
trusted "xz + 4096 NUL bytes" 1 "$U" padded.xz
# Two files, laid out as GRUB does: the second one's stream is trusted.
trusted "two files, xz second" 1 $((E + U)) early.cpio one.xz
# Another segment after the xz stream: its footer is not the file's last.
cat one.xz >xz+gz.img
gzip -nc early.cpio >>xz+gz.img
trusted "xz then gzip" 0 $((U + $(wc -c <early.cpio))) xz+gz.img
cat one.xz one.xz >xz+xz.img
trusted "xz then xz" 1 $((2 * U)) xz+xz.img

# Hand-made zstd frames (RFC 8878): an 8-byte content size, a 128 KiB
# window, one raw block holding early.cpio. zstd_frame OUT FCS.
zstd_frame() {
	local n
	n=$(wc -c <early.cpio)
	printf '\050\265\057\375\300\070' >"$1"
	head -c 11 /dev/zero >>"$1"
	le "$1" 6 8 "$2"
	le "$1" 14 3 $((1 + (n << 3)))
	cat early.cpio >>"$1"
}
EN=$(wc -c <early.cpio)
zstd_frame ones.zst -1
check_eq "zstd -dc of a frame whose size is all ones" "$EN" \
	"$(zstd -dc ones.zst | wc -c)"
trusted "zstd content size 2^64-1 (unknown): decoded" 0 "$EN" ones.zst
zstd_frame sized.zst "$EN"
trusted "hand-made zstd frame" 1 "$EN" sized.zst
# Two records whose sum wraps 64 bits: refused, not added.
zstd_frame huge.zst $((100 - EN))
cat sized.zst huge.zst >wrap.zst
run_ki out err --budget --trust-sizes --max-ratio=0 k.img wrap.zst
check_one_error "zstd sizes that wrap" "$rc" err wrap.zst
check_grep "zstd sizes that wrap: said" "more than can be counted" err

# Many xz streams, then the one that ends the file: each of the first is
# decoded (its footer is not the file's last), the last one trusted.
for i in 1 2 3 4 5 6 7 8; do cat small.xz; done >many.xz
cat one.xz >>many.xz
head -c 100000 /dev/zero >>many.xz
trusted "8 small xz streams, then a large one" 1 \
	$((8 * $(xz -dc small.xz | wc -c) + U)) many.xz

# From a pipe the file's end cannot be read: decoded.
mkfifo fifo
cat one.xz >fifo &
KI --budget -j --trust-sizes k.img fifo >pipe.json 2>pipe.err
wait
check_grep "xz from a pipe: decoded" '"recorded_segments": 0' pipe.json
check_grep "xz from a pipe: U" "\"uncompressed\": $U," pipe.json

# A check the kernel refuses is not skipped by trusting the index.
xz --check=crc64 -c big.cpio >crc64.xz
run_ki out err --budget --trust-sizes k.img crc64.xz
check_one_error "xz CRC64 under --trust-sizes" "$rc" err crc64.xz
check_grep "xz CRC64: the kernel's reason" "integrity check CRC64" err

# A zstd frame cut short: its block headers run past the end.
head -c $(($(wc -c <fcs.zst) - 1000)) fcs.zst >cut.zst
run_ki out err --budget --trust-sizes k.img cut.zst
check_no_crash "zstd cut" "$rc" err
check_one_error "zstd cut" "$rc" err cut.zst
check_grep "zstd cut: said where" "zstd: truncated frame, cut \
$(($(wc -c <fcs.zst) - 1000)) bytes into it" err
run_ki out err --budget --trust-sizes k.img nofcs.zst
check_grep "no size recorded: said" "$U bytes: 1 segment walked as the \
kernel does; none records its size (--trust-sizes)" out
run_ki out err --budget --trust-sizes k.img fcs.zst
check_grep "size recorded: said" "$U bytes: 1 segment walked as the \
kernel does; 1 of them sized by the zstd frame's content size instead of \
decoded (--trust-sizes)" out

# A cut xz stream has no footer at the file's end: decoded, and refused.
head -c $(($(wc -c <one.xz) - 20)) one.xz >cut.xz
run_ki out err --budget --trust-sizes k.img cut.xz
check_one_error "xz cut under --trust-sizes" "$rc" err cut.xz
check_grep "xz cut: decoded, truncated" "xz: truncated stream" err

run_ki out err --trust-sizes big.cpio
check_eq "--trust-sizes without --budget" 2 "$rc"
run_ki out err --budget --trust-sizes --rootfs-model=pages k.img one.xz
check_eq "--trust-sizes with pages" 2 "$rc"

finish
