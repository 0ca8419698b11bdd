#!/bin/bash
# make fuzz: replay each target's regression inputs (tests/fuzz/regress/T,
# every one an input that once failed), then fuzz it for FUZZ_SECONDS from
# seeds that the shell tests generate: their fixtures, good and broken.
# Prints the executions per target; exits non-zero on the first finding,
# which is left in the working directory as crash-*, leak-* or timeout-*.
set -eu
: "${TESTS_SRCDIR:?}" "${FUZZ_SECONDS:=60}"
FUZZ_DIR=$TESTS_SRCDIR/fuzz

work=$(mktemp -d "${TMPDIR:-/tmp}/kimginfo-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "fuzz: making seeds from the shell tests"
for t in test_cli test_list test_kernel test_check test_trust; do
	KIMGINFO_SEEDS=$work/seeds bash "$TESTS_SRCDIR/$t.sh" >/dev/null 2>&1 ||
		{ echo "fuzz: $t.sh failed; run make check" >&2; exit 1; }
done
echo "fuzz: $(ls "$work/seeds" | wc -l) seeds"

opts="-timeout=30 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1"
for target in "$@"; do
	name=$(basename "$target")
	short=${name#fuzz_}

	if [ -d "$FUZZ_DIR/regress/$short" ]; then
		"$target" $opts -runs=0 "$FUZZ_DIR/regress/$short" \
			>"$work/$short.replay" 2>&1 ||
			{ cat "$work/$short.replay"; exit 1; }
	fi

	mkdir -p "$work/corpus-$short"
	if ! "$target" $opts -max_total_time="$FUZZ_SECONDS" \
		-dict="$FUZZ_DIR/dict/$short.dict" \
		"$work/corpus-$short" "$work/seeds" >"$work/$short.log" 2>&1
	then
		tail -n 60 "$work/$short.log"
		echo "fuzz: $name found a failure: see crash-*/leak-*/timeout-*" >&2
		exit 1
	fi
	printf 'fuzz: %-16s %10s runs in %ss, corpus %s\n' "$name" \
		"$(sed -n 's/^stat::number_of_executed_units: //p' \
			"$work/$short.log")" "$FUZZ_SECONDS" \
		"$(ls "$work/corpus-$short" | wc -l)"
done
