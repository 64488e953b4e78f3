#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the busybox recipe's files, see image.json `from`)
# with Debian's redis: the packages' files, the shared libraries `ldd` lists, a `redis` user and
# an entrypoint like the official image's, so `redis-server` with no config listens on *:6379.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt downloads as the unprivileged _apt user when run as root: let it write here.
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi

packages=(redis-server redis-tools liblzf1 libjemalloc2)
# A fresh machine may have no package lists yet: update once, then retry.
if ! (cd "$work" && apt-get download -q "${packages[@]}") >&2; then
  echo "apt-get download failed; updating package lists and retrying" >&2
  apt-get update -q >&2
  (cd "$work" && apt-get download -q "${packages[@]}") >&2
fi
for deb in "$work"/*.deb; do dpkg -x "$deb" "$root"; done

# Service-manager files and docs mean nothing in a container (the official image has none either).
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/bash-completion" "$root/lib/systemd" \
  "$root/etc/init.d" "$root/etc/logrotate.d" "$root/etc/default" "$root/etc/redis"

# Shared libraries: those the packages brought are already in the rootfs; the rest come from this
# machine (same Debian release), copied to the path the loader will look them up at.
libdirs=$(find "$root" -name '*.so*' -printf '%h\n' | sort -u | paste -sd: -)
for binary in "$root"/usr/bin/redis-*; do
  [ -L "$binary" ] && continue
  listing=$(LD_LIBRARY_PATH="$libdirs" ldd "$binary")
  if grep -q 'not found' <<<"$listing"; then
    echo "libraries of ${binary#"$root"} missing on this machine, install them first:" >&2
    grep 'not found' <<<"$listing" >&2
    exit 1
  fi
  for lib in $(grep -oE '(=> )?/[^ ]+' <<<"$listing" | sed 's/^=> //'); do
    case "$lib" in "$root"/*) continue ;; esac
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
done

# The official image's user (alpine: uid 999, gid 1000), its data folder and entrypoint.
echo 'redis:x:999:1000:redis:/home/redis:/sbin/nologin' >>"$root/etc/passwd"
echo 'redis:x:1000:redis' >>"$root/etc/group"
mkdir -p "$root/data" "$root/home/redis" "$root/usr/local/bin"
install -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
