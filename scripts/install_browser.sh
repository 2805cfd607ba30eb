#!/usr/bin/env bash
# Chromium for the browser tests: Playwright drives Debian's /usr/bin/chromium (no browser download),
# plus a small Chinese font and a colour emoji font, so the pages' screenshots (tests/artifacts/) are legible
# and the console's symbols (⏱ ✅ ❌ ℹ) render instead of boxes.
# Idempotent: does nothing when both are there. Installing needs root (apt-get).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    packages+=(fonts-wqy-microhei)
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 'Noto Color Emoji' 2>/dev/null)" ]; then
    packages+=(fonts-noto-color-emoji)
fi
command -v fc-list >/dev/null 2>&1 || packages+=(fontconfig fonts-wqy-microhei fonts-noto-color-emoji)
if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    if [ -x "$CHROMIUM" ]; then
        echo "note: fonts missing (${packages[*]}); screenshots will show boxes (install them as root)." >&2
        exit 0
    fi
    echo "ERROR: $CHROMIUM is missing; the browser tests need it." >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "       Installing it needs root: apt-get update && apt-get install -y chromium" >&2
    else
        echo "       apt-get is not available (Debian/Ubuntu expected): install Chromium so that $CHROMIUM exists." >&2
    fi
    exit 1
fi
echo "Installing for the browser tests: ${packages[*]} (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${packages[@]}"
if [ ! -x "$CHROMIUM" ]; then
    echo "ERROR: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
"$CHROMIUM" --version 2>/dev/null || true
