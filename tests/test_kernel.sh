#!/bin/bash
# Inside the kernel: -a, --config, --extract-vmlinux and vmlinux ELF files,
# on fixtures made here: an ELF linked by gcc with a linux_banner symbol
# and a build ID, and bzImage headers whose gzip payloads embed a banner and
# an IKCONFIG block. Expected values come from readelf, gzip and cmp.
. "$(dirname "$0")/lib.sh"

need_tools gcc readelf gzip cmp python3
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
check_grep "-a: releases agree" "agree: setup header 6.99.0-fixture, banner \
6.99.0-fixture" out
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

# --- containers: a uImage and an EFI zboot around an arm64 Image ---------
# The Image header from booting.rst's offsets, then some code.
head -c 64 /dev/zero >Image
le Image 0 4 $((0x14000010))		# code0: a branch, no EFI stub
le Image 16 8 $((0x1ab0000))		# image_size
le Image 24 8 $((0xa))			# flags: LE, 4K, anywhere
printf 'ARM\144' | dd of=Image bs=1 seek=56 conv=notrunc status=none
head -c 100000 /dev/urandom >>Image
python3 - <<'PY'
import gzip, struct, zlib
img = open("Image", "rb").read()
# U-Boot image.h: big-endian header, CRC-32 of itself with ih_hcrc 0.
hdr = bytearray(64)
struct.pack_into(">IIIIIIIBBBB32s", hdr, 0, 0x27051956, 0, 1700000000,
                 len(img), 0x40080000, 0x40080000, zlib.crc32(img),
                 5, 22, 2, 0, b"kimginfo test")
struct.pack_into(">I", hdr, 4, zlib.crc32(bytes(hdr)))
open("uImage", "wb").write(bytes(hdr) + img)
bad = bytearray(hdr + img)
bad[100] ^= 1
open("uImage.bad", "wb").write(bytes(bad))
# zboot-header.S: "MZ", "zimg", payload offset and size, comp type.
pay = gzip.compress(img, mtime=0)
h = bytearray(0x40)
h[0:2] = b"MZ"
h[4:8] = b"zimg"
struct.pack_into("<II", h, 8, 0x1000, len(pay))
h[24:28] = b"gzip"
struct.pack_into("<I", h, 0x3c, 0x40)
open("zboot.efi", "wb").write(bytes(h) + bytes(0x1000 - 0x40) + pay)
PY
run_ki out err uImage
check_eq "uImage: exit" 0 "$rc"
check_grep "uImage: name" "Name:                         kimginfo test" out
check_grep "uImage: architecture" "Architecture:                 AArch64" out
check_grep "uImage: data CRC (python zlib)" \
	"Data CRC-32:                  0x$(python3 -c 'import zlib
print("%08x" % zlib.crc32(open("Image", "rb").read()))') (checked)" out
check_grep "uImage: the Image inside" "Contents: Format: arm64 Image" out
check_eq "uImage: budget from the Image inside" \
	"$(budget 0 0 $((0x1ab0000)) 90)" "$(KI -bq uImage)"
run_ki out err uImage.bad
check_one_error "uImage: damaged data" "$rc" err uImage.bad
check_grep "uImage: damaged data: CRC" "data CRC-32" err
run_ki out err zboot.efi
check_eq "zboot: exit" 0 "$rc"
check_grep "zboot: compression" "Compression:                  gzip" out
check_grep "zboot: image_size of the Image inside" \
	"image_size:                   0x1ab0000" out
run_ki out err -a zboot.efi
check_grep "zboot -a: decoded size (wc -c)" \
	"Size:                         $(wc -c <Image) bytes" out
head -c 3000 zboot.efi >zboot.cut
run_ki out err zboot.cut
check_one_error "zboot: truncated" "$rc" err zboot.cut
check_json_file() {
	KI --json -a "$1" >doc.json 2>/dev/null
	check_eq "$1: JSON valid" valid "$(python3 \
		"$TESTS_SRCDIR/validate-json.py" \
		"$TESTS_SRCDIR/../man/kimginfo.schema.json" <doc.json)"
}
if python3 -c 'import jsonschema' 2>/dev/null; then
	for f in uImage zboot.efi vmlinux cfg.bzImage; do
		check_json_file "$f"
	done
fi

# --- a Unified Kernel Image around a bzImage and an initramfs -----------
printf 'init data: initramfs_options=\0' | gzip -n -c >opt.gz
mk_bzimage opt.bzImage opt.gz $((16 << 20))
mkdir -p root/sbin && printf '#!/bin/sh\n' >root/init
mk_cpio root newc root.cpio
gzip -n -c root.cpio >root.gz
if mk_uki uki.efi opt.bzImage root.gz 6.99.0-fixture \
	'console=ttyS0 initramfs_options=size=80%'; then
	run_ki out err uki.efi
	check_eq "UKI: exit" 0 "$rc"
	check_grep "UKI: format" "Format: Unified Kernel Image (PE)" out
	check_grep "UKI: .uname" "Release (.uname):             6.99.0-fixture" out
	check_grep "UKI: .uname agrees" "agree" out
	check_grep "UKI: .osrel" "kimginfo test OS" out
	check_grep "UKI: the bzImage inside" "Contents: Format: x86 boot image" out
	check_grep "UKI: the .initrd walked" \
		"Uncompressed (U):             $(wc -c <root.cpio) bytes" out
	check_eq "UKI: sections (objdump -h)" \
		"$(objdump -h uki.efi | grep -c '^ *[0-9]')" \
		"$(sed -n '/^Sections:/,/^$/p' out | grep -c '^  \[ *[0-9]*\] ')"
	# The budget from the UKI alone: its .initrd, its .cmdline (80%).
	check_eq "UKI: budget" "$(budget "$(wc -c <root.cpio)" \
		"$(wc -c <root.gz)" $((16 << 20)) 80)" "$(KI -bq uki.efi)"
	check_eq "UKI: budget, --cmdline over .cmdline" \
		"$(budget "$(wc -c <root.cpio)" "$(wc -c <root.gz)" \
		$((16 << 20)) 50)" "$(KI -bq --cmdline=quiet uki.efi)"
	# A UKI whose kernel is damaged fails, with the file's own offset.
	head -c 2000 opt.bzImage >opt.cut
	mk_uki ukibad.efi opt.cut root.gz 6.99.0-fixture quiet
	run_ki out err ukibad.efi
	check_one_error "UKI with a damaged kernel" "$rc" err ukibad.efi
	run_ki out err -b ukibad.efi
	check_grep "UKI with a damaged kernel: -b says why" \
		"runs past the end" err
	mk_uki uki1g.efi opt.bzImage root.gz 6.99.0-fixture \
		'initramfs_options=size=1G'
	run_ki out err -b uki1g.efi
	check_one_error "UKI .cmdline size=1G" "$rc" err uki1g.efi
	check_grep "UKI .cmdline size=1G: why" "not a percentage" err
	printf 'PRETTY_NAME="caf\351 \033[31m"\n' >bad.osrel
	objcopy --update-section .osrel=bad.osrel uki.efi ukiosrel.efi
	run_ki out err ukiosrel.efi
	check_grep "UKI .osrel: control bytes escaped" 'caf' out
	check_eq "UKI .osrel: no raw escape byte" 0 \
		"$(grep -c "$(printf '\033')" out)"
	if python3 -c 'import jsonschema' 2>/dev/null; then
		check_json_file ukiosrel.efi
	fi
	mk_uki uki2.efi opt.bzImage root.gz 6.98.0-other quiet
	run_ki out err uki2.efi
	check_grep "UKI: .uname disagrees" "DISAGREE" out
	if python3 -c 'import jsonschema' 2>/dev/null; then
		check_json_file uki.efi
	fi
else
	echo "note: objcopy cannot make a PE here; UKI tests not run"
fi

# --- hostile containers, from a review: each a clear error, never a crash --
python3 - <<'PY'
import gzip, struct, zlib
# e_lfanew near 2^32: the PE signature check must not wrap around.
b = bytearray(64); b[:2] = b"MZ"
struct.pack_into("<I", b, 0x3c, 0xfffffffc)
open("lfanew.bin", "wb").write(bytes(b))
# A zboot with a zstd-like layout: payload_size leaves out the appended
# decoded size (Makefile.zboot). Here gzip with an appended size too.
img = open("Image", "rb").read()
pay = gzip.compress(img, mtime=0)
h = bytearray(0x40); h[0:2] = b"MZ"; h[4:8] = b"zimg"
struct.pack_into("<II", h, 8, 0x1000, len(pay))
h[24:28] = b"gzip"
open("zboot2.efi", "wb").write(bytes(h) + bytes(0x1000 - 0x40) + pay +
                               struct.pack("<I", len(img)))
# A config block whose gzip stream is cut short, then a banner.
cfg = gzip.compress(b"CONFIG_X=y\n" * 100, mtime=0)[:20]
code = b"IKCFG_ST" + cfg + b"junk " * 10 + b"Linux version 6.99.0-cut\n"
open("cutcfg.bin", "wb").write(code)
PY
run_ki out err lfanew.bin
check_no_crash "PE offset near 2^32" "$rc" err
check_one_error "PE offset near 2^32" "$rc" err lfanew.bin
run_ki out err -a zboot2.efi
check_eq "zboot, size appended: exit" 0 "$rc"
check_grep "zboot, size appended: the whole Image" \
	"Size:                         $(wc -c <Image) bytes" out
gzip -n -c cutcfg.bin >cutcfg.gz
mk_bzimage cutcfg.bzImage cutcfg.gz $((16 << 20))
run_ki out err -a cutcfg.bzImage
check_grep "cut config: damaged, not absent" "damaged: embedded config" out
check_grep "cut config: the banner still found" "6.99.0-cut" out
run_ki out err --config cutcfg.bzImage
check_one_error "--config on a cut config" "$rc" err cutcfg.bzImage
check_grep "--config on a cut config: why" "embedded config:" err
head -c 64 vmlinux >vmlinux.cut
run_ki out err vmlinux.cut
check_one_error "truncated ELF" "$rc" err vmlinux.cut
check_grep "truncated ELF: why" "truncated ELF file" err
run_ki out err --extract-vmlinux=x.out Image.gz.none 2>/dev/null
run_ki out err --extract-vmlinux=x.out root.cpio
check_one_error "--extract-vmlinux of no kernel" "$rc" err root.cpio

# --extract-vmlinux never replaces what is not a regular file.
ln -sf x.target link.out
run_ki out err --extract-vmlinux=link.out --force cfg.bzImage
check_one_error "extract over a symlink" "$rc" err cfg.bzImage
check_eq "extract over a symlink: still a symlink" yes \
	"$([ -L link.out ] && echo yes)"
ln -sf /nowhere/x dangling.out
run_ki out err --extract-vmlinux=dangling.out cfg.bzImage
check_eq "extract over a dangling symlink: exit" 1 "$rc"

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

# --- nesting: uImages around uImages; past 3 containers it stops --------
python3 - <<'PY'
import struct, zlib
img = open("Image", "rb").read()
def wrap(data):
    hdr = bytearray(64)
    struct.pack_into(">IIIIIIIBBBB32s", hdr, 0, 0x27051956, 0, 1700000000,
                     len(data), 0x40080000, 0x40080000, zlib.crc32(data),
                     5, 22, 2, 0, b"nested")
    struct.pack_into(">I", hdr, 4, zlib.crc32(bytes(hdr)))
    return bytes(hdr) + data
for n in range(1, 5):
    img = wrap(img)
    open("nest%d" % n, "wb").write(img)
PY
run_ki out err -b -q nest3
check_eq "3 uImages deep: budget" \
	"$(budget 0 0 $((0x1ab0000)) 50)" "$(cat out)"
run_ki out err -b -q nest4
check_one_error "4 uImages deep" "$rc" err nest4
check_grep "4 uImages deep: why" "containers nested deeper than 3" err

finish
