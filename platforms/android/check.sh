#!/usr/bin/env bash
# Type-checks the whole Steady app for Android (aarch64-linux-android, the phone features) on a
# Linux machine with no Android NDK. The NDK's clang is stood in for by Debian's clang with the
# arm64 glibc headers and Android's log.h: enough for ring, vendored OpenSSL and SQLCipher to
# compile their C, which is all `cargo check` needs (nothing is linked, so no bionic is needed).
#
# Needs: rustup target aarch64-linux-android, and
#   apt-get install clang lld llvm libc6-dev-arm64-cross android-liblog-dev
# Usage: platforms/android/check.sh [extra cargo args, e.g. clippy's "-- -D warnings"]
#   STEADY_ANDROID_CARGO=clippy platforms/android/check.sh -- -D warnings
set -euo pipefail
cd "$(dirname "$0")/../.."

API=26
TARGET=aarch64-linux-android
STANDIN="${CARGO_TARGET_DIR:-target}/android-ndk-standin"
mkdir -p "$STANDIN/sysroot/usr" "$STANDIN/overlay/android"

# The sysroot's headers are the arm64 glibc ones; Android-only headers come from the overlay.
ln -sfn /usr/aarch64-linux-gnu/include "$STANDIN/sysroot/usr/include"
LOG_H=/usr/include/android/android/log.h
[ -f "$LOG_H" ] || LOG_H=$(dpkg -L android-liblog-dev 2>/dev/null | grep '/android/log.h$' | head -n1)
if [ -z "${LOG_H:-}" ] || [ ! -f "$LOG_H" ]; then
    echo "android/log.h not found: apt-get install android-liblog-dev" >&2
    exit 1
fi
cp "$LOG_H" "$STANDIN/overlay/android/log.h"

SYSROOT=$(cd "$STANDIN/sysroot" && pwd)
OVERLAY=$(cd "$STANDIN/overlay" && pwd)
CLANG="$STANDIN/$TARGET$API-clang"
cat >"$CLANG" <<EOF
#!/bin/sh
exec clang --target=$TARGET$API --sysroot=$SYSROOT -isystem $OVERLAY "\$@"
EOF
chmod +x "$CLANG"
CLANG=$(cd "$(dirname "$CLANG")" && pwd)/$(basename "$CLANG")

export CC_aarch64_linux_android="$CLANG"
export CXX_aarch64_linux_android="$CLANG"
export AR_aarch64_linux_android=llvm-ar
export CARGO_TARGET_AARCH64_LINUX_ANDROID_LINKER="$CLANG"

exec cargo "${STEADY_ANDROID_CARGO:-check}" --locked -p steady --target "$TARGET" \
    --no-default-features --features mobile "$@"
