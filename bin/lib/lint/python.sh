#!/usr/bin/env bash
# Python: ruff's lint rules, ruff's formatter and mypy over backend/ (the package, its
# migrations), scripts/, tools/ and tests/. Settings: ruff.toml and mypy.ini at the root.
#
#   bash bin/lib/lint/python.sh         check (writes nothing but mypy's cache, .mypy_cache)
#   bash bin/lib/lint/python.sh --fix   `ruff check --fix` and `ruff format` rewrite files first
set -uo pipefail
cd "$(dirname "$0")/../../.."
source bin/lib/env.sh

paths=(backend scripts tools tests)
# Python files under bin/ (the commands are shell scripts; any helper written in Python)
while IFS= read -r file; do paths+=("$file"); done < <(git ls-files 'bin/*.py')

failed=()
if [ "${1:-}" = --fix ]; then
  ruff check --fix "${paths[@]}" || failed+=("ruff check")
  ruff format "${paths[@]}" || failed+=("ruff format")
else
  # concise: one line a finding (file:line:col), not the code around each
  ruff check --output-format concise "${paths[@]}" || failed+=("ruff check")
  ruff format --check --output-format concise "${paths[@]}" || failed+=("ruff format")
fi

# mypy names every module once per run. A conftest.py inside one of mypy.ini's flat import
# roots (mypy_path) is the top-level module `conftest`, like its neighbours: each such file is
# checked in a run of its own; everything else in one run (sharing the cache, .mypy_cache).
lonely=()
for dir in $(sed -n 's/^mypy_path *= *//p' mypy.ini | tr ':' ' '); do
  [ -f "$dir/conftest.py" ] && lonely+=("$dir/conftest.py")
done
exclude=$(printf '|^%s$' "${lonely[@]}")
mypy_paths=("${paths[@]/#backend/backend/pawchain}")
mypy --exclude "${exclude#|}" "${mypy_paths[@]}" || failed+=("mypy")
for file in "${lonely[@]}"; do
  mypy "$file" || failed+=("mypy $file")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "python: findings from ${failed[*]}"
  exit 1
fi
