#!/bin/bash
# --check on pairs made here, each check made to pass and to fail: a
# bzImage whose gzip payload embeds a banner and an IKCONFIG block, and
# initramfs images made with cpio, gzip and zstd.
. "$(dirname "$0")/lib.sh"

need_tools cpio gzip zstd lz4
cd "$WORK" || exit 99

# result NAME: the status of check NAME in the last run's out.
result() { awk -v n="$1" '$1 == n { print $2 }' out; }

# The kernel: release 6.99.0-fixture in its header and banner, and a
# config with gzip but not zstd initramfs support.
printf 'CONFIG_RD_GZIP=y\n# CONFIG_RD_ZSTD is not set\n' >config.txt
{
	printf 'Linux version 6.99.0-fixture (kimginfo tests) #1\n'
	printf 'initramfs_options=\0'
	printf 'IKCFG_ST'; gzip -n -c config.txt; printf 'IKCFG_ED'
} >code.bin
gzip -n -c code.bin >code.gz
mk_bzimage k.bzImage code.gz $((16 << 20))

# A root with /init, a module tree for the release, and a symlink.
mkdir -p root/lib/modules/6.99.0-fixture root/sbin
printf '#!/bin/sh\n' >root/init
chmod 755 root/init
printf '#!/bin/sh\n' >root/sbin/real-init
chmod 755 root/sbin/real-init
ln -s real-init root/sbin/init
ln -s ../nowhere root/sbin/dangling
mk_cpio root newc root.cpio
gzip -n -c root.cpio >root.gz
zstd -q -c root.cpio >root.zst

# --- everything passes, or is skipped for want of an option ---------------
run_ki out err --check k.bzImage root.gz
check_eq "good pair: exit" 0 "$rc"
for c in kernel-header kernel-payload initramfs-decode \
	 initramfs-compression modules init; do
	check_eq "good pair: $c" PASS "$(result "$c")"
done
check_eq "good pair: page-size" SKIP "$(result page-size)"
check_eq "good pair: rootfs-fits" SKIP "$(result rootfs-fits)"
check_grep "good pair: counts" "6 passed, 0 warnings, 0 failed, 2 skipped" out

# --- each check made to fail ---------------------------------------------
run_ki out err --check k.bzImage root.zst
check_eq "zstd without CONFIG_RD_ZSTD: exit" 1 "$rc"
check_eq "zstd without CONFIG_RD_ZSTD" FAIL "$(result initramfs-compression)"
check_grep "zstd: reason" "lacks CONFIG_RD_ZSTD=y" out
printf 'CONFIG_RD_ZSTD=y\n' >zstd.config
run_ki out err --check --kernel-config=zstd.config k.bzImage root.zst
check_eq "zstd with --kernel-config" PASS "$(result initramfs-compression)"

cp -r root other && mv other/lib/modules/6.99.0-fixture \
	other/lib/modules/6.98.0-other
mk_cpio other newc other.cpio
run_ki out err --check k.bzImage other.cpio
check_eq "modules of another release" FAIL "$(result modules)"
check_grep "modules: reason" "6.98.0-other only" out
rm -r other/lib
mk_cpio other newc nomod.cpio
run_ki out err --check k.bzImage nomod.cpio
check_eq "no modules" WARN "$(result modules)"
check_eq "no modules: exit" 0 "$rc"
run_ki out err --check --strict k.bzImage nomod.cpio
check_eq "no modules, --strict: exit" 1 "$rc"

chmod 644 root/init
mk_cpio root newc noexec.cpio
chmod 755 root/init
run_ki out err --check k.bzImage noexec.cpio
check_eq "/init not executable" FAIL "$(result init)"
run_ki out err --check --rdinit=/sbin/init k.bzImage root.cpio
check_eq "--rdinit through a symlink" PASS "$(result init)"
check_grep "--rdinit: where it leads" "/sbin/init leads to /sbin/real-init" out
run_ki out err --check --rdinit=/sbin/dangling k.bzImage root.cpio
check_eq "--rdinit dangling" FAIL "$(result init)"
run_ki out err --check --rdinit=/missing k.bzImage root.cpio
check_eq "--rdinit missing" FAIL "$(result init)"

cat root.gz root.gz | head -c 300 >cut.gz
run_ki out err --check k.bzImage cut.gz
check_eq "truncated initramfs" FAIL "$(result initramfs-decode)"

cp k.bzImage nox.bzImage
le nox.bzImage 0x236 2 0
run_ki out err --check nox.bzImage root.gz
check_eq "no XLF_KERNEL_64" FAIL "$(result kernel-header)"
check_grep "no XLF_KERNEL_64: reason" "XLF_KERNEL_64" out
cp k.bzImage bad.bzImage
printf 'XXXXXXXX' | dd of=bad.bzImage bs=1 seek=$((0xa10 + 30)) \
	conv=notrunc status=none
run_ki out err --check bad.bzImage root.gz
check_eq "damaged payload" FAIL "$(result kernel-payload)"

# rootfs-fits against the budget computed here.
U=$(wc -c <root.cpio); C=$(wc -c <root.gz); I=$((16 << 20))
need=$(budget "$U" "$C" "$I" 90)
run_ki out err --check --memory=$need k.bzImage root.gz
check_eq "--memory equal to the budget" PASS "$(result rootfs-fits)"
run_ki out err --check --memory=$((need - 1)) k.bzImage root.gz
check_eq "--memory one MiB short" FAIL "$(result rootfs-fits)"

# page-size on an arm64 Image from booting.rst's offsets.
head -c 64 /dev/zero >Image
le Image 16 8 $((0x1ab0000))
le Image 24 8 $((0xa))			# 4K pages
printf 'ARM\144' | dd of=Image bs=1 seek=56 conv=notrunc status=none
head -c 4096 /dev/zero >>Image
run_ki out err --check --page-size=4K Image root.gz
check_eq "page size as expected" PASS "$(result page-size)"
run_ki out err --check --page-size=64K Image root.gz
check_eq "page size not as expected" FAIL "$(result page-size)"

cp k.bzImage noreloc.bzImage
le noreloc.bzImage 0x234 1 0
run_ki out err --check noreloc.bzImage root.gz
check_eq "not relocatable: a warning" WARN "$(result kernel-header)"
lz4 -q -c root.cpio >root.lz4f
run_ki out err --check k.bzImage root.lz4f
check_eq "LZ4 frame format" FAIL "$(result initramfs-compression)"
run_ki out err --check k.bzImage missing.img
check_eq "an initramfs that cannot be opened: exit" 1 "$rc"

# --- options ----------------------------------------------------------
run_ki out err --check --skip=modules,init k.bzImage other.cpio
check_eq "--skip: modules" SKIP "$(result modules)"
check_eq "--skip: exit" 0 "$rc"
run_ki out err --check --skip=bogus k.bzImage root.gz
check_eq "--skip of no check: usage" 2 "$rc"
run_ki out err --memory=100 k.bzImage
check_eq "--memory without --check: usage" 2 "$rc"
if python3 -c 'import jsonschema' 2>/dev/null; then
	KI --check --json k.bzImage root.zst >doc.json 2>/dev/null
	check_eq "JSON valid" valid "$(python3 "$TESTS_SRCDIR/validate-json.py" \
		"$TESTS_SRCDIR/../man/kimginfo.schema.json" <doc.json)"
	check_eq "JSON: the failed count" 1 "$(python3 -c \
		'import json; print(json.load(open("doc.json"))["check"]["failed"])')"
fi

finish
