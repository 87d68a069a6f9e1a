#!/usr/bin/env bash
# prisma generate needs no schema engine, but the CLI insists that one exists: point it at any file.
set -euo pipefail
PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}" npx prisma generate >/dev/null
