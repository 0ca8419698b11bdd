#!/bin/bash
# Build kimginfo from nothing and run every test: the build with warnings
# as errors and `make distcheck`, then the suite again built with
# AddressSanitizer and UndefinedBehaviorSanitizer, then again with zlib
# as the gzip decoder, then the unit tests and
# the command-line tests under valgrind, then each libFuzzer target for
# FUZZ_SECONDS (45 unless set; 0 skips fuzzing). As root it first
# installs the Debian packages it needs. Set KIMGINFO_SAMPLES to the folder
# of real images to run the tests on them too.
set -euo pipefail
# The samples folder as given, from the caller's directory: the tests run
# in build directories.
if [ -n "${KIMGINFO_SAMPLES:-}" ] && [ -d "$KIMGINFO_SAMPLES" ]; then
	KIMGINFO_SAMPLES=$(cd "$KIMGINFO_SAMPLES" && pwd)
	export KIMGINFO_SAMPLES
fi
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc)
passed=0
failed=0
skipped=0

if [ "$(id -u)" = 0 ]; then
	tests/install-deps.sh
fi

# tally DIR: add a build's automake results to the totals.
tally() {
	local p f
	p=$(awk '/^# PASS:/ { print $3 }' "$1/test-suite.log")
	f=$(awk '/^# (FAIL|XPASS|ERROR):/ { n += $3 } END { print n + 0 }' \
		"$1/test-suite.log")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + $(awk '/^# SKIP:/ { print $3 }' \
		"$1/test-suite.log")))
	grep '^SKIP: ' "$1/test-suite.log" | sed "s|^|$1: |" || true
}

# build DIR CONFIGURE-FLAGS...: configure out of tree, build, make check.
build() {
	local dir=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" --enable-werror "$@" >configure.out &&
		make -j"$jobs" >make.out && make -j"$jobs" check) ||
		{ cat "$dir"/test-suite.log 2>/dev/null | tail -80; tally "$dir" ||
		  true; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
	tally "$dir"
}

./autogen.sh >/dev/null 2>&1

echo "== build with -Werror, make check"
build build/plain
echo "== make distcheck"
(cd build/plain && make -j"$jobs" distcheck \
	DISTCHECK_CONFIGURE_FLAGS=--enable-werror >distcheck.out 2>&1) ||
	{ tail -60 build/plain/distcheck.out; exit 1; }
echo "== AddressSanitizer and UndefinedBehaviorSanitizer"
build build/sanitize --enable-asan --enable-ubsan CFLAGS="-O1 -g"
echo "== gzip decoded by zlib rather than isa-l"
build build/zlib --without-isal

echo "== valgrind"
vg="valgrind -q --error-exitcode=101 --leak-check=full"
vg="$vg --errors-for-leak-kinds=definite,indirect"
for t in build/plain/tests/test_budget build/plain/tests/test_cpio \
	 build/plain/tests/test_initramfs build/plain/tests/test_bzimage \
	 build/plain/tests/test_image build/plain/tests/test_inventory; do
	if $vg "$t" >"$t.vg.log" 2>&1; then
		passed=$((passed + 1))
	else
		echo "FAIL: $t under valgrind"; tail -30 "$t.vg.log"
		failed=$((failed + 1))
	fi
done
for t in test_cli.sh test_list.sh test_kernel.sh test_check.sh; do
	log=build/plain/$t.vg.log
	if KIMGINFO="$top/build/plain/kimginfo" KIMGINFO_WRAPPER="$vg" \
		bash "tests/$t" >"$log" 2>&1; then
		passed=$((passed + 1))
	else
		echo "FAIL: $t under valgrind"; tail -30 "$log"
		failed=$((failed + 1))
	fi
done

if [ "${FUZZ_SECONDS:-45}" != 0 ]; then
	echo "== libFuzzer, ${FUZZ_SECONDS:-45} s a target"
	rm -rf build/fuzz && mkdir -p build/fuzz
	if (cd build/fuzz && "$top/configure" CC=clang --enable-fuzz \
		CFLAGS="-O1 -g" >configure.out && make -j"$jobs" >make.out &&
		make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-45}" >fuzz.out 2>&1)
	then
		grep '^fuzz: fuzz_' build/fuzz/fuzz.out
		passed=$((passed + 1))
	else
		echo "FAIL: make fuzz"; tail -60 build/fuzz/fuzz.out
		failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
