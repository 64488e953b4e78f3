#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the debian recipe's bookworm, see image.json `from`)
# with Debian's Go: `apt-get download` + `dpkg -x` from this machine's mirror (same release), no
# registry. The standard library is compiled into the build cache, with cgo and without, so a
# Dockerfile's `RUN go build` takes seconds, as with the official image.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt downloads as the unprivileged _apt user when run as root: let it write there.
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
packages=(golang-go golang-1.19-go golang-1.19-src)
if ! (cd "$work" && apt-get download -q "${packages[@]}") >&2; then
  apt-get update -q >&2
  (cd "$work" && apt-get download -q "${packages[@]}") >&2
fi
for deb in "$work"/*.deb; do dpkg -x "$deb" "$root"; done
rm -rf "$root"/usr/share/go-*/src/*/testdata "$root"/usr/share/go-*/test "$root"/usr/share/doc

mkdir -p "$root/go/bin" "$root/go/src"
for cgo in 1 0; do chroot "$root" env HOME=/root PATH=/usr/bin:/bin CGO_ENABLED=$cgo go build std >&2; done
