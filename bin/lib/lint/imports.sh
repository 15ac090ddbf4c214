#!/usr/bin/env bash
# The game server's layers (.importlinter): `lint-imports` checks every contract. It fixes
# nothing, so --fix is accepted and ignored. Exits non-zero when a contract is broken.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
source bin/lib/env.sh
for arg in "$@"; do
  case "$arg" in
    --fix) ;;  # nothing to fix automatically: a broken layer is a design decision
    *) echo "imports.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
lint-imports --no-cache
