#!/usr/bin/env bash
# Fill the rootfs folder $1 (already holding the busybox recipe's files, see image.json `from`)
# with a /hello that does what lessons run hello-world for: show that the engine pulled nothing,
# created a container and ran it. Its first line is the one lessons quote; the rest says what
# ran here, so nobody takes it for Docker's own image.
set -euo pipefail
root=${1:?usage: build.sh ROOTFS}

cat >"$root/hello" <<'HELLO'
#!/bin/sh
cat <<'TEXT'

Hello from Docker!
The engine works: it created a container from this image and ran its /hello, which printed this.

(shellbook's offline stand-in for the hello-world image: no registry was reachable.)
TEXT
HELLO
chmod 755 "$root/hello"
