#!/bin/sh
# Install, as root on Debian 12, every package the build and the tests
# need: the toolchain, the libraries kimginfo links, and the command-line
# tools the tests use as independent references.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
	build-essential autoconf automake pkg-config \
	zlib1g-dev liblzma-dev libzstd-dev liblz4-dev libbz2-dev \
	liblzo2-dev libisal-dev libarchive-dev libelf-dev libcunit1-dev \
	libjson-c-dev \
	cpio gzip bzip2 xz-utils lzop lz4 zstd perl \
	python3 python3-jsonschema mandoc valgrind time clang strace
