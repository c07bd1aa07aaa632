#!/usr/bin/env bash
# Installs the front-end packages from the npm registry and copies the files the app serves into
# src/Readiness.Web/wwwroot/lib. The copies are committed, so building and running the app needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
lib=src/Readiness.Web/wwwroot/lib

# The GOV.UK Design System and MOJ Frontend: one stylesheet compiled from their Sass with Readiness's settings
# (src/Readiness.Web/Styles/design-system.scss: Arial, not GOV.UK's typeface; MOJ images under /lib/moj/), and
# their ES module scripts, started by wwwroot/js/design-system.mjs.
rm -rf "$lib/design-system" "$lib/govuk-frontend" "$lib/moj"
mkdir -p "$lib/design-system" "$lib/govuk-frontend" "$lib/moj/images"
npx sass --load-path=. --quiet-deps --no-source-map --style=compressed \
    src/Readiness.Web/Styles/design-system.scss "$lib/design-system/design-system.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$lib/govuk-frontend/"
cp node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js "$lib/moj/"
# Neither package ships a licence file; both say "MIT" in package.json, kept beside the copies.
cp node_modules/govuk-frontend/package.json "$lib/govuk-frontend/package.json"
cp node_modules/@ministryofjustice/frontend/package.json "$lib/moj/package.json"
# Only the icons the components draw; the crest, logotypes and touch icons are MOJ's branding, not Readiness's.
find node_modules/@ministryofjustice/frontend/moj/assets/images -name 'icon-*.svg' -exec cp {} "$lib/moj/images/" \;

# Mermaid renders the workflow state diagrams in the browser (the self-contained IIFE build, global `mermaid`).
rm -rf "$lib/mermaid"
mkdir -p "$lib/mermaid"
cp node_modules/mermaid/dist/mermaid.min.js "$lib/mermaid/"
cp node_modules/mermaid/LICENSE "$lib/mermaid/LICENSE"
# Chart.js draws the lead-indicator and dashboard charts (the self-contained UMD build, global `Chart`).
rm -rf "$lib/chartjs"
mkdir -p "$lib/chartjs"
cp node_modules/chart.js/dist/chart.umd.min.js "$lib/chartjs/"
cp node_modules/chart.js/LICENSE.md "$lib/chartjs/LICENSE.md"
echo "Copied assets into $lib"
