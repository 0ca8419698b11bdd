#!/bin/bash
# The tool on real kernels and initramfs images from Debian packages, found
# through KIMGINFO_SAMPLES. Expected values come from od at the boot
# protocol's offsets, the compressors' own tools, cpio, and MANIFEST.md.
. "$(dirname "$0")/lib.sh"

S=${KIMGINFO_SAMPLES:-}
if [ -z "$S" ] || [ ! -f "$S/MANIFEST.md" ]; then
	echo "SKIP: KIMGINFO_SAMPLES is unset or holds no MANIFEST.md;" \
	     "set it to the samples folder to run these tests"
	exit 77
fi
AMD=$S/vmlinuz-6.1.0-57-cloud-amd64
ARM=$S/vmlinuz-6.1.0-57-cloud-arm64.gz
LZ4=$S/mkinitramfs-6.1.0-57-cloud-amd64-lz4.img
MULTI=$S/multi-early-ucode+zstd.img
for f in "$AMD" "$ARM" "$LZ4" "$MULTI"; do
	if [ ! -r "$f" ]; then
		echo "SKIP: $f is missing"
		exit 77
	fi
done
cd "$WORK" || exit 99

# --- x86 bzImage: every figure against od at the documented offset -------
run_ki out err "$AMD"
check_eq "amd64: exit" 0 "$rc"
field() { grep -E "^  0x$1 " out | awk '{ print $3 }'; }
check_eq "setup_sects" "$(od_u "$AMD" 0x1f1 1)" "$(field 1f1)"
check_eq "version" "$(printf '0x%04x' "$(od_u "$AMD" 0x206 2)")" "$(field 206)"
check_eq "init_size" "$(printf '0x%08x' "$(od_u "$AMD" 0x260 4)")" \
	"$(field 260)"
check_eq "payload_length" "$(printf '0x%08x' "$(od_u "$AMD" 0x24c 4)")" \
	"$(field 24c)"
check_eq "xloadflags" "$(printf '0x%04x' "$(od_u "$AMD" 0x236 2)")" \
	"$(field 236)"
kv=$(($(od_u "$AMD" 0x20e 2) + 0x200))
check_grep "kernel_version string by dd" \
	"Kernel version:               $(dd if="$AMD" bs=1 skip=$kv count=200 \
	status=none | tr '\0' '\n' | head -1)" out
pm=$((($(od_u "$AMD" 0x1f1 1) + 1) * 512))
poff=$((pm + $(od_u "$AMD" 0x248 4)))
plen=$(od_u "$AMD" 0x24c 4)
check_grep "payload location" "at 0x$(printf %x $poff), $plen bytes" out
check_grep "payload decoded size" \
	"Decompressed size:            $(od_u "$AMD" $((poff + plen - 4)) 4) bytes" out
check_grep "payload compression" "Payload compression:          lz4" out
check_eq "payload magic by od" "02214c18" \
	"$(od -An -tx1 -j $poff -N4 "$AMD" | tr -d ' ')"
# The decoded size by lz4's own tool, on the payload without its last u32.
dd if="$AMD" bs=4096 iflag=skip_bytes,count_bytes skip=$poff \
	count=$((plen - 4)) status=none | lz4 -dc 2>/dev/null | wc -c >lz4.n
check_eq "payload size by lz4 -dc" "$(od_u "$AMD" $((poff + plen - 4)) 4)" \
	"$(cat lz4.n)"
check_grep "the kernel figure" "init_size = 53968896 bytes" out

# --- arm64 Image.gz: the header from gzip -dc ---------------------------
run_ki out err "$ARM"
check_eq "arm64: exit" 0 "$rc"
gzip -dc "$ARM" 2>/dev/null | head -c 64 >arm.hdr
check_grep "image_size by gzip -dc | od" \
	"image_size:                   0x$(printf %x "$(od_u arm.hdr 16 8)")" out
check_grep "flags by od" \
	"flags:                        0x$(printf %x "$(od_u arm.hdr 24 8)")" out
check_grep "arm64 page size (MANIFEST)" "4K pages" out
check_grep "arm64 placement (MANIFEST)" "placement anywhere" out
check_grep "arm64 EFI stub" "EFI stub" out

# The bare header of an EFI-stub Image, without the PE header it points to.
head -c 64 arm.hdr >arm64.cut
run_ki out err arm64.cut
check_one_error "arm64 Image cut at 64 bytes" "$rc" err arm64.cut
check_grep "arm64 cut: reason" "no PE signature at 0x40" err

# --- inside the kernel: the payload by lz4 -dc, then readelf and grep ----
dd if="$AMD" bs=4096 iflag=skip_bytes,count_bytes skip=$poff \
	count=$((plen - 4)) status=none | lz4 -dc >vmlinux.ref 2>/dev/null
run_ki out err -a "$AMD"
check_eq "amd64 -a: exit" 0 "$rc"
check_grep "amd64 -a: build ID (readelf -n)" \
	"build ID $(readelf -n vmlinux.ref | awk '/Build ID/ { print $3 }')" out
check_eq "amd64 -a: PT_LOAD memory sizes (readelf -l)" \
	"$(readelf -lW vmlinux.ref | awk '/^  LOAD/ { print $6 }' |
	   while read -r h; do printf '%d ' "$h"; done)" \
	"$(awk '/^  LOAD / { print $6 }' out | tr '\n' ' ')"
# The last copy: the first is 6.1's __weak placeholder, without "#1".
check_grep "amd64 -a: banner (grep -a)" "Banner:                       $(grep -a -o \
	'Linux version [^[:cntrl:]]*' vmlinux.ref | tail -1)" out
check_grep "amd64 -a: .text size (readelf -S)" ".text size:                 \
$(readelf -SW vmlinux.ref |
  awk '{ for (i = 1; i < NF; i++) if ($i == ".text") print $(i + 4) }' |
  while read -r h; do printf '%d' "0x$h"; done) bytes" out
check_grep "amd64 -a: size (wc -c)" \
	"Size:                         $(wc -c <vmlinux.ref) bytes (matches" out
check_eq "amd64: no IKCFG_ST in the code (grep -c)" 0 \
	"$(grep -a -c IKCFG_ST vmlinux.ref)"
run_ki out err --config "$AMD"
check_one_error "amd64 --config: none embedded" "$rc" err "$AMD"
run_ki out err --extract-vmlinux=vmlinux.out "$AMD"
check_eq "amd64 --extract-vmlinux: the same bytes as lz4 -dc" "" \
	"$(cmp vmlinux.ref vmlinux.out)"
gzip -dc "$ARM" >arm.ref 2>/dev/null
run_ki out err -a "$ARM"
check_grep "arm64 -a: banner (grep -a)" "Banner:                       $(grep -a -o \
	'Linux version [^[:cntrl:]]*' arm.ref | tail -1)" out
check_grep "arm64 -a: size (gzip -dc | wc -c)" \
	"Size:                         $(wc -c <arm.ref) bytes" out

# --- initramfs: U and entries by lz4, zstd and cpio ---------------------
run_ki out err "$LZ4"
check_eq "lz4 initramfs: exit" 0 "$rc"
U=$(lz4 -dc "$LZ4" | wc -c)
check_grep "lz4 U by lz4 -dc" "Uncompressed (U):             $U bytes" out
check_grep "lz4 entries by cpio -t" \
	"Entries:                      $(lz4 -dc "$LZ4" | cpio -t --quiet | \
	wc -l) " out

run_ki out err "$MULTI"
check_eq "multi: exit" 0 "$rc"
check_eq "multi: early segment (MANIFEST)" 21467828 "$(head -c 21468160 \
	"$MULTI" | perl -0777 -ne 's/\0+\z//; print length($_) + 4')"
zoff=21468160
zu=$(tail -c +$((zoff + 1)) "$MULTI" | zstd -dc | wc -c)
check_grep "multi: zstd segment by zstd -dc" \
	"$(printf '0x%010x %12s  %-11s %12s' $zoff \
	$(($(wc -c <"$MULTI") - zoff)) zstd "$zu")" out
check_grep "multi: U" "Uncompressed (U):             $((21467828 + zu)) bytes" out
n0=$(cpio -t --quiet <"$MULTI" | wc -l)
n1=$(tail -c +$((zoff + 1)) "$MULTI" | zstd -dc | cpio -t --quiet | wc -l)
check_grep "multi: entries of both segments" \
	"Entries:                      $((n0 + n1)) " out
check_grep "multi: padding" "Zero padding:                 332 bytes" out

# Through a pipe: the walk never seeks.
KI - <"$MULTI" >pipe.out 2>&1
check_eq "multi through a pipe" "$(cat out)" "$(cat pipe.out)"

# --list shows every entry of every segment (MANIFEST.md: 660 and 665).
KI -l "$LZ4" >lz4.list
check_eq "lz4: --list entries" 660 "$(list_count lz4.list)"
KI -l "$MULTI" >multi.list
check_eq "multi: --list entries" 665 "$(list_count multi.list)"
check_eq "multi: --list segments" 2 "$(KI -l "$MULTI" | grep -c '^Segment ')"
run_ki out err -s "$LZ4"
check_grep "lz4: summary data (MANIFEST)" \
	"$(printf '  %-22s %14s' 'File data (bytes)' 52177817)" out
check_grep "lz4: summary entries" "$(printf '  %-22s %14s' Entries 660)" out

# --json on every sample validates against the schema.
if python3 -c 'import jsonschema' 2>/dev/null; then
	for f in "$AMD" "$ARM" "$LZ4" "$MULTI"; do
		KI --json -l -s "$f" 2>/dev/null |
			python3 "$TESTS_SRCDIR/validate-json.py" \
			"$TESTS_SRCDIR/../man/kimginfo.schema.json" >v.out
		check_eq "$(basename "$f"): JSON valid" valid "$(cat v.out)"
	done
	KI --json -b "$AMD" "$MULTI" |
		python3 "$TESTS_SRCDIR/validate-json.py" \
		"$TESTS_SRCDIR/../man/kimginfo.schema.json" >v.out
	check_eq "budget JSON valid" valid "$(cat v.out)"
fi

# --- a UKI made of the samples: its budget from .initrd and .cmdline -----
if command -v objcopy >/dev/null && command -v gcc >/dev/null &&
   mk_uki uki.efi "$AMD" "$LZ4" 6.1.0-57-cloud-amd64 \
	'initramfs_options=size=80%' 2>/dev/null; then
	check_eq "UKI of the samples: budget at 80% (formula)" \
		"$(budget 52279296 19036362 53968896 80)" "$(KI -bq uki.efi)"
	run_ki out err uki.efi
	check_grep "UKI of the samples: .initrd entries (MANIFEST)" \
		"Entries:                      660 " out
	check_grep "UKI of the samples: .uname agrees" \
		".uname and the kernel's setup header agree" out
fi

# --- --check on the real pairs, and on mismatched ones ------------------
ck() { awk -v n="$1" '$1 == n { print $2 }' out; }
for i in "$LZ4" "$MULTI"; do
	run_ki out err --check "$AMD" "$i"
	check_eq "check $(basename "$i"): no failure" 0 "$rc"
	check_eq "check $(basename "$i"): modules" PASS "$(ck modules)"
	check_eq "check $(basename "$i"): init" PASS "$(ck init)"
	check_eq "check $(basename "$i"): decode" PASS "$(ck initramfs-decode)"
done
run_ki out err --check "$ARM" "$LZ4"
check_eq "arm64 kernel, x86 initramfs: modules" FAIL "$(ck modules)"
check_grep "arm64 kernel, x86 initramfs: why" \
	"not for the kernel's release 6.1.0-57-cloud-arm64" out
printf 'CONFIG_RD_GZIP=y\n# CONFIG_RD_ZSTD is not set\n' >nozstd.config
run_ki out err --check --kernel-config=nozstd.config "$AMD" "$MULTI"
check_eq "zstd initramfs, no CONFIG_RD_ZSTD" FAIL \
	"$(ck initramfs-compression)"
run_ki out err --check --memory=424 "$AMD" "$MULTI"
check_eq "check --memory=424 (MANIFEST's budget)" PASS "$(ck rootfs-fits)"
run_ki out err --check --memory=423 "$AMD" "$MULTI"
check_eq "check --memory=423" FAIL "$(ck rootfs-fits)"

# --- budgets: MANIFEST.md's table ---------------------------------------
b() { KI --budget -q "$@"; }
check_eq "amd64+lz4 at 90%" 386 "$(b "$AMD" "$LZ4")"
check_eq "amd64+lz4 at 50%" 430 "$(b --tmpfs-percent=50 "$AMD" "$LZ4")"
check_eq "amd64+multi at 90%" 424 "$(b "$AMD" "$MULTI")"
check_eq "amd64+multi at 50%" 488 "$(b --tmpfs-percent=50 "$AMD" "$MULTI")"
check_eq "arm64+lz4 at 90%" 360 "$(b "$ARM" "$LZ4")"
check_eq "arm64+lz4 at 50%" 405 "$(b --tmpfs-percent=50 "$ARM" "$LZ4")"
check_eq "amd64 alone" 309 "$(b "$AMD")"
# --trust-sizes: the same U and budget as decoding, on every sample pair;
# the zstd frame of the multi sample records its size (MANIFEST.md).
for k in "$AMD" "$ARM"; do
	for i in "$LZ4" "$MULTI"; do
		n="$(basename "$k") + $(basename "$i")"
		KI --budget -j "$k" "$i" >full.json
		KI --budget -j --trust-sizes "$k" "$i" >trust.json
		for key in uncompressed total_mib; do
			check_eq "$n: --trust-sizes $key" \
				"$(grep "\"$key\"" full.json)" \
				"$(grep "\"$key\"" trust.json)"
		done
	done
done
run_ki out err --budget --trust-sizes "$AMD" "$MULTI"
check_grep "trusted: the zstd frame not decoded" "73747124 bytes: 2 segments \
walked as the kernel does; 1 of them sized by the zstd frame's content size" out
run_ki out err --budget --trust-sizes "$AMD" "$LZ4"
check_grep "trusted: lz4 records no size, decoded" \
	"52279296 bytes: 1 segment walked as the kernel does" out

run_ki out err --budget "$AMD" "$LZ4"
check_grep "budget: the kernel honours the option" "honours" out
check_grep "budget: I's source" "53968896 bytes: init_size at 0x260" out

# --- damaged copies: one clear line, never a crash ----------------------
for f in "$AMD" "$ARM" "$LZ4" "$MULTI"; do
	size=$(wc -c <"$f")
	# Not the last bytes of the amd64 image: they are its signature.
	for cut in 100 $((0x1f0)) $((0x250)) 4096 $((size / 2)) \
		   $((size - 2000)); do
		head -c "$cut" "$f" >cut.img
		run_ki out err cut.img
		check_no_crash "$(basename "$f") cut at $cut" "$rc" err
		check_one_error "$(basename "$f") cut at $cut" "$rc" err cut.img
	done
	cp "$f" bad.img
	printf '\377\377\377\377' | dd of=bad.img bs=1 seek=$((size / 2)) \
		conv=notrunc status=none
	run_ki out err bad.img
	check_no_crash "$(basename "$f") corrupted" "$rc" err
done

finish
