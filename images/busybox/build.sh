#!/usr/bin/env bash
# Fill the rootfs folder $1 like the official busybox image: a static /bin/busybox, every applet
# hard-linked beside it in /bin, and the few /etc files tools like `ps` and `whoami` read.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

# The static build from Debian (busybox-static); installed if missing, as .ci/run does.
if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed'; then
  echo "installing busybox-static" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends busybox-static >&2
fi
busybox=$(dpkg-query -L busybox-static | grep -E '/bin/busybox$' | head -n 1)
[ -x "$busybox" ] || { echo "busybox-static installed, but no executable busybox in it" >&2; exit 1; }

mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/home" "$root/tmp" "$root/var/spool/mail" "$root/usr/sbin"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
cp "$busybox" "$root/bin/busybox"
# Debian builds busybox without FEATURE_SH_EXTRA_QUIET, so its interactive sh greets with a
# banner ("BusyBox v1.35.0 (Debian …) built-in shell (ash)") that the official images' busybox
# (and Alpine's) never print: `docker exec -it db sh` would show it on the page. The banner's
# format string is blanked in this copy (as many NUL bytes as it had: nothing else in the binary moves).
perl -0777 -pi -e 's/\n\n%s %s\nEnter \x27help\x27 for a list of built-in commands\.\n\n/"\0" x length($&)/e' "$root/bin/busybox"
if grep -q "Enter 'help' for a list of built-in commands" "$root/bin/busybox"; then
  echo "could not blank busybox's shell banner: its format string changed" >&2
  exit 1
fi
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -f "$root/bin/busybox" "$root/bin/$applet"
done

cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
nogroup:x:65534:
GROUP
