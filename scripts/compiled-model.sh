#!/usr/bin/env bash
# Regenerates the SQLite compiled model (src/Readiness.Core/Persistence/CompiledModel) after any change to the model,
# e.g. with every new migration: CompiledModelTests fails until it is run. docs/decisions.md (2026-12-04, cold start).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/Readiness.Core/Persistence/CompiledModel
dotnet ef dbcontext optimize --project src/Readiness.Core --output-dir Persistence/CompiledModel \
  --namespace Readiness.Core.Persistence.CompiledModel --nativeaot
# The generator also registers the model for every ReadinessDbContext by an assembly attribute, which would hand this
# SQLite model to PostgreSQL as well: DatabaseProvider uses it for SQLite only, so the attribute goes.
rm src/Readiness.Core/Persistence/CompiledModel/ReadinessDbContextAssemblyAttributes.cs
# --nativeaot (above) writes each property's getters, setters and snapshot factories as code, so EF Core does not
# compile them from expression trees at start-up (docs/decisions.md, 2026-12-05). Its generator (EF Core 10) names a
# snapshot lambda's entry parameter `source`, which hides a property variable of the same name (a `Source` property):
# rename that parameter where it collides.
for file in $(grep -l "var source = runtimeEntityType" src/Readiness.Core/Persistence/CompiledModel/*.cs); do
  sed -E -i \
    -e 's/\((IInternalEntry|IDictionary<string, object>) source\)/(\1 sourceEntry)/g' \
    -e 's/\bsource\.(Entity|Get[A-Za-z]*Value|Read[A-Za-z]*Value)\b/sourceEntry.\1/g' \
    "$file"
done
