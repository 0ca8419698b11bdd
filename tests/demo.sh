#!/bin/bash
# Run kimginfo --budget on this machine's own kernel and initrd when they
# exist and can be read; otherwise on a small pair made here: a bzImage
# header at the boot protocol's offsets and a gzip-compressed cpio.
. "$(dirname "$0")/lib.sh"

kernel=/boot/vmlinuz-$(uname -r)
initrd=/boot/initrd.img-$(uname -r)
if [ -r "$kernel" ] && [ -r "$initrd" ]; then
	echo "Using the running system's kernel and initrd: $kernel $initrd"
else
	echo "No readable $kernel and $initrd here: using a small pair" \
	     "generated in $WORK"
	head -c 2000000 /dev/urandom >"$WORK/code"
	printf 'initramfs_options=\0' >>"$WORK/code"
	gzip -n -c "$WORK/code" >"$WORK/payload"
	kernel=$WORK/bzImage
	mk_bzimage "$kernel" "$WORK/payload" $((24 << 20))
	make_tree "$WORK" root 50
	mk_cpio "$WORK/root" newc "$WORK/initrd.cpio"
	initrd=$WORK/initrd.img
	gzip -n -c "$WORK/initrd.cpio" >"$initrd"
fi
echo
KI --budget "$kernel" "$initrd"
