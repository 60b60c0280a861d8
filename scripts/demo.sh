#!/usr/bin/env bash
# Sets up (idempotent), builds the widget and serves the demo on http://127.0.0.1:PORT/www/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8765}"
