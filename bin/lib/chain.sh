# Sourced by the commands in bin/ that need a throwaway in-memory chain (tests, benchmarks).
#   start_chain PORT LOG WHO [HARDFORK]
#                              start the node PAWCHAIN_CHAIN names (ganache, the default, or
#                              anvil) with the project's settings (pawchain.devchain;
#                              HARDFORK: shanghai, the default, or cancun on Anvil);
#                              sets chain_pid and chain_label ("Ganache", "Anvil") and adds
#                              the pid to chain_pids; on failure prints the log's tail and
#                              returns 1
#   stop_chain                 stop every chain start_chain started (SIGTERM, then SIGKILL
#                              after 10 s); safe to call twice
#   free_port FIRST            print the first port from FIRST that nothing listens on
#   help_before_chain SCRIPT ARGS...
#                              when ARGS ask for help (-h, --help), print SCRIPT's (its
#                              argparse lists every option) and exit, before any chain starts
# The node runs in its own session and outlives the Python that started it (so Ctrl-C reaches
# only us); it is not our child, so stop_chain polls rather than waits.
chain_pid=""
chain_label=""
chain_pids=()

help_before_chain() {
  local script=$1 arg
  shift
  for arg in "$@"; do
    case $arg in -h | --help) exec python "$script" --help ;; esac
  done
}

start_chain() {
  local port=$1 log=$2 who=$3 hardfork=${4:-shanghai}
  local started
  if ! started=$(python - "$port" "$log" "$who" "$hardfork" <<'PY'
import sys
from pathlib import Path

from pawchain import devchain, nodes

port, log, who, hardfork = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
try:
    settings = devchain.ChainSettings(port=port, hardfork=hardfork)
    process = devchain.start(settings, log_path=log)
except (devchain.DevchainError, nodes.UnknownNodeError) as exc:
    sys.exit(f"{who}: cannot start a chain on port {port}: {exc}\n"
             f"{who}: is another run using the port? Choose another (see the command's help).")
print(process.pid, nodes.node(settings.node).LABEL)
PY
  ); then
    chain_pid="" chain_label=""
    if [ -s "$log" ]; then echo "$who: the chain's log:" >&2; tail -20 "$log" >&2; fi
    return 1
  fi
  read -r chain_pid chain_label <<<"$started"
  chain_pids+=("$chain_pid")
}

stop_chain() {
  local pid
  for pid in ${chain_pids[@]+"${chain_pids[@]}"}; do
    kill -TERM "$pid" 2>/dev/null || true  # both nodes shut down cleanly on SIGTERM
  done
  for pid in ${chain_pids[@]+"${chain_pids[@]}"}; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  chain_pids=()
  chain_pid=""
}

free_port() {
  local port=$1
  # a connection that fails means nothing listens there
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
