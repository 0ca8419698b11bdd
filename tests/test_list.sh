#!/bin/bash
# --list, --summary, --json and --strict on fixtures made with cpio and the
# compressors' tools; counts come from cpio -tv and find(1), JSON is checked
# against man/kimginfo.schema.json by Python's jsonschema.
. "$(dirname "$0")/lib.sh"

need_tools cpio gzip zstd python3
if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "SKIP: python3-jsonschema is not installed"
	exit 77
fi
SCHEMA=$TESTS_SRCDIR/../man/kimginfo.schema.json
cd "$WORK" || exit 99

# check_json WHAT ARGS...: the JSON document of kimginfo ARGS is valid.
check_json() {
	local what=$1
	shift
	KI --json "$@" >doc.json 2>/dev/null
	check_eq "$what: schema" valid \
		"$(python3 "$TESTS_SRCDIR/validate-json.py" "$SCHEMA" <doc.json)"
}

# jq-like look-ups with Python: jget EXPR reads doc.json as d.
jget() {
	python3 -c "import json; d = json.load(open('doc.json')); print($1)"
}

# A tree with hard links, a long symlink, a fifo, /init, microcode, modules.
make_tree . main 12
t=main
printf '#!/bin/sh\n' >"$t/init"
chmod 755 "$t/init"
ln "$t/sub/f3" "$t/sub/f3-link1"
ln "$t/sub/f3" "$t/sub/f3-link2"
ln -s "$(printf 'x%.0s' $(seq 200))" "$t/longlink"
mkfifo "$t/fifo"
mkdir -p "$t/usr/lib/modules/6.99.0-test/kernel" "$t/conf"
: >"$t/conf/initramfs.conf"
find "$t" -exec touch -h -d @1000000000 {} +
mk_cpio "$t" newc main.cpio
gzip -n -c main.cpio >main.gz
mkdir -p early/kernel/x86/microcode
head -c 3000 /dev/urandom >early/kernel/x86/microcode/GenuineIntel.bin
mk_cpio early newc early.cpio
cat early.cpio main.gz >img

# --- --list: every entry of every segment, as cpio -tv counts them ------
n_early=$(cpio_count early.cpio)
n_main=$(cpio_count main.cpio)
run_ki out err --list img
check_eq "list: exit" 0 "$rc"
check_eq "list: entries of both segments" $((n_early + n_main)) \
	"$(list_count out)"
check_grep "list: segment 0 header" "Segment 0: uncompressed cpio at 0x0:" out
check_grep "list: segment 1 header" "Segment 1: gzip stream at 0x" out
check_eq "list: names in archive order" \
	"$( (cpio -t --quiet <early.cpio; cpio -t --quiet <main.cpio) | tr '\n' ' ')" \
	"$(grep -vE '^(Segment |Format: |$)' out | sed -e 's/^.* [0-9][0-9]:[0-9][0-9] //' \
	   -e 's/ -> .*//; s/ link to .*//' | tr '\n' ' ')"
check_grep "list: symlink target" "link -> hello" out
# The first name of the group in archive order, as cpio wrote it.
first=$(cpio -t --quiet <main.cpio | grep -m1 '^sub/f3')
check_grep "list: hard link" "link to $first" out
check_grep "list: fifo type" "prw-r--r--" out
if [ -e "$t/null" ]; then
	check_grep "list: device numbers" "    1,    3" out
fi
KI -l - <main.gz >pipe.out 2>&1
check_eq "list: through a pipe" "$n_main" "$(list_count pipe.out)"

# --- --summary: counts against find(1) --------------------------------
run_ki out err --summary img
check_eq "summary: exit" 0 "$rc"
row() { grep -E "^  $1 " out | awk '{ print $(NF - 2) }'; }
total() { grep -E "^  $1 " out | awk -v n="$2" '{ print $(NF - n) }'; }
nreg=$(find "$t" -mindepth 1 -type f -links 1 | wc -l)
nhl=$(find "$t" -mindepth 1 -type f -links +1 | wc -l)
ndir=$(find "$t" -mindepth 1 -type d | wc -l)
nlnk=$(find "$t" -mindepth 1 -type l | wc -l)
check_grep "summary: regular files (first names)" \
	"$(printf '  %-22s %14s' 'Regular files' $((nreg + 1 + 1)))" out
check_grep "summary: hard links (later names)" \
	"$(printf '  %-22s %14s' 'Hard links' $((nhl - 1)))" out
check_grep "summary: directories" \
	"$(printf '  %-22s %14s' 'Directories' $((ndir + 3)))" out
check_grep "summary: symlinks" "$(printf '  %-22s %14s' 'Symlinks' "$nlnk")" out
data=$(find "$t" early -type f -printf '%i %s\n' | sort -u |
	awk '{ s += $2 } END { print s }')
check_grep "summary: file data, each inode once" \
	"$(printf '  %-22s %14s' 'File data (bytes)' "$data")" out
pages=$(find "$t" early -type f -printf '%i %s\n' | sort -u |
	awk '{ s += int(($2 + 4095) / 4096) * 4096 } END { print s }')
check_grep "summary: 4K pages" \
	"$(printf '  %-22s %14s' 'In 4K pages (bytes)' $((pages + 4096)))" out
check_grep "summary: microcode" \
	"kernel/x86/microcode/GenuineIntel.bin (3000 bytes)" out
check_grep "summary: modules" "Kernel modules for:           6.99.0-test" out
check_grep "summary: generator" "Generator:                    initramfs-tools" out
check_grep "summary: /init" "/init:                        regular file, mode 0755, executable" out

# --- duplicates and --strict -------------------------------------------
cat early.cpio early.cpio >dup.img
run_ki out err dup.img
check_eq "duplicates: exit without --strict" 0 "$rc"
check_grep "duplicates: warning" \
	"warning: kernel/x86/microcode/GenuineIntel.bin is given 2 times" err
run_ki out err --strict dup.img
check_eq "duplicates: exit with --strict" 1 "$rc"

# cpio's blocking to 512 bytes is no news; more padding is a warning.
run_ki out err early.cpio
check_eq "cpio blocking: no warning" 0 "$(wc -l <err)"
{ cat early.cpio; head -c 1024 /dev/zero; } >padded.cpio
run_ki out err padded.cpio
check_grep "extra padding: warning" "bytes of zero padding after" err

# The budget warns too, and --strict fails it.
printf 'initramfs_options=\0' | gzip -n -c >p.gz
mk_bzimage b.bzImage p.gz $((8 << 20))
run_ki out err -b -q b.bzImage dup.img
check_eq "budget with duplicates: exit" 0 "$rc"
check_grep "budget with duplicates: warning" "is given 2 times" err
run_ki out err -b -q --strict b.bzImage dup.img
check_eq "budget --strict with duplicates: exit" 1 "$rc"
run_ki out err -b -l b.bzImage dup.img
check_eq "budget with --list: usage" 2 "$rc"

# Several files: cpio's blocking of the last one is no news either, and a
# warning names the file it is about, with its offset in that file.
run_ki out err -b -q --strict b.bzImage main.gz early.cpio
check_eq "budget, gzip + blocked cpio: exit" 0 "$rc"
check_eq "budget, gzip + blocked cpio: no warning" 0 "$(wc -l <err)"
run_ki out err -b -q b.bzImage main.gz padded.cpio
check_grep "budget, extra padding: names the file" \
	"kimginfo: padded.cpio: warning: $((1024 + $(wc -c <early.cpio) - \
	$(cpio_used early.cpio))) bytes of zero padding after the last segment \
(at offset 0x$(printf %x "$(cpio_used early.cpio)"))" err

# Names with control bytes stay on one line of the listing.
mkdir -p odd && printf x >"odd/$(printf 'a\nb')"
(cd odd && printf 'a\nb\0' | cpio -o -0 -H newc --quiet) >odd.cpio
run_ki out err -l odd.cpio
check_grep "odd name: escaped in the listing" 'a\x0ab' out

# Many duplicate paths: the first eight in order, then how many more.
mkdir -p many
for i in $(seq 10 21); do : >"many/p$i"; done
mk_cpio many newc many1.cpio
cat many1.cpio many1.cpio >many.img
run_ki out err -s many.img
check_grep "duplicates: first in order" "    p10: 2 copies" out
check_grep "duplicates: how many more" "... and 4 more paths" out

# JSON stays UTF-8 whatever bytes a name holds.
mkdir -p utf && printf x >"utf/$(printf '\377\200\200')" &&
	printf x >"utf/$(printf 'caf\303\251')"
mk_cpio utf newc utf.cpio
check_json "json: names that are not UTF-8" -l utf.cpio
check_eq "json: a UTF-8 name kept" "True" \
	"$(jget 'any(e["path"] == "caf\u00e9" for e in d["files"][0]["entries"])')"

# An option given a value it does not take is named as written.
run_ki out err --list=1 img
check_eq "--list=1: usage" 2 "$rc"
check_grep "--list=1: named" "'--list=1'" err

# --- crc archives: the kernel's checksum ------------------------------
mk_cpio early crc crc.cpio
run_ki out err crc.cpio
check_eq "crc: good checksums" 0 "$rc"
off=$(grep -abo 'GenuineIntel.bin' crc.cpio | head -1 | cut -d: -f1)
printf 'X' | dd of=crc.cpio bs=1 seek=$((off + 40)) conv=notrunc status=none
run_ki out err crc.cpio
check_one_error "crc: damaged data" "$rc" err crc.cpio
check_grep "crc: kernel's reason" "bad data checksum" err

# --- JSON: every report validates; entries carry what a pipeline needs --
check_json "json: initramfs" img
check_json "json: list and summary" -l -s img
check_eq "json: entries listed" $((n_early + n_main)) \
	"$(jget 'len(d["files"][0]["entries"])')"
check_eq "json: hardlink_of" "$first" \
	"$(jget '[e["hardlink_of"] for e in d["files"][0]["entries"] if e["path"].startswith("sub/f3") and e["hardlink_of"]][0]')"
check_eq "json: entry keys" "True" \
	"$(jget 'all(k in e for e in d["files"][0]["entries"] for k in ("path", "type", "mode", "uid", "gid", "size", "mtime", "segment"))')"
check_eq "json: segment of an entry" 1 \
	"$(jget '[e["segment"] for e in d["files"][0]["entries"] if e["path"] == "init"][0]')"
check_json "json: errors" img empty-missing
check_eq "json: error object" "empty-missing" "$(jget 'd["errors"][0]["file"]')"
check_json "json: warnings" dup.img
check_eq "json: warning object" "dup.img" "$(jget 'd["warnings"][0]["file"]')"
cat main.gz main.gz >bad.img
printf 'junk' >>bad.img
check_json "json: failed walk" bad.img
check_eq "json: not bootable" False \
	"$(jget 'd["files"][0]["initramfs"]["bootable"]')"
check_eq "json: error offset is an integer" "True" \
	"$(jget 'isinstance(d["errors"][0]["offset"], int)')"

# A kernel header and a budget from the fixtures of lib.sh.
printf 'early init data: initramfs_options=\0' | gzip -n -c >payload.gz
mk_bzimage k.bzImage payload.gz $((16 << 20))
check_json "json: bzImage" k.bzImage
check_eq "json: init_size field" $((16 << 20)) \
	"$(jget '[f["value"] for f in d["files"][0]["kernel"]["bzimage"]["fields"] if f["name"] == "init_size"][0]')"
check_json "json: budget" -b k.bzImage img
check_eq "json: budget total" "$(KI -bq k.bzImage img)" \
	"$(jget 'd["budget"]["total_mib"]')"
check_json "json: budget, pages model" -b --rootfs-model=pages k.bzImage img
run_ki out err -bq --rootfs-model=pages k.bzImage img
U=$(( $(find "$t" early -type f -printf '%i %s\n' | sort -u |
	awk '{ s += int(($2 + 4095) / 4096) * 4096 } END { print s }') + 4096 ))
check_eq "budget, pages model: U from find" \
	"$(budget "$U" "$(wc -c <img)" $((16 << 20)) 90)" "$(cat out)"
run_ki out err --json -q -b k.bzImage img
check_eq "--json with -q: usage" 2 "$rc"

finish
