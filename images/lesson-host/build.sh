#!/usr/bin/env bash
# Fill the rootfs folder $1 with the lesson host: a minimal Debian with Docker's engine and the
# tools lessons use (ps, pstree, ip, iptables, nsenter…). Built with debootstrap from Debian's
# own mirror (no container registry needed), about a minute; reused while this recipe is unchanged.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2
fi

# The mirror is debootstrap's default (deb.debian.org); the suite is the machines' own.
debootstrap --variant=minbase \
  --include=docker.io,procps,psmisc,iproute2,iptables,util-linux,less,ncurses-base \
  bookworm "$root" >&2

# What a fresh host needs and nothing more: no package caches, an empty machine id.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
: >"$root/etc/machine-id"
echo lesson-host >"$root/etc/hostname"
