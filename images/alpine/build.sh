#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the busybox recipe's files, see image.json `from`)
# with what makes it read as alpine: alpine is busybox with musl and apk. There is no apk here
# (Alpine's packages need Alpine's mirror): an `apk` that says so in one line, instead of
# "not found", and an os-release that names this stand-in.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

# Alpine's top-level folders (`ls /lib` is a lesson's first `docker run alpine ls …`).
mkdir -p "$root/sbin" "$root/run" "$root/var/log" "$root/usr/local/bin" "$root/lib/sysctl.d" "$root/lib/modules-load.d" "$root/media" "$root/mnt" "$root/opt" "$root/srv"
cat >"$root/sbin/apk" <<'APK'
#!/bin/sh
echo "apk: not available: this is shellbook's offline stand-in for alpine (Debian's busybox), it has no package manager" >&2
exit 127
APK
chmod 755 "$root/sbin/apk"

# ID=alpine, so scripts that ask which system this is take alpine's branch (and meet the apk above).
cat >"$root/etc/os-release" <<'OS'
NAME="Alpine Linux"
ID=alpine
PRETTY_NAME="shellbook offline stand-in for Alpine Linux (Debian's busybox, no apk)"
HOME_URL="https://alpinelinux.org/"
OS
