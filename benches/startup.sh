#!/usr/bin/env bash
# Builds the desktop app and its floor (a hello-world Dioxus desktop app) the same way, then runs
# the start-up bench (`benches/startup.rs`). Needs the desktop build's packages and Xvfb.
#
#   benches/startup.sh                                # debug builds, as CI's desktop walk uses
#   STEADY_STARTUP_PROFILE=release benches/startup.sh # what people get
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${STEADY_STARTUP_PROFILE:-debug}
flag=()
[ "$profile" = release ] && flag=(--release)
cargo build --locked "${flag[@]}" --no-default-features --features desktop-probe --bin steady --example desktop_floor
out=target/desktop-$profile
mkdir -p "$out"
cp "target/$profile/steady" "$out/steady"
cp "target/$profile/examples/desktop_floor" "$out/desktop_floor"
STEADY_DESKTOP_BIN="$out/steady" STEADY_DESKTOP_FLOOR_BIN="$out/desktop_floor" \
    cargo test --locked --bench startup  # (the measuring program itself need not be optimised)
