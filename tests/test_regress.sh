#!/bin/bash
# Every input that ever made a fuzz target fail (tests/fuzz/regress/T)
# goes through the tool too: a report or one clear error line, never a
# crash.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

n=0
for f in "$TESTS_SRCDIR"/fuzz/regress/*/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$(dirname "$f")")/$(basename "$f")
	for opt in "" -a --list --summary; do
		"$KIMGINFO" $opt "$f" >out 2>err
		rc=$?
		check_no_crash "$name $opt" "$rc" err
	done
done
echo "regression inputs: $n"
check_eq "regression inputs present" 1 "$((n > 0))"

finish
