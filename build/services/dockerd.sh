#!/usr/bin/env bash
# A private Docker Engine (Debian's docker.io dockerd, as root) for the integration tests:
# its own socket, data root and exec root under one temporary folder, no bridge, no iptables.
#
#   eval "$(build/services/dockerd.sh start)"   # exports DOCKER_HOST, CLAWKER_DOCKERD_DIR
#   build/services/dockerd.sh stop              # uses CLAWKER_DOCKERD_DIR
#
# Needs: root and /usr/sbin/dockerd (apt-get install --no-install-recommends docker.io).
set -euo pipefail

start() {
  local dockerd=/usr/sbin/dockerd
  [ -x "$dockerd" ] || { echo "dockerd.sh: $dockerd not found (apt-get install --no-install-recommends docker.io)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-dkd.XXXXXX)   # short: unix socket paths max ~107 chars
  setsid "$dockerd" -H "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" --iptables=false --ip6tables=false --bridge=none \
    --storage-driver=vfs >"$dir/dockerd.log" 2>&1 &
  echo $! >"$dir/dockerd.main.pid"
  for _ in $(seq 1 200); do
    if curl -sf --unix-socket "$dir/docker.sock" http://localhost/_ping >/dev/null 2>&1; then
      echo "export DOCKER_HOST='unix://$dir/docker.sock'"
      echo "export CLAWKER_DOCKERD_DIR='$dir'"
      return 0
    fi
    sleep 0.05
  done
  echo "dockerd.sh: dockerd did not answer within 10 s; log: $dir/dockerd.log" >&2
  tail -20 "$dir/dockerd.log" >&2 || true
  exit 1
}

stop() {
  local dir="${1:-${CLAWKER_DOCKERD_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  local pid; pid=$(cat "$dir/dockerd.main.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # vfs layers and container mounts live under the folder; unmount anything left before removing it.
  grep -o " ${dir}[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
