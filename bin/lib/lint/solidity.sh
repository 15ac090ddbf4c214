#!/usr/bin/env bash
# Solidity: solhint (.solhint.json: solhint:recommended, the NatSpec rule; every rule turned
# off or tuned is explained in docs/contracts.md, "Lint") and prettier with
# prettier-plugin-solidity (.prettierrc, scoped to *.sol) on contracts/, plus the one NatSpec
# check solhint lacks: a doc comment on every custom error.
#   bash bin/lib/lint/solidity.sh          check (writes nothing); non-zero on any finding
#   bash bin/lib/lint/solidity.sh --fix    format with prettier, then apply solhint's safe fixes
set -uo pipefail
cd "$(dirname "$0")/../../.."
bin=node_modules/.bin
sources='contracts/**/*.sol'
status=0

if [ "${1:-}" = "--fix" ]; then
  "$bin/prettier" --write --log-level warn "$sources" || status=1
  # --noPrompt: apply the fixes solhint marks safe without asking (prettier runs first, so a
  # fix that changes layout is normalised by the check below on the next run).
  "$bin/solhint" --fix --noPrompt --disc --noPoster --max-warnings 0 "$sources" || status=1
else
  "$bin/prettier" --check --log-level warn "$sources" || status=1
  "$bin/solhint" --disc --noPoster --max-warnings 0 "$sources" || status=1
fi

# solhint's use-natspec checks functions, events, contracts and public variables, not errors.
undocumented=$(awk 'FNR == 1 { prev = "" }
  /^[[:space:]]*error [A-Za-z_]/ && prev !~ /^[[:space:]]*\/\/\// { print FILENAME ":" FNR ": " $0 }
  { prev = $0 }' $(git ls-files 'contracts/*.sol') $(git ls-files --others --exclude-standard 'contracts/*.sol'))
if [ -n "$undocumented" ]; then
  echo "solidity: custom errors without a NatSpec comment on the line above:"
  echo "$undocumented"
  status=1
fi
[ "$status" -eq 0 ] && echo "solidity: solhint and prettier clean"
exit "$status"
