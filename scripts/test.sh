#!/usr/bin/env bash
# Sets up (idempotent) and runs every test, cheapest first: format, lints, native tests and
# doctests (which also build every example), the wasm build with its size budget, the
# wasm-bindgen tests in headless Chromium, the end-to-end tests of the built page, then the
# benchmarks, which print figures and assert nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "set-up"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

step "native tests (cargo test)"
mkdir -p target && cargo test 2>&1 | tee target/native-tests.log
grep -q "test result: ok" target/native-tests.log

step "fuzz smoke: every parser and entry point, ≈ 90 s (docs/robustness.md §4)"
cargo run --quiet --example fuzz -- --smoke

step "release wasm build + size budget"
bash scripts/build.sh

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test web

step "benchmarks (figures, not assertions)"
cargo run --release --quiet --example bench_render
node tests/e2e/bench.mjs
node tests/e2e/bench-echarts.mjs --short # side by side with Apache ECharts (README "Benchmarks")

step "package (dist/zs-risk-map + tarball) and a --strict TypeScript consumer of the tarball"
ZS_SKIP_BUILD=1 bash scripts/package.sh
node --test tests/e2e/portal-package.test.mjs

step "JS unit tests (node --test tests/js/: money format vectors shared with Rust)"
node --test tests/js/

step "end-to-end tests (playwright-core + Chromium)"
node --test --test-concurrency=1 tests/e2e/
