#!/usr/bin/env bash
# Installs the front-end packages from the npm registry and copies the files the app serves into
# src/Readiness.Web/wwwroot/lib. The copies are committed, so building and running the app needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
lib=src/Readiness.Web/wwwroot/lib
rm -rf "$lib/bootstrap"
mkdir -p "$lib/bootstrap"
cp node_modules/bootstrap/dist/css/bootstrap.min.css "$lib/bootstrap/"
cp node_modules/bootstrap/LICENSE "$lib/bootstrap/LICENSE"
# Mermaid renders the workflow state diagrams in the browser (the self-contained IIFE build, global `mermaid`).
rm -rf "$lib/mermaid"
mkdir -p "$lib/mermaid"
cp node_modules/mermaid/dist/mermaid.min.js "$lib/mermaid/"
cp node_modules/mermaid/LICENSE "$lib/mermaid/LICENSE"
# Chart.js draws the lead-indicator charts (the self-contained UMD build, global `Chart`); the bands are drawn by wwwroot/js/indicators.js.
rm -rf "$lib/chartjs"
mkdir -p "$lib/chartjs"
cp node_modules/chart.js/dist/chart.umd.min.js "$lib/chartjs/"
cp node_modules/chart.js/LICENSE.md "$lib/chartjs/LICENSE.md"
echo "Copied assets into $lib"
