#!/bin/bash
# The built tool on fixtures this script makes with the real cpio and
# compressor command-line tools: every compression, multi-segment layouts,
# the kernel's failures, bad files, options and exit status, and whole
# reports compared with expected files.
. "$(dirname "$0")/lib.sh"

need_tools cpio gzip bzip2 xz lzma lzop lz4 zstd

cd "$WORK" || exit 99

# --- every compression the kernel reads, one segment each -------------
make_tree . tree 30
mk_cpio tree newc main.cpio
ulen=$(wc -c <main.cpio)
nent=$(cpio_count main.cpio)
for c in gzip bzip2 xz lzma lzop lz4 zstd; do
	case $c in
	xz) xz --check=crc32 -c main.cpio >main.$c ;;
	lz4) lz4 -l -q -c main.cpio >main.$c ;;
	lzop) lzop -c main.cpio >main.$c ;;
	*) $c -c main.cpio >main.$c ;;
	esac
	run_ki out err main.$c
	check_eq "$c: exit status" 0 "$rc"
	check_grep "$c: U from wc -c" "Uncompressed (U):             $ulen bytes" out
	check_grep "$c: entries from cpio -t" "Entries:                      $nent " out
	name=$c
	[ "$c" = lzop ] && name=lzo
	check_grep "$c: segment" "$(printf '%12s  %-11s %12s' "$(wc -c <main.$c)" \
		"$name" "$ulen")" out
	KI - <main.$c >pipe.out 2>&1
	check_eq "$c: the same through a pipe" "$(cat out)" "$(cat pipe.out)"
done

# --- early cpio, then compressed streams and zero padding -------------
make_tree . early 2
mk_cpio early newc early.cpio
cat early.cpio main.gzip >e-gz.img
run_ki out err e-gz.img
check_eq "E+gzip: exit" 0 "$rc"
check_grep "E+gzip: segments" "Segments:                     2" out
check_grep "E+gzip: all entries" \
	"Entries:                      $(($(cpio_count early.cpio) + nent)) " out
check_grep "E+gzip: U" \
	"Uncompressed (U):             $(($(cpio_used early.cpio) + ulen)) bytes" out

{ cat early.cpio main.zstd; head -c $(((4 - $(wc -c <main.zstd) % 4) % 4)) \
	/dev/zero; cat early.cpio; } >e-zst-x.img
run_ki out err e-zst-x.img
check_eq "E+zstd+X: exit" 0 "$rc"
check_grep "E+zstd+X: three segments" "Segments:                     3" out

{ cat main.lz4; head -c 4 /dev/zero; cat main.lz4; } >lz4-0-lz4.img
run_ki out err lz4-0-lz4.img
check_eq "lz4+0+lz4: exit" 0 "$rc"
check_grep "lz4+0+lz4: two segments" "Segments:                     2" out

cat main.lz4 main.gzip >lz4-gz.img
run_ki out err lz4-gz.img
check_one_error "lz4+gzip without padding" "$rc" err lz4-gz.img
check_grep "lz4+gzip: reason" "must be zero padding" err

# gzip -n of a given input; pick one whose length is not a multiple of 4.
for i in 1 2 3 4 5 6 7 8; do
	printf 'x%.0s' $(seq "$i") >tree/pad
	mk_cpio tree newc odd.cpio
	gzip -n -c odd.cpio >odd.gz
	[ $(($(wc -c <odd.gz) % 4)) -ne 0 ] && break
done
cat odd.gz early.cpio >gz-x.img
run_ki out err gz-x.img
check_one_error "gzip+unaligned cpio" "$rc" err gz-x.img
check_grep "gzip+unaligned: kernel's reason" \
	"invalid magic at start of compressed archive" err
check_grep "gzip+unaligned: offset" \
	"(at offset 0x$(printf %x "$(wc -c <odd.gz)"))" err
{ cat odd.gz; head -c $((4 - $(wc -c <odd.gz) % 4)) /dev/zero
  cat early.cpio; } >gz-0-x.img
run_ki out err gz-0-x.img
check_eq "gzip+pad+cpio: exit" 0 "$rc"
check_grep "gzip+pad+cpio: two segments" "Segments:                     2" out

# --- formats the kernel refuses ---------------------------------------
lz4 -q -c main.cpio >frame.lz4
run_ki out err frame.lz4
check_one_error "lz4 frame" "$rc" err frame.lz4
check_grep "lz4 frame: listed" "Entries:                      $nent " out
check_grep "lz4 frame: reason" "lz4 -l" err

mk_cpio tree odc odc.cpio
run_ki out err odc.cpio
check_one_error "odc cpio" "$rc" err odc.cpio
check_grep "odc: kernel's reason" "use -H newc option" err

mk_cpio tree bin bin.cpio
run_ki out err bin.cpio
check_one_error "binary cpio" "$rc" err bin.cpio
check_grep "binary cpio: reason" "binary cpio" err

mk_cpio tree crc crc.cpio
run_ki out err crc.cpio
check_eq "crc cpio: accepted" 0 "$rc"
check_grep "crc cpio: format" "crc " out

# xz's default CRC64 check is one the kernel's XZ decoder refuses.
xz -c main.cpio >crc64.xz
run_ki out err crc64.xz
check_one_error "xz with CRC64" "$rc" err crc64.xz
check_grep "xz with CRC64: reason" "use xz --check=crc32" err

# The kernel starts expecting a header: an empty leading stream, or one
# whose output starts with NULs, fails.
gzip -n -c </dev/null >empty.gz
run_ki out err empty.gz
check_one_error "empty gzip" "$rc" err empty.gz
check_grep "empty gzip: kernel's reason" "junk at the end of compressed" err
{ head -c 4 /dev/zero; cat main.cpio; } | gzip -n -c >lead0.gz
run_ki out err lead0.gz
check_one_error "gzip of NULs then cpio" "$rc" err lead0.gz
check_grep "gzip of NULs: reason" "no cpio magic (00 00 00 00 30 37)" err

# An archive that happens to hold 55 aa at 0x1fe is still an initramfs.
mkdir -p mbr && head -c 1000 /dev/zero >mbr/disk.img
le mbr/disk.img $((0x1fe - 120)) 2 0xaa55
mk_cpio mbr newc mbr.cpio
check_eq "55 aa at 0x1fe: the fixture" "55aa" \
	"$(od -An -tx1 -j $((0x1fe)) -N2 mbr.cpio | tr -d ' ')"
run_ki out err mbr.cpio
check_eq "55 aa at 0x1fe: exit" 0 "$rc"
check_grep "55 aa at 0x1fe: an initramfs" "Format: initramfs" out

# Names with control bytes stay on one line.
: >"$(printf 'bad\nname')"
run_ki out err "$(printf 'bad\nname')"
check_eq "odd name: one line" 1 "$(wc -l <err)"
check_grep "odd name: escaped" 'bad\x0aname' err

# A decompression bomb: 48 MiB of zeros in a few KiB of zstd.
mkdir -p bomb && head -c $((48 << 20)) /dev/zero >bomb/zeros
mk_cpio bomb newc bomb.cpio
zstd -q -19 -c bomb.cpio >bomb.zst
rm -r bomb bomb.cpio
run_ki out err bomb.zst
check_one_error "bomb: stopped" "$rc" err bomb.zst
check_grep "bomb: why" "expands more than 1000 times" err
run_ki out err --max-ratio=0 bomb.zst
check_eq "bomb with --max-ratio=0: read whole" 0 "$rc"
check_grep "bomb with --max-ratio=0: U" \
	"Uncompressed (U):             $(zstd -dc bomb.zst | wc -c) bytes" out
run_ki out err --max-ratio=0 --max-unpacked=8M bomb.zst
check_one_error "bomb with --max-unpacked=8M" "$rc" err bomb.zst
check_grep "--max-unpacked: why" "more than 8388608 bytes" err
run_ki out err --max-unpacked=8Q bomb.zst
check_eq "--max-unpacked=8Q: usage" 2 "$rc"

# --- truncation: a clear error, never a crash -------------------------
for f in main.gzip main.xz main.zstd main.lz4 main.lzop main.bzip2 \
	 main.lzma e-gz.img; do
	size=$(wc -c <"$f")
	for cut in 1 7 64 $((size / 3)) $((size / 2)) $((size - 9)) \
		   $((size - 1)); do
		head -c "$cut" "$f" >cut.img
		run_ki out err cut.img
		check_no_crash "$f cut at $cut" "$rc" err
		check_one_error "$f cut at $cut" "$rc" err cut.img
	done
done

# A window or dictionary past the decoder memory limit (1 GiB): refused
# with the size asked for, not allocated. lzma-alone header: properties,
# u32 dictionary size, u64 size (-1: unknown).
{ printf '\135\0\0\0\140'; head -c 8 /dev/zero | tr '\0' '\377'
  head -c 64 /dev/zero; } >dict.lzma
run_ki out err dict.lzma
check_one_error "lzma 1.5 GiB dictionary" "$rc" err dict.lzma
# The dictionary and liblzma's own state, under 1 MiB, rounded up.
check_grep "lzma 1.5 GiB dictionary: why" "needs 1537 MiB to decode" err
if head -c 100 /dev/zero | zstd -q --long=31 --no-content-size -c \
	>w31.zst 2>/dev/null; then
	run_ki out err w31.zst
	check_one_error "zstd 2 GiB window" "$rc" err w31.zst
	check_grep "zstd 2 GiB window: why" "decoder limit of 1024 MiB" err
fi

# --- files that are no initramfs or kernel -----------------------------
mkdir adir
: >empty
printf 'PK\3\4 not an image' >zip
for f in adir empty zip /dev/null missing; do
	run_ki out err "$f"
	check_one_error "bad file $f" "$rc" err "$f"
done
check_grep "directory" "is a directory" <(cd "$WORK" && \
	KI adir 2>&1)

# The other files are still reported, and the status says one failed.
run_ki out err empty main.gzip
check_eq "keeps going: exit" 1 "$rc"
check_grep "keeps going: banner" "File: main.gzip" out
check_grep "keeps going: report" "Entries:                      $nent " out

# --- options and exit status ------------------------------------------
run_ki out err --help
check_eq "--help: exit" 0 "$rc"
check_grep "--help: usage" "Usage: kimginfo" out
check_eq "--help: 80 columns" 0 "$(awk 'length > 80' out | wc -l)"
run_ki out err --version
check_eq "--version: exit" 0 "$rc"
# config.h stands beside the built binary.
check_grep "--version: names the gzip decoder" "(gzip: $(grep -q \
'^#define HAVE_ISAL 1' "$(dirname "$KIMGINFO")/config.h" && echo isa-l ||
echo zlib))" out
for bad in "--bogus x" "" "--tmpfs-percent=0 -b k" "--tmpfs-percent=9x -b k" \
	   "--workload=-1 -b k" "-q x" "--shm=1 x" "--workload" "-b" \
	   "--force x" "--trust-sizes x" "-c -q k"; do
	run_ki out err $bad
	check_eq "usage '$bad': exit" 2 "$rc"
	check_grep "usage '$bad': hint" "Try 'kimginfo --help'" err
done

# --- kernel headers built from the boot protocol's offsets -------------
printf '\2\41\114\30abcdefghijkl' >lz4.payload
le lz4.payload 16 4 4096		# the decoded size that ends it
mk_bzimage golden.bzImage lz4.payload 0x500001
run_ki out err golden.bzImage
check_eq "bzImage: exit" 0 "$rc"
[ -n "${KIMGINFO_KEEP:-}" ] && cp out "$KIMGINFO_KEEP/bzimage.out"
check_eq "bzImage: golden output" "" \
	"$(diff "$TESTS_SRCDIR/expected/bzimage.out" out)"
check_grep "bzImage: init_size from od" \
	"init_size              0x00500001 ($(od_u golden.bzImage 0x260 4) bytes)" out

# A header report reads the header, not the file: under 64 KiB of a
# 64 MiB image, counted by strace on the file's descriptor.
cp golden.bzImage big.bzImage
truncate -s 64M big.bzImage
if command -v strace >/dev/null; then
	bytes=$(strace -e trace=openat,read,pread64,close -e signal=none \
		"$KIMGINFO" "$WORK/big.bzImage" 2>&1 >/dev/null | awk '
		/^openat.*big\.bzImage"/ { fd = $NF; next }
		fd != "" && $0 ~ "^(read|pread64)\\(" fd "," {
			split($0, a, "= "); s += a[2] }
		fd != "" && $0 ~ "^close\\(" fd "\\)" { fd = "" }
		END { print s + 0 }')
	check_eq "bzImage header: bytes read ($bytes) under 64 KiB" 1 \
		"$((bytes > 0 && bytes < 65536))"
else
	echo "note: no strace; the header's I/O is not measured"
fi

# A kernel on a pipe, a boot sector cut short, and init_size 0.
cat golden.bzImage | KI - >out 2>err
check_one_error "kernel on a pipe" "${PIPESTATUS[1]}" err -
check_grep "kernel on a pipe: reason" "regular file" err
head -c 513 golden.bzImage >short.bzImage
run_ki out err short.bzImage
check_one_error "bzImage cut at 513 bytes" "$rc" err short.bzImage
cp golden.bzImage zero.bzImage
le zero.bzImage 0x260 4 0
run_ki out err -b -q zero.bzImage
check_one_error "init_size 0" "$rc" err zero.bzImage
check_grep "init_size 0: reason" "init_size is 0" err

# --- the budget, against the formula computed here ---------------------
head -c 3000000 /dev/urandom >payload.raw
printf 'early init data: initramfs_options=\0' >>payload.raw
gzip -n -c payload.raw >with.gz
mk_bzimage with.bzImage with.gz 0x1400000
head -c 3000000 /dev/urandom | gzip -n -c >without.gz
mk_bzimage without.bzImage without.gz 0x1400000
I=$((0x1400000))
C=$(wc -c <e-gz.img)
U=$(($(cpio_used early.cpio) + ulen))
run_ki out err -b -q with.bzImage e-gz.img
check_eq "budget 90%" "$(budget "$U" "$C" "$I" 90)" "$(cat out)"
run_ki out err -b -q without.bzImage e-gz.img
check_eq "budget 50% (no initramfs_options=)" \
	"$(budget "$U" "$C" "$I" 50)" "$(cat out)"
run_ki out err -b without.bzImage e-gz.img
check_grep "budget 50%: says why" "ignores initramfs_options=" out
run_ki out err -b -q --cmdline='quiet initramfs_options=size=75%' \
	with.bzImage e-gz.img
check_eq "budget --cmdline 75%" "$(budget "$U" "$C" "$I" 75)" "$(cat out)"
run_ki out err -b -q --cmdline='quiet' with.bzImage e-gz.img
check_eq "budget --cmdline without size" "$(budget "$U" "$C" "$I" 50)" \
	"$(cat out)"
run_ki out err -b -q --tmpfs-percent=60 without.bzImage e-gz.img
check_eq "budget --tmpfs-percent" "$(budget "$U" "$C" "$I" 60)" "$(cat out)"
run_ki out err -b -q --workload=100 --shm=28 with.bzImage e-gz.img
check_eq "budget --workload --shm" "$(($(budget "$U" "$C" "$I" 90) - 128))" \
	"$(cat out)"
run_ki out err -b -q with.bzImage
check_eq "budget kernel only" "$(budget 0 0 "$I" 90)" "$(cat out)"

# Two initrd files: the second from a 4-byte boundary, sizes added.
run_ki out err -b -q with.bzImage odd.gz early.cpio
C2=$(($(wc -c <odd.gz) + (4 - $(wc -c <odd.gz) % 4) % 4 + \
	$(wc -c <early.cpio)))
U2=$(($(wc -c <odd.cpio) + $(cpio_used early.cpio)))
check_eq "budget two files" "$(budget "$U2" "$C2" "$I" 90)" "$(cat out)"

run_ki out err -b with.bzImage e-gz.img
[ -n "${KIMGINFO_KEEP:-}" ] && sed -e "s/$U/U/g; s/$C/C/g" out \
	>"$KIMGINFO_KEEP/budget.out"
check_eq "budget golden" "" \
	"$(diff "$TESTS_SRCDIR/expected/budget.out" \
		<(sed -e "s/$U/U/g; s/$C/C/g" out))"

run_ki out err -b -q with.bzImage lz4-gz.img
check_one_error "budget over a broken initramfs" "$rc" err lz4-gz.img
run_ki out err -b -q main.gzip main.gzip
check_one_error "budget with no kernel" "$rc" err main.gzip
run_ki out err -b -q --cmdline=initramfs_options=size=1g with.bzImage e-gz.img
check_eq "budget --cmdline size=1g: exit" 2 "$rc"
check_grep "budget --cmdline size=1g: why" "not a percentage" err

if [ -w /dev/full ]; then
	KI -b -q with.bzImage >/dev/full 2>err
	check_eq "write error: exit" 1 "$?"
	check_grep "write error: message" "write error" err
fi

finish
