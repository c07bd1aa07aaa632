#!/usr/bin/env bash
# Runs every test of the solution, on both database providers. Installs what the tests need when it is missing, so a
# fresh machine with only the .NET SDK can run it (CI calls this same script from .ci/run, as root).
#   1. every project on SQLite (the embedded default), one after another, plus the scale-out drills (two app nodes, backups, the copy
#      to PostgreSQL), which always run on PostgreSQL;
#   2. the integration tests again on PostgreSQL (READINESS_TEST_DB=postgres: each app gets a database of its own).
# A throwaway PostgreSQL cluster (tests/postgres.sh) serves both runs and is stopped at the end, pass or fail.
# Extra arguments go to every dotnet test run (e.g. --filter "FullyQualifiedName~Heatmap").
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests (tests/Readiness.BrowserTests) drive Debian's Chromium at /usr/bin/chromium through Playwright;
# Playwright cannot download its own browsers here.
if ! command -v chromium >/dev/null; then
    echo "run.sh: chromium is missing; installing Debian's chromium package (apt-get update && apt-get install -y chromium)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
        echo "run.sh: could not install chromium; the browser tests need /usr/bin/chromium (run as root, or install it first)" >&2
        exit 1
    fi
    echo "run.sh: installed $(chromium --version)"
fi

# PostgreSQL for the second provider and the scale-out drills: tests/postgres.sh installs Debian's postgresql package
# when it is missing (apt-get install -y postgresql), then pg_test_start runs a throwaway cluster as the postgres user
# on 127.0.0.1 and a free port; the EXIT trap stops it, pass or fail.
# shellcheck source=tests/postgres.sh
source tests/postgres.sh
pg_test_start
trap pg_test_stop EXIT

dotnet tool restore >/dev/null
dotnet build Readiness.sln --configuration Release

status=0
run() {
    local label="$1"; shift
    local started=$SECONDS
    echo "run.sh: $label"
    if ! "$@"; then status=1; fi
    echo "run.sh: $label took $((SECONDS - started)) s"
}
# A test that hangs (a browser waiting on something that never comes) fails after 10 quiet minutes, with a dump in
# TestResults, instead of holding CI until its time runs out.
hang=(--blame-hang-timeout 10m)
# One project at a time: `dotnet test Readiness.sln` runs the projects side by side, and on two cores the browser
# tests' first page loads then waited behind the web tests' hosts long enough to pass Playwright's 30 s timeout
# (CI, 2026-12-05: a sign-in in AccessibilityFixture). Run one by one, the stage takes about as long.
# Every test project under tests/, so a new one is never left out.
for csproj in tests/*/*.csproj; do
    project=$(basename "$csproj" .csproj)
    where="on SQLite"
    [[ $project == Readiness.ScaleOut.Tests ]] && where="(always on PostgreSQL)"
    run "$project $where" dotnet test "$csproj" --configuration Release --no-build "${hang[@]}" "$@"
done
for project in Readiness.Web.Tests Readiness.Infrastructure.Tests; do
    run "$project on PostgreSQL" env READINESS_TEST_DB=postgres dotnet test "tests/$project" --configuration Release --no-build "${hang[@]}" "$@"
done
exit $status
