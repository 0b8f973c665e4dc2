#!/usr/bin/env bash
# The demo: build berth if needed, then load each example project and print its normalised model.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
npm run --silent build
for dir in examples/*/; do
  echo "=== ${dir%/}: berth config --services"
  node dist/cli/main.js --project-directory "$dir" config --services
done
echo "=== examples/web-api-db: berth config"
node dist/cli/main.js --project-directory examples/web-api-db config
