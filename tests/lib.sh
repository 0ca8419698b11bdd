# Shared by the shell tests: checks that count, and fixture builders that
# use the compressors' and cpio's own command-line tools, so that expected
# values come from a route independent of kimginfo.

set -u
KIMGINFO=${KIMGINFO:-$(cd "$(dirname "$0")/.." && pwd)/kimginfo}
TESTS_SRCDIR=${TESTS_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
npass=0
nfail=0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kimginfo-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# need_tools TOOL...: skip the whole test (77) unless every TOOL is there.
need_tools() {
	local tool
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "SKIP: $tool is not installed" \
			     "(see tests/install-deps.sh)"
			exit 77
		fi
	done
}

pass() { npass=$((npass + 1)); }
fail() {
	nfail=$((nfail + 1))
	echo "FAIL: $*" >&2
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# check_grep WHAT PATTERN FILE: a fixed string must be in FILE.
check_grep() {
	if grep -qF -- "$2" "$3"; then pass; else
		fail "$1: '$2' not in $(head -c 600 "$3")"
	fi
}

# KI ARGS...: run kimginfo, under $KIMGINFO_WRAPPER (e.g. valgrind) if set.
KI() {
	${KIMGINFO_WRAPPER:-} "$KIMGINFO" "$@"
}

# run_ki OUT ERR ARGS...: run kimginfo, leave its status in $rc.
run_ki() {
	local out=$1 err=$2
	shift 2
	KI "$@" >"$out" 2>"$err"
	rc=$?
}

# A crash or a sanitizer abort is never an acceptable way to fail.
check_no_crash() {
	if [ "$2" -ge 2 ] && [ "$2" != 2 ]; then
		fail "$1: exit status $2 (crash?)"
	elif grep -qE 'Sanitizer|runtime error|Segmentation' "$3"; then
		fail "$1: $(head -3 "$3")"
	else
		pass
	fi
}

# One line on stderr, "kimginfo: FILE: ...", and exit status 1.
check_one_error() {
	local what=$1 rc_=$2 err=$3 file=$4
	check_eq "$what: exit status" 1 "$rc_"
	check_eq "$what: stderr lines" 1 "$(wc -l <"$err")"
	check_grep "$what: message names the file" "kimginfo: $file: " "$err"
}

# le FILE OFFSET SIZE VALUE: store VALUE little-endian at OFFSET.
le() {
	local f=$1 off=$2 size=$3 v=$4 i s=""
	for ((i = 0; i < size; i++)); do
		s+=$(printf '\\%03o' $(((v >> (8 * i)) & 255)))
	done
	printf "$s" | dd of="$f" bs=1 seek=$((off)) conv=notrunc status=none
}

# od_u FILE OFFSET SIZE: the little-endian unsigned integer there.
od_u() {
	od -An -t u"$3" -j $(($2)) -N "$3" --endian=little "$1" | tr -d ' '
}

# make_tree DIR NAME N: a directory of N files of varied sizes, a symlink
# and a device node, with fixed times so archives are reproducible.
make_tree() {
	local d=$1/$2 i
	mkdir -p "$d/sub"
	for ((i = 0; i < $3; i++)); do
		head -c $(((i * 7919) % 20000)) /dev/urandom >"$d/sub/f$i"
	done
	printf 'hello\n' >"$d/hello"
	ln -s hello "$d/link"
	mknod "$d/null" c 1 3 2>/dev/null || true
	find "$d" -exec touch -h -d @1000000000 {} +
}

# mk_cpio DIR FORMAT OUT: archive DIR's content (relative names).
mk_cpio() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H "$2" --reproducible --quiet) >"$3"
}

# list_count FILE: entry lines in a saved kimginfo --list output.
list_count() {
	grep -vcE '^(Segment |Format: |$)' "$1"
}

# cpio_count FILE: entries in an uncompressed archive, by cpio itself.
cpio_count() {
	cpio -t --quiet <"$1" | wc -l
}

# cpio_used FILE: an uncompressed newc archive's length up to the end of
# its TRAILER!!! entry, without the NUL blocking cpio adds after it: the
# trailer's 110-byte header and 11-byte name end 4 bytes past the last
# non-NUL byte, '!', once padded to 124 bytes.
cpio_used() {
	perl -0777 -ne 's/\0+\z//; print length($_) + 4' "$1"
}

# ceil_mib BYTES: ceil(BYTES / 2^20), by shell arithmetic.
ceil_mib() { echo $((($1 + 1048575) / 1048576)); }

# budget U C I PERCENT: FACTS.md's formula with workload 256, shm 0.
budget() {
	local u c i s content boot
	u=$(ceil_mib "$1"); c=$(ceil_mib "$2"); i=$(ceil_mib "$3")
	s=$(((u * 100 + $4 - 1) / $4))
	content=$((s + i + c))
	boot=$(((content * 64 + 62) / 63))
	echo $((boot + 256))
}

# mk_bzimage OUT PAYLOAD INIT_SIZE: a protocol 2.15 setup header laid out
# from Documentation/arch/x86/boot.rst, 4 setup sectors, then PAYLOAD.
mk_bzimage() {
	local out=$1 payload=$2 plen
	plen=$(wc -c <"$payload")
	head -c $((0xa10)) /dev/zero >"$out"
	cat "$payload" >>"$out"
	le "$out" 0x1f1 1 4			# setup_sects
	le "$out" 0x1fe 2 0xaa55		# boot_flag
	printf 'HdrS' | dd of="$out" bs=1 seek=$((0x202)) conv=notrunc \
		status=none
	le "$out" 0x206 2 0x020f		# version 2.15
	le "$out" 0x20e 2 0x0200		# kernel_version at 0x400
	printf '6.99.0-fixture (kimginfo tests)\0' |
		dd of="$out" bs=1 seek=$((0x400)) conv=notrunc status=none
	le "$out" 0x211 1 0x81			# LOADED_HIGH, CAN_USE_HEAP
	le "$out" 0x234 1 1			# relocatable_kernel
	le "$out" 0x235 1 21			# min_alignment
	le "$out" 0x236 2 0x0003		# KERNEL_64, ABOVE_4G
	le "$out" 0x248 4 0x10			# payload_offset
	le "$out" 0x24c 4 "$plen"		# payload_length
	le "$out" 0x260 4 "$3"			# init_size
}

# mk_uki OUT KERNEL INITRD UNAME CMDLINE: a Unified Kernel Image made the
# way ukify lays one out, with objcopy, around a minimal PE stub linked here.
mk_uki() {
	printf 'int efi_main(void) { return 0; }\n' >stub.c
	gcc -c -fPIC -fno-stack-protector -o stub.o stub.c &&
	ld -shared -Bsymbolic -nostdlib -e efi_main -o stub.so stub.o &&
	objcopy --target=efi-app-x86_64 stub.so stub.efi || return 1
	printf '%s\n' "$4" >uname.txt
	printf '%s\n' "$5" >cmdline.txt
	printf 'PRETTY_NAME="kimginfo test OS"\nID=test\n' >osrel.txt
	objcopy --add-section .osrel=osrel.txt \
		--change-section-vma .osrel=0x10000 \
		--add-section .uname=uname.txt \
		--change-section-vma .uname=0x20000 \
		--add-section .cmdline=cmdline.txt \
		--change-section-vma .cmdline=0x30000 \
		--add-section .linux="$2" --change-section-vma .linux=0x2000000 \
		--add-section .initrd="$3" \
		--change-section-vma .initrd=0x8000000 stub.efi "$1"
}

# With KIMGINFO_SEEDS set, the small files a test made become the fuzzers'
# seed corpus (tests/fuzz/run.sh): every fixture, good and broken.
save_seeds() {
	local f t
	[ -n "${KIMGINFO_SEEDS:-}" ] || return 0
	t=$(basename "$0" .sh)
	mkdir -p "$KIMGINFO_SEEDS"
	find "$WORK" -type f -size -1025k -size +0 | while read -r f; do
		cp "$f" "$KIMGINFO_SEEDS/$t-$(basename "$f")"
	done
}

finish() {
	echo "$npass passed, $nfail failed"
	save_seeds
	[ "$nfail" -eq 0 ]
}
