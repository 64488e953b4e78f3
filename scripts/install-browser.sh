#!/usr/bin/env bash
# Install Debian's Chromium (and a CJK font, so the zh pages' screenshots are readable) for the
# browser tests, which drive it with playwright-core: no browser download. Does nothing that is
# already done. Used by .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

source "$(dirname "$0")/apt-missing.sh"
install_missing chromium fonts-wqy-microhei
chromium --version
