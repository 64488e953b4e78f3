#!/usr/bin/env bash
# Install Debian's Chromium (and a CJK font, so the zh pages' screenshots are readable) for the
# browser tests, which drive it with playwright-core: no browser download. Does nothing that is
# already done. Used by .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(chromium fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi
chromium --version
