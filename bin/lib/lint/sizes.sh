#!/usr/bin/env bash
# No source file over 500 lines: a longer file holds more than one idea and is split by concern
# (docs/architecture.md). Counts the tracked and new (not ignored) source files; data, docs and
# lock files are not source. Fixes nothing, so --fix is accepted and ignored.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
limit=500
for arg in "$@"; do
  case "$arg" in
    --fix) ;;  # splitting a file is a design decision
    *) echo "sizes.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
too_long=$(git ls-files --cached --others --exclude-standard -z \
    '*.py' '*.sol' '*.ts' '*.js' '*.mjs' '*.css' '*.html' '*.sh' 'bin/*' \
  | xargs -0 -r wc -l 2>/dev/null \
  | awk -v limit="$limit" '$2 != "total" && $1 > limit { printf "  %s: %d lines\n", $2, $1 }')
if [ -n "$too_long" ]; then
  echo "sizes: source files over $limit lines (split each by concern):"
  echo "$too_long"
  exit 1
fi
echo "sizes: no source file over $limit lines"
