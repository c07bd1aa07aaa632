#!/usr/bin/env bash
# Retakes docs/screenshots/*.png (shown in the README) with Playwright against the seeded demo: builds the app,
# starts it on a free local port with a fresh database in a temp folder (demo data and demo activity, as
# `dotnet run` gives), takes the pictures (scripts/screenshots.mjs) and stops the app.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Readiness.Web -c Release >/dev/null
data=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Run from the project folder (the content root, as `dotnet run` has it); exec keeps the app's own process id in $!.
(cd src/Readiness.Web && ASPNETCORE_ENVIRONMENT=Development exec dotnet bin/Release/net10.0/Readiness.Web.dll \
    --urls "http://127.0.0.1:$port" --Database:ConnectionString="Data Source=$data/readiness.db" \
    --Scheduling:StoragePath="$data/hangfire.db" --Email:PickupFolder="$data/mail") >"$data/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/Account/SignIn" && break
    sleep 1
done
playwright=$(ls -d "$HOME"/.nuget/packages/microsoft.playwright/*/.playwright | sort -V | tail -1)
mkdir -p docs/screenshots
PLAYWRIGHT_PACKAGE="$playwright/package" "$playwright/node/linux-x64/node" scripts/screenshots.mjs "http://127.0.0.1:$port" docs/screenshots
