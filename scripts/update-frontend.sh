#!/usr/bin/env bash
# Refreshes the front-end libraries in src/MicroSpa.Web/wwwroot/lib from npm (versions in package.json).
# Only needed when a library version changes; the copied files are committed.
set -euo pipefail
cd "$(dirname "$0")/../src/MicroSpa.Web"
npm install --no-audit --no-fund
rm -rf wwwroot/lib/bootstrap && mkdir -p wwwroot/lib/bootstrap
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js \
   node_modules/bootstrap/LICENSE wwwroot/lib/bootstrap/
