#!/bin/bash
# Inside the kernel: -a, --config, --extract-vmlinux and vmlinux ELF files,
# on fixtures made here: an ELF linked by gcc with a linux_banner symbol
# and a build ID, and bzImage headers whose gzip payloads embed a banner and
# an IKCONFIG block. Expected values come from readelf, gzip and cmp.
. "$(dirname "$0")/lib.sh"

for tool in gcc readelf gzip cmp; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool is not installed (see tests/install-deps.sh)"
		exit 77
	fi
done
cd "$WORK" || exit 99

# --- a vmlinux-like ELF, read with libelf, checked against readelf ------
cat >vm.c <<'C'
const char linux_banner[] =
	"Linux version 6.99.0-elf (kimginfo tests) #1 SMP\n";
int _start(void) { return 0; }
C
if ! gcc -nostdlib -static -Wl,--build-id=sha1 -o vmlinux vm.c 2>cc.err; then
	echo "SKIP: gcc cannot link a static ELF here: $(head -1 cc.err)"
	exit 77
fi
run_ki out err vmlinux
check_eq "vmlinux: exit" 0 "$rc"
check_grep "vmlinux: format" "Format: vmlinux ELF" out
check_grep "vmlinux: banner from the symbol" \
	"Banner (linux_banner):        Linux version 6.99.0-elf" out
check_grep "vmlinux: entry point (readelf -h)" \
	"Entry point:                  $(readelf -h vmlinux |
	awk '/Entry point/ { print $4 }')" out
nload=$(readelf -lW vmlinux | grep -c '^  LOAD')
check_eq "vmlinux: PT_LOAD count (readelf -l)" "$nload" \
	"$(grep -c '^  LOAD ' out)"
memsz=$(readelf -lW vmlinux | awk '/^  LOAD/ { print $6 }' |
	while read -r h; do printf '%d ' "$h"; done)
check_eq "vmlinux: PT_LOAD memory sizes (readelf -l)" "$memsz" \
	"$(awk '/^  LOAD / { print $6 }' out | tr '\n' ' ')"
id=$(readelf -n vmlinux | awk '/Build ID/ { print $3 }')
check_grep "vmlinux: build ID (readelf -n)" "build ID $id" out
run_ki out err -b -q vmlinux
check_one_error "vmlinux: no budget" "$rc" err vmlinux

# --- a bzImage whose payload embeds a banner and a config ---------------
printf 'CONFIG_RD_GZIP=y\n# CONFIG_RD_ZSTD is not set\nCONFIG_X=42\n' \
	>config.txt
{
	head -c 5000 /dev/urandom | tr -d 'LI'
	printf 'Linux version 6.99.0-fixture (kimginfo tests) #1\n'
	head -c 3000 /dev/urandom | tr -d 'LI'
	printf 'IKCFG_ST'; gzip -n -c config.txt; printf 'IKCFG_ED'
	head -c 3000 /dev/urandom | tr -d 'LI'
} >code.bin
gzip -n -c code.bin >code.gz
mk_bzimage cfg.bzImage code.gz $((16 << 20))
KI --config cfg.bzImage >config.out 2>err
check_eq "--config: exit" 0 "$?"
check_eq "--config: the text gzip held" "" "$(cmp config.txt config.out)"
run_ki out err -a cfg.bzImage
check_eq "-a: exit" 0 "$rc"
check_grep "-a: decoded size (wc -c)" \
	"Size:                         $(wc -c <code.bin) bytes" out
check_grep "-a: banner" \
	"Banner:                       Linux version 6.99.0-fixture" out
check_grep "-a: releases agree" "name the same release" out
check_grep "-a: config size" \
	"Embedded config:              $(wc -c <config.txt) bytes" out

# Without the markers: no config, exit 1, and a message that says why.
gzip -n -c vm.c >plain.gz
mk_bzimage plain.bzImage plain.gz $((16 << 20))
run_ki out err --config plain.bzImage
check_one_error "--config without IKCONFIG" "$rc" err plain.bzImage
check_grep "--config without IKCONFIG: why" "CONFIG_IKCONFIG" err

# A damaged payload fails -a with a clear line, never a crash.
cp cfg.bzImage bad.bzImage
printf 'XXXXXXXX' | dd of=bad.bzImage bs=1 seek=$((0xa10 + 200)) \
	conv=notrunc status=none
run_ki out err -a bad.bzImage
check_no_crash "-a on a damaged payload" "$rc" err
check_one_error "-a on a damaged payload" "$rc" err bad.bzImage

# --- --extract-vmlinux: the code, through a temporary file ---------------
run_ki out err --extract-vmlinux=x.bin cfg.bzImage
check_eq "extract: exit" 0 "$rc"
check_eq "extract: the decoded code (gzip -dc)" "" "$(cmp code.bin x.bin)"
run_ki out err --extract-vmlinux=x.bin cfg.bzImage
check_one_error "extract: no overwrite" "$rc" err cfg.bzImage
check_grep "extract: says --force" "--force" err
printf 'old' >x.bin
run_ki out err --extract-vmlinux=x.bin --force cfg.bzImage
check_eq "extract --force: exit" 0 "$rc"
check_eq "extract --force: replaced" "" "$(cmp code.bin x.bin)"
run_ki out err --extract-vmlinux=y.bin bad.bzImage
check_eq "extract of a damaged payload: exit" 1 "$rc"
check_eq "extract of a damaged payload: nothing left behind" "" \
	"$(ls y.bin* 2>/dev/null)"

finish
