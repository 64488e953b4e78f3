# Functions the recipes built on busybox source, to add Debian programs to their rootfs.
# Kept in this folder because `from: busybox` puts it in their recipe hash: a change here
# rebuilds every one of them.

# add_packages ROOTFS PACKAGE...: `apt-get download` the packages and `dpkg -x` each into ROOTFS.
add_packages() (
  root=$1
  shift
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # apt downloads as the unprivileged _apt user when run as root: let it write there.
  if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
  # A fresh machine may have no package lists yet: update once, then retry.
  if ! (cd "$work" && apt-get download -q "$@") >&2; then
    echo "apt-get download failed; updating package lists and retrying" >&2
    apt-get update -q >&2
    (cd "$work" && apt-get download -q "$@") >&2
  fi
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$root"; done
)

# add_libraries ROOTFS PROGRAM...: the shared libraries the programs need that ROOTFS lacks
# (those the packages brought are there already), copied from this machine (same Debian
# release) to the path the loader will look them up at.
add_libraries() (
  root=$1
  shift
  libdirs=$(find "$root" -name '*.so*' -printf '%h\n' | sort -u | paste -sd: -)
  for binary in "$@"; do
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
)
