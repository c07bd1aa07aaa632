#!/usr/bin/env bash
# Regenerates the SQLite compiled model (src/Readiness.Core/Persistence/CompiledModel) after any change to the model,
# e.g. with every new migration: CompiledModelTests fails until it is run. docs/decisions.md (2026-12-04, cold start).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/Readiness.Core/Persistence/CompiledModel
dotnet ef dbcontext optimize --project src/Readiness.Core --output-dir Persistence/CompiledModel \
  --namespace Readiness.Core.Persistence.CompiledModel
# The generator also registers the model for every ReadinessDbContext by an assembly attribute, which would hand this
# SQLite model to PostgreSQL as well: DatabaseProvider uses it for SQLite only, so the attribute goes.
rm src/Readiness.Core/Persistence/CompiledModel/ReadinessDbContextAssemblyAttributes.cs
