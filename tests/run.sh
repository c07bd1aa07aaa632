#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need when it is missing, so a fresh
# machine with only the .NET SDK can run it (CI calls this same script from .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests (tests/Readiness.BrowserTests) drive Debian's Chromium at /usr/bin/chromium through Playwright;
# Playwright cannot download its own browsers here. CI runs this script as root on a fresh clone.
if ! command -v chromium >/dev/null; then
    echo "run.sh: chromium is missing; installing Debian's chromium package (apt-get update && apt-get install -y chromium)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
        echo "run.sh: could not install chromium; the browser tests need /usr/bin/chromium (run as root, or install it first)" >&2
        exit 1
    fi
    echo "run.sh: installed $(chromium --version)"
fi

dotnet tool restore >/dev/null
dotnet test Readiness.sln --configuration Release "$@"
