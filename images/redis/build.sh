#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the busybox recipe's files, see image.json `from`)
# with Debian's redis: the packages' files, the shared libraries `ldd` lists, a `redis` user and
# an entrypoint like the official image's, so `redis-server` with no config listens on *:6379.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../busybox/debian-files.sh
source "$here/../busybox/debian-files.sh"

add_packages "$root" redis-server redis-tools liblzf1 libjemalloc2

# Service-manager files and docs mean nothing in a container (the official image has none either).
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/bash-completion" "$root/lib/systemd" \
  "$root/etc/init.d" "$root/etc/logrotate.d" "$root/etc/default" "$root/etc/redis"

add_libraries "$root" "$root"/usr/bin/redis-*

# The official image's user (alpine: uid 999, gid 1000), its data folder and entrypoint.
echo 'redis:x:999:1000:redis:/home/redis:/sbin/nologin' >>"$root/etc/passwd"
echo 'redis:x:1000:redis' >>"$root/etc/group"
mkdir -p "$root/data" "$root/home/redis" "$root/usr/local/bin"
install -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
