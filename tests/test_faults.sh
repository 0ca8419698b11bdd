#!/bin/bash
# Storage that misbehaves, simulated with an LD_PRELOAD shim over read(2)
# and pread(2) (tests/shim/readfault.c): short reads and EINTR must change
# nothing in the output; EIO part-way gives one clear error and exit 1.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

SHIM=$WORK/readfault.so
if ! ${CC:-cc} -shared -fPIC -o "$SHIM" "$TESTS_SRCDIR/shim/readfault.c" \
	-ldl 2>cc.err; then
	echo "SKIP: cannot build the read shim: $(head -1 cc.err)"
	exit 77
fi
# An ASan build wants its runtime first; the shim only wraps two calls.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

make_tree . root 40
mk_cpio root newc main.cpio
gzip -n -c main.cpio >main.gz
zstd -q -c main.cpio >main.zst
{ cat main.cpio; cat main.zst; } >two.img
head -c 1500000 /dev/urandom | gzip -n -c >code.gz
mk_bzimage k.bzImage code.gz $((16 << 20))

faulty() {
	LD_PRELOAD=$SHIM KI_FAULT=$1 KI_FAULT_AFTER=${2:-0} \
		"$KIMGINFO" "${@:3}"
}

for args in "-a k.bzImage" "--list main.gz" "--summary two.img" \
	    "-b k.bzImage main.gz two.img" "--check k.bzImage two.img"; do
	KI $args >ref 2>referr
	ref_rc=$?
	for mode in short eintr; do
		faulty $mode 0 $args >out 2>err
		rc=$?
		check_eq "$mode: $args: exit" "$ref_rc" "$rc"
		check_eq "$mode: $args: same output" "" "$(diff ref out)"
		check_eq "$mode: $args: same errors" "" "$(diff referr err)"
	done
done

# EIO at the start, inside a header, and deep inside a stream (the
# payload, 1.5 MB, takes several reads, so that 150000 falls inside it).
for after in 0 100 3000 150000; do
	for f in main.gz two.img k.bzImage; do
		faulty eio $after -a "$f" >out 2>err
		rc=$?
		check_no_crash "eio after $after: $f" "$rc" err
		check_one_error "eio after $after: $f" "$rc" err "$f"
		check_grep "eio after $after: $f: reason" \
			"Input/output error" err
	done
done

# A file cut short while it is read: fstat's size no longer holds.
for after in 100 3000 150000; do
	for f in main.gz two.img k.bzImage; do
		faulty shrink $after -a "$f" >out 2>err
		rc=$?
		check_no_crash "shrinks at $after: $f" "$rc" err
		check_one_error "shrinks at $after: $f" "$rc" err "$f"
	done
done

# A file that cannot be opened, and the files after it still read.
KI -s main.gz >ref 2>/dev/null
LD_PRELOAD=$SHIM KI_FAULT=eacces "$KIMGINFO" -s main.gz >out 2>err
rc=$?
check_one_error "unreadable" "$rc" err main.gz
check_grep "unreadable: reason" "Permission denied" err
if [ "$(id -u)" != 0 ]; then
	cp main.gz locked.gz && chmod 000 locked.gz
	run_ki out err -s locked.gz main.gz
	check_one_error "mode 000" "$rc" err locked.gz
	check_grep "mode 000: the next file" "$(sed -n 2p ref)" out
fi

# Devices and FIFOs: a character device is refused before any read (an
# endless /dev/zero would otherwise be zero padding forever); a FIFO is
# read like a pipe, with the same report as the file.
timeout 60 "$KIMGINFO" /dev/zero >out 2>err
rc=$?
check_one_error "/dev/zero" "$rc" err /dev/zero
check_grep "/dev/zero: reason" "not a regular file or a pipe" err
mkfifo fifo
cat main.gz >fifo &
timeout 60 "$KIMGINFO" --summary fifo >out 2>err
check_eq "fifo: exit" 0 "$?"
wait
KI --summary main.gz >ref
check_eq "fifo: same summary" "" "$(diff <(sed 1d ref) <(sed 1d out))"

# --- out of memory at each allocation point -----------------------------
# tests/shim/allocfail.c fails the Nth malloc, calloc or realloc; every N
# up to the count a clean run makes must end in a report or an error, never
# a crash. An ASan build has its own allocator, which the shim would
# bypass: there the loop is skipped.
ALLOC=$WORK/allocfail.so
if ldd "$KIMGINFO" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "note: sanitizer build; allocation failures not injected"
elif ! ${CC:-cc} -shared -fPIC -o "$ALLOC" \
	"$TESTS_SRCDIR/shim/allocfail.c" 2>cc.err; then
	echo "note: cannot build the allocation shim: $(head -1 cc.err)"
else
	for args in "-a k.bzImage" "--list main.zst" "--summary two.img" \
		    "-b k.bzImage main.gz two.img" "--check k.bzImage two.img" \
		    "-j -a k.bzImage" "-j --list two.img" "-j -s main.gz" \
		    "-j -b k.bzImage two.img" "-j -c k.bzImage two.img"; do
		total=$(LD_PRELOAD=$ALLOC KI_FAIL_ALLOC=0 "$KIMGINFO" $args \
			2>&1 >/dev/null | sed -n 's/^allocations: //p')
		check_eq "allocations counted: $args" 1 "$((${total:-0} > 0))"
		bad=0
		for ((n = 1; n <= total; n++)); do
			LD_PRELOAD=$ALLOC KI_FAIL_ALLOC=$n "$KIMGINFO" $args \
				>out 2>err
			rc=$?
			if [ "$rc" -gt 1 ]; then
				bad=$((bad + 1))
				echo "  $args: allocation $n: exit $rc"
			fi
		done
		check_eq "out of memory at each of $total points: $args" 0 "$bad"
	done
fi

finish
