#!/usr/bin/env bash
# The web app (frontend/): the type check (tsc --strict and more: frontend/tsconfig.json),
# eslint with typescript-eslint's typed rules (frontend/eslint.config.mjs) and prettier's format
# (frontend/.prettierrc: 100 columns, as ruff holds the Python to).
#   bash bin/lib/lint/typescript.sh         check everything, write nothing
#   bash bin/lib/lint/typescript.sh --fix   eslint's safe fixes and prettier's format, then check
set -uo pipefail
cd "$(dirname "$0")/../../.."
bin="$PWD/node_modules/.bin"
formatted=(src index.html build.mjs eslint.config.mjs) # inside frontend/
cd frontend

if [ "${1:-}" = --fix ]; then
  "$bin/eslint" --fix . || true # what it cannot fix is reported below
  "$bin/prettier" --log-level warn --write "${formatted[@]}"
fi

failed=0
echo "tsc --noEmit -p frontend"
"$bin/tsc" --noEmit -p . || failed=1
echo "eslint frontend"
"$bin/eslint" --max-warnings 0 . || failed=1
echo "prettier --check frontend"
"$bin/prettier" --log-level warn --check "${formatted[@]}" || failed=1
exit $failed
