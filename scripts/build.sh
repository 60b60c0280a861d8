#!/usr/bin/env bash
# Release build of the widget: wasm-pack → www/pkg, then prints the wasm size (raw and
# gzipped) and fails when wasm + JS glue exceed the gzipped budget stated in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen 132 from npm first on PATH: Debian's wasm-opt 108 breaks the page at init().
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

BUDGET_GZ_BYTES=${BUDGET_GZ_BYTES:-460800}   # 450 KiB gzipped for .wasm + JS glue (README "Size budget" says why)

wasm-pack build --release --target web --out-dir www/pkg --no-pack >&2

wasm=www/pkg/zs_risk_map_bg.wasm
glue=www/pkg/zs_risk_map.js
raw=$(stat -c %s "$wasm")
wasm_gz=$(gzip -9 -c "$wasm" | wc -c)
glue_gz=$(gzip -9 -c "$glue" | wc -c)
total=$((wasm_gz + glue_gz))
awk -v raw="$raw" -v wgz="$wasm_gz" -v ggz="$glue_gz" -v tot="$total" -v bud="$BUDGET_GZ_BYTES" 'BEGIN {
  printf "wasm size: %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB); JS glue %d bytes gzipped; total %.1f KiB of %.0f KiB budget\n",
    raw, raw / 1024, wgz, wgz / 1024, ggz, tot / 1024, bud / 1024 }'
if [ "$total" -gt "$BUDGET_GZ_BYTES" ]; then
  echo "FAIL: gzipped wasm + glue ($total bytes) exceeds the budget ($BUDGET_GZ_BYTES bytes)" >&2
  exit 1
fi
