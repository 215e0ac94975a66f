#!/usr/bin/env bash
# Source: the Faultline team's Ceph RGW recipe (written for this project, same license: MIT), copied
# unchanged into the repository so tests and CI need nothing outside it. Used by test/support/ceph-rgw.ts.
#
# Throw-away single-node Ceph (Pacific 16.2.x, Debian bookworm packages) + RGW S3 endpoint on 127.0.0.1.
# Needs: apt-get install --no-install-recommends ceph-mon ceph-osd radosgw ceph-common   (run as root)
#
#   start:  set -a; eval "$(./start-rgw.sh)"; set +a    # stdout = KEY=value lines only; progress on stderr
#   stop:   ./start-rgw.sh stop "$CEPH_RGW_DIR"          # kills only the pids recorded in $DIR/pids, rm -rf $DIR
#
# Everything (conf, mon store, memstore OSD, logs, sockets, pid files) lives in one mktemp dir; cephx is off,
# nothing is written to /etc/ceph, /var/lib/ceph, /var/log/ceph or /var/run/ceph; no systemd involved.
# Env overrides: RGW_PORT, MON_PORT, CEPH_MEMSTORE_BYTES (default 1 GiB; memstore keeps all data in RAM),
#                CEPH_RGW_PARENT (parent of the temp dir, default /tmp), CEPH_START_TIMEOUT (default 90 s).
set -euo pipefail

log() { echo "[start-rgw] $*" >&2; }

stop_cluster() {
  local dir=${1:?usage: start-rgw.sh stop DIR}
  [[ -f "$dir/ceph.conf" && -f "$dir/pids" ]] || { log "not a start-rgw dir: $dir"; return 1; }
  local name pid
  _alive() { # alive (not a zombie) AND still the process we started (its cmdline names our conf)
    [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' </proc/$1/cmdline 2>/dev/null | grep -qF -- "$dir/ceph.conf"; }
  # one at a time: rgw (needs the osd to shut down cleanly), osd (tells the mon), mon; SIGKILL after 5 s each
  for phase in rgw osd mon; do
    while read -r name pid; do
      [[ $name == "$phase" ]] && _alive "$pid" && kill -TERM "$pid" 2>/dev/null || true
    done <"$dir/pids"
    for _ in $(seq 1 50); do
      local left=0
      while read -r name pid; do [[ $name == "$phase" ]] && _alive "$pid" && left=1; done <"$dir/pids"
      (( left )) || break; sleep 0.1
    done
    while read -r name pid; do
      [[ $name == "$phase" ]] && _alive "$pid" && { log "SIGKILL $name $pid"; kill -KILL "$pid" 2>/dev/null || true; }
    done <"$dir/pids"
  done
  rm -rf -- "$dir"
  log "stopped, removed $dir"
}

if [[ "${1:-}" == stop ]]; then stop_cluster "${2:-${CEPH_RGW_DIR:-}}"; exit; fi

for b in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool ceph-authtool curl ss; do
  command -v "$b" >/dev/null || { log "missing $b (apt-get install ceph-mon ceph-osd radosgw ceph-common curl)"; exit 1; }
done

free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    [[ -z "$(ss -Htan "sport = :$p")" ]] && { echo "$p"; return 0; }
  done
  return 1
}
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
rand_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

T0=$(date +%s.%N)
D=$(mktemp -d "${CEPH_RGW_PARENT:-/tmp}/ceph-rgw.XXXXXX")
CONF=$D/ceph.conf
TIMEOUT=${CEPH_START_TIMEOUT:-90}
MON_PORT=${MON_PORT:-$(free_port)}
RGW_PORT=${RGW_PORT:-$(free_port)}
: >"$D/pids"
trap 'rc=$?; if (( rc )); then log "FAILED (rc=$rc), logs:"; tail -n 20 "$D"/log/*.log >&2 || true; stop_cluster "$D" || true; fi' EXIT
mkdir -p "$D"/{mon,osd/ceph-0,run,log,rgw,crash}
FSID=$(uuidgen)

cat >"$CONF" <<EOF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind msgr1 = false
# no cephx: a test fixture on loopback. radosgw defaults ms_mon_client_mode=secure, which needs cephx -> force crc
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
# keep every path inside $D (defaults point at /var/lib/ceph, /var/run/ceph, /var/log/ceph, /etc/ceph)
run dir = $D/run
admin socket = $D/run/\$cluster-\$name.asok
pid file = $D/run/\$cluster-\$name.pid
log file = $D/log/\$cluster-\$name.log
mon cluster log file = default=$D/log/\$cluster.\$channel.log cluster=$D/log/\$cluster.log
crash dir = $D/crash
keyring = $D/keyring
mon data = $D/mon/\$cluster-\$id
osd data = $D/osd/\$cluster-\$id
rgw data = $D/rgw
# one in-RAM OSD, replica size 1, few PGs (RGW creates ~7 pools; default 32 PGs each would exceed mon_max_pg_per_osd)
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-1073741824}
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 2
mon data avail crit = 1
mon warn on insecure global id reclaim allowed = false
# faster map updates (each RGW pool creation waits for a new osdmap)
paxos propose interval = 0.05
paxos min wait = 0.01
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw thread pool size = 64
EOF

ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$D/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring" 2>>"$D/log/mkfs.out"

start_daemon() { # name cmd...   (foreground daemons, backgrounded; stdout/err to files so $(...) callers don't hang)
  local name=$1; shift
  nohup "$@" -f </dev/null >>"$D/log/$name.out" 2>&1 &
  echo "$name $!" >>"$D/pids"
}
wait_for() { # description, command...
  local desc=$1; shift; local t=$(( $(date +%s) + TIMEOUT ))
  local name pid
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < t )) || { log "timeout waiting for $desc"; return 1; }
    while read -r name pid; do  # fail fast if a daemon died (e.g. port taken)
      kill -0 "$pid" 2>/dev/null || { log "$name (pid $pid) exited while waiting for $desc"; return 1; }
    done <"$D/pids"
    sleep 0.2
  done
}
C() { ceph -c "$CONF" --connect-timeout 5 "$@"; }

start_daemon mon ceph-mon -c "$CONF" -i a
wait_for "mon quorum" C mon stat
log "mon up on v2:127.0.0.1:$MON_PORT ($(elapsed) s)"

OSD_UUID=$(uuidgen)
OSD_ID=$(C osd new "$OSD_UUID")
ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >>"$D/log/mkfs.out" 2>&1
start_daemon osd ceph-osd -c "$CONF" -i "$OSD_ID"
osd_up() { C osd stat -f json | grep -q '"num_up_osds":1'; }
wait_for "osd up" osd_up
log "osd.$OSD_ID up, memstore ($(elapsed) s)"

start_daemon rgw radosgw -c "$CONF" -n client.rgw
rgw_up() { curl -s --max-time 2 "http://127.0.0.1:$RGW_PORT/" | grep -q ListAllMyBucketsResult; }  # not some other server
wait_for "rgw http" rgw_up

AK=${RGW_ACCESS_KEY:-$(rand_hex 10 | tr a-f A-F)}
SK=${RGW_SECRET_KEY:-$(rand_hex 20)}
radosgw-admin -c "$CONF" user create --uid=tester --display-name=tester \
  --access-key="$AK" --secret-key="$SK" >"$D/user.json" 2>>"$D/log/radosgw-admin.out"
log "rgw ready on http://127.0.0.1:$RGW_PORT in $(elapsed) s; dir $D"

trap - EXIT
cat <<EOF
S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
AWS_ACCESS_KEY_ID=$AK
AWS_SECRET_ACCESS_KEY=$SK
AWS_REGION=us-east-1
CEPH_RGW_DIR=$D
CEPH_RGW_PIDS="$(awk '{printf "%s%s", sep, $2; sep=" "}' "$D/pids")"
EOF
