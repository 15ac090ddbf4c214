# Sourced by the commands in bin/: the environment every command of this checkout runs in.
# Sets `root` (the checkout) and exports what brownie, the tests and the backend need.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export SOLCX_BINARY_PATH="$root/.solcx"                       # the solc bridge brownie compiles with
export PYTHONPATH="$root/backend${PYTHONPATH:+:$PYTHONPATH}"   # this checkout's backend first (worktrees share .venv)
export PATH="$root/.venv/bin:$root/node_modules/.bin:$PATH"   # brownie, slither, gunicorn, ganache, autocannon
