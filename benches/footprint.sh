#!/usr/bin/env bash
# The demo's footprint, as a newcomer meets it after `cargo build`: how long the `steady` binary
# takes to serve the mentee app, and how much memory (RSS) each simulated phone adds to the
# process: opened (its encrypted store and background sync), then shown in a real browser tab (a
# live Dioxus session rendering the app).
#
#   cargo build && benches/footprint.sh [DEVICES] [TABS]
#
# Needs curl; the tab part needs chromium (skipped without it). Linux only (reads /proc).
set -euo pipefail

devices=${1:-20}
tabs=${2:-5}
bin=${STEADY_BIN:-target/debug/steady}
data=$(mktemp -d)
out=$(mktemp)
trap 'kill $pid 2>/dev/null || true; pkill -f "steady-footprint-profile" 2>/dev/null || true; rm -rf "$data" "$out"' EXIT

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
now_ms() { date +%s%3N; }

# Starts the demo on its data folder; prints how long until the mentee app is served.
start_demo() {
    : >"$out"
    local started served
    started=$(now_ms)
    "$bin" --port 0 --data-dir "$data/demo" >"$out" 2>/dev/null &
    pid=$!
    until grep -q "Mentee app" "$out" 2>/dev/null; do sleep 0.005; done
    base=$(grep "Mentee app" "$out" | grep -o 'http://[^/ ]*' | head -1)
    until curl -fs -o /dev/null "$base/d/mentee"; do sleep 0.005; done
    served=$(now_ms)
    echo "demo ($1): /d/mentee served $((served - started)) ms after the binary started"
}

start_demo "first start: makes the program, enrols Alex and Sam"
kill "$pid"
wait "$pid" 2>/dev/null || true
start_demo "every later start"

sleep 1
before=$(rss_kib)
for n in $(seq 1 "$devices"); do
    curl -fs -o /dev/null "$base/d/phone-$n"
done
sleep 1
opened=$(rss_kib)
echo "RSS at start ${before} KiB; after opening $devices more phones ${opened} KiB:" \
    "$(((opened - before) / devices)) KiB per opened phone"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: skipping live sessions"
    exit 0
fi
# Headless Chromium takes one address on its command line; the rest open as tabs through its
# DevTools endpoint.
port=$((20000 + RANDOM % 20000))
"$browser" --headless=new --no-sandbox --disable-gpu --remote-debugging-port="$port" \
    --user-data-dir="$data/steady-footprint-profile" "$base/d/phone-1" >/dev/null 2>&1 &
until curl -fs -o /dev/null "http://127.0.0.1:$port/json/version"; do sleep 0.1; done
for n in $(seq 2 "$tabs"); do
    curl -fs -o /dev/null -X PUT "http://127.0.0.1:$port/json/new?$base/d/phone-$n"
done
sleep 8
live=$(rss_kib)
echo "with $tabs phones open in browser tabs ${live} KiB:" \
    "$(((live - opened) / tabs)) KiB per live session"
