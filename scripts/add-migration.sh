#!/usr/bin/env bash
# Adds a migration named $1 for both providers, so the two sets stay in step with the one model.
#   scripts/add-migration.sh AddServiceDesk
# Before the first release, `scripts/add-migration.sh --reset` folds everything back into one Initial migration.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh Name | --reset}"
dotnet tool restore >/dev/null
if [[ "$name" == "--reset" ]]; then
  rm -rf src/Houqin/Data/Migrations src/Houqin/Houqin
  name=Initial
fi
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Houqin --context "${p}AppDbContext" \
    --output-dir "Data/Migrations/$p"
done
