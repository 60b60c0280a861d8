#!/usr/bin/env bash
# Idempotent set-up: installs every tool the build and the tests need, and skips what is there.
# Verified on Debian 12 / 2 cores (see ../shared/docs/TOOLCHAIN.md): cold ≈ 15 min, warm ≈ seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml: the CLI refuses a mismatched crate.
WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen CLI, pinned to the crate's exact version. No --locked: its lock file names a
#    dependency version the registry no longer serves (TOOLCHAIN.md).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (≈9 min on 2 cores)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# 3. wasm-pack. With a matching wasm-bindgen on PATH it downloads nothing.
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack $WASM_PACK_VERSION (≈3.5 min)"
  cargo install wasm-pack --version "=$WASM_PACK_VERSION" --locked
fi

# 4. Chromium, chromedriver and a CJK font (Chinese labels in screenshots), from Debian.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
   || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  say "installing chromium, chromium-driver, fonts-noto-cjk (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

# 5. npm tools: wasm-opt from binaryen 132 (NOT Debian's binaryen 108, which breaks the externref
#    table at init()), and playwright-core (drives Debian's Chromium; downloads no browser).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/typescript ] || [ ! -d node_modules/axe-core ] \
   || [ ! -d node_modules/echarts ] || [ ! -d node_modules/esbuild ]; then
  say "npm ci (binaryen, playwright-core, typescript, axe-core; echarts + esbuild for bench-echarts.mjs)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

say "ready: $(wasm-bindgen --version), $(wasm-pack --version), $(node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null)"
