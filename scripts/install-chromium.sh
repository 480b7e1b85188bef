#!/usr/bin/env bash
# Installs headless Chromium (Debian package `chromium`) for the report rendering test.
# Idempotent: does nothing when `chromium` is already on PATH. Never fails the caller: when it
# cannot install (not root, no apt-get, no network), it says so and exits 0, and the test that
# needs Chromium skips with a clear message.
set -u

if command -v chromium >/dev/null 2>&1; then
    echo "install-chromium: chromium already installed ($(command -v chromium))."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: apt-get not found; install Chromium yourself to run the report rendering test (it will be skipped)."
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-chromium: not root; run 'sudo apt-get install -y --no-install-recommends chromium' to run the report rendering test (it will be skipped)."
    exit 0
fi

echo "install-chromium: installing the Debian package chromium..."
if DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; then
    if command -v chromium >/dev/null 2>&1; then
        echo "install-chromium: installed $(chromium --version 2>/dev/null || echo chromium)."
        exit 0
    fi
fi
echo "install-chromium: could not install chromium; the report rendering test will be skipped."
exit 0
