#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the busybox recipe's files, see image.json `from`)
# with Debian's nginx laid out like the official image: configuration in /etc/nginx/conf.d,
# the default page in /usr/share/nginx/html served on port 80, logs on the container's output,
# an `nginx` user. Debian's bash too, since lessons `docker exec -it web bash` into it, and curl,
# which the official images ship and lessons use to ask one container from another.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../busybox/debian-files.sh
source "$here/../busybox/debian-files.sh"

add_packages "$root" nginx nginx-common bash curl libcurl4

# Service-manager files, docs and Debian's sites layout mean nothing in this container.
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/apport" "$root/usr/share/vim" \
  "$root/lib/systemd" "$root/etc/init.d" "$root/etc/logrotate.d" "$root/etc/default" "$root/etc/ufw" \
  "$root/etc/nginx/sites-available" "$root/etc/nginx/sites-enabled" "$root/etc/nginx/modules-available" \
  "$root/etc/nginx/modules-enabled" "$root/etc/nginx/snippets"

add_libraries "$root" "$root/usr/sbin/nginx" "$root/bin/bash" "$root/usr/bin/curl"

# The official image's configuration files (Debian's package ships the default page itself).
install -m 644 "$here/nginx.conf" "$root/etc/nginx/nginx.conf"
install -m 644 -D "$here/default.conf" "$root/etc/nginx/conf.d/default.conf"

# The official image's user (uid and gid 101), and its logs sent to `docker logs`.
echo 'nginx:x:101:101:nginx:/nonexistent:/bin/false' >>"$root/etc/passwd"
echo 'nginx:x:101:' >>"$root/etc/group"
mkdir -p "$root/var/log/nginx" "$root/var/lib/nginx" "$root/var/cache/nginx" "$root/run" "$root/var/lock"
ln -sf /dev/stdout "$root/var/log/nginx/access.log"
ln -sf /dev/stderr "$root/var/log/nginx/error.log"

# The official image is Debian's: scripts and lessons that read /etc/os-release (`cat /etc/os-release`,
# `. /etc/os-release; echo $ID`) find Debian, and the name says which image this is.
cat >"$root/etc/os-release" <<'OS'
PRETTY_NAME="shellbook offline stand-in for nginx (Debian GNU/Linux 12 (bookworm) packages on busybox)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://nginx.org/"
OS
