#!/usr/bin/env bash
# Release build of the widget: two wasm-pack bundles from the one crate → www/pkg, the shipped
# tree minified → www/build (what the demo, the tests and the package load), then prints
# every bundle's size (raw and gzipped) and fails when a bundle exceeds its gzipped budget
# (README "Size budget" says why):
#
#   map      www/build/pkg/zs_risk_map_map{.js,_bg.wasm} `--no-default-features --features map`: the
#            risk map alone — what a visitor downloads before `ready`. Its budget counts the
#            wasm, its glue and the element's JS modules the map view needs (MAP_JS).
#   engines  www/build/pkg/zs_risk_map{.js,_bg.wasm} default features (every engine): loaded when
#            the typhoon, payout, premium or pricing tab opens. Its budget counts the wasm, its
#            glue and the view modules (ENGINES_JS).
#
# Both use the same release profile (Cargo.toml [profile.release] and wasm-opt flags).
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen 132 from npm first on PATH: Debian's wasm-opt 108 breaks the page at init().
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

MAP_BUDGET_GZ_BYTES=${MAP_BUDGET_GZ_BYTES:-153600}          # 150 KiB: map wasm + glue + MAP_JS
ENGINES_BUDGET_GZ_BYTES=${ENGINES_BUDGET_GZ_BYTES:-655360}  # 640 KiB (measured 636.4 with briefing + forecast; loads on demand): engines wasm + glue + ENGINES_JS
# The element's modules the map view loads before `ready` (static imports of zs-risk-map.js).
MAP_JS="www/build/zs-risk-map.js www/build/i18n.js www/build/views/common.js www/build/views/scenario.js"
# What opening an engine tab adds (all four views, their strings and the sheet/export module).
ENGINES_JS="www/build/i18n-views.js www/build/sheet.js www/build/views/view-kit.js www/build/views/typhoon.js www/build/views/payout.js www/build/views/premium.js www/build/views/pricing.js www/build/views/field-errors.js www/build/views/briefing.js www/build/views/forecast.js"

# Each bundle is built into its own folder (wasm-pack runs wasm-opt on every .wasm in its
# output folder, so a shared one would optimise the other bundle a second time), then copied.
wasm-pack build --release --target web --out-dir target/wasm-pkg/map --out-name zs_risk_map_map --no-pack -- --no-default-features --features map >&2
wasm-pack build --release --target web --out-dir target/wasm-pkg/engines --out-name zs_risk_map --no-pack >&2
mkdir -p www/pkg
rm -f www/pkg/zs_risk_map*
cp target/wasm-pkg/map/zs_risk_map_map* target/wasm-pkg/engines/zs_risk_map* www/pkg/
# The shipped tree, minified (esbuild `transform`, one module in, one out; scripts/minify.mjs):
# www/build mirrors www/ (element, strings, views, sheet, pkg/ with both glue files, wasm and
# .d.ts). The demo pages, the end-to-end tests and scripts/package.sh use it; the budgets below
# count it.
node scripts/minify.mjs www/build

gz() { gzip -9 -c "$1" | wc -c; }
fail=0
# report NAME WASM GLUE BUDGET JS_FILES...
report() {
  local name=$1 wasm=$2 glue=$3 budget=$4
  shift 4
  local raw wgz ggz jgz=0 f
  raw=$(stat -c %s "$wasm")
  wgz=$(gz "$wasm")
  ggz=$(gz "$glue")
  for f in "$@"; do jgz=$((jgz + $(gz "$f"))); done
  local total=$((wgz + ggz + jgz))
  awk -v n="$name" -v raw="$raw" -v wgz="$wgz" -v ggz="$ggz" -v jgz="$jgz" -v tot="$total" -v bud="$budget" 'BEGIN {
    printf "%s bundle: wasm %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB); glue %.1f KiB gz; JS modules %.1f KiB gz; total %.1f KiB gz of %.0f KiB budget\n",
      n, raw, raw / 1024, wgz, wgz / 1024, ggz / 1024, jgz / 1024, tot / 1024, bud / 1024 }'
  if [ "$total" -gt "$budget" ]; then
    echo "FAIL: $name bundle, gzipped wasm + glue + JS ($total bytes) exceeds its budget ($budget bytes)" >&2
    fail=1
  fi
}
# shellcheck disable=SC2086
report map www/build/pkg/zs_risk_map_map_bg.wasm www/build/pkg/zs_risk_map_map.js "$MAP_BUDGET_GZ_BYTES" $MAP_JS
# shellcheck disable=SC2086
report engines www/build/pkg/zs_risk_map_bg.wasm www/build/pkg/zs_risk_map.js "$ENGINES_BUDGET_GZ_BYTES" $ENGINES_JS
exit "$fail"
