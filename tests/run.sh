#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need when it is missing, so a fresh
# machine with only the .NET SDK can run it (CI calls this same script from .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null
dotnet test Readiness.sln --configuration Release "$@"
