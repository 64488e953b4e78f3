#!/usr/bin/env bash
# Fill the rootfs folder $1 with a minimal Debian bookworm, like the official debian image:
# debootstrap's minbase from Debian's own mirror (no container registry needed), with apt and
# bash, and no package lists (`apt-get update` first, as with the real image).
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2
fi

# The mirror is debootstrap's default (deb.debian.org).
debootstrap --variant=minbase bookworm "$root" >&2

rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
: >"$root/etc/machine-id"
# Packages installed in a container must not try to start their services (there is no init
# to start them): invoke-rc.d asks this and gets "denied", as in the official images.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
