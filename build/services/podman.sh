#!/usr/bin/env bash
# A private podman Docker-compatible API service (Debian's podman 4, as root) for running the
# Docker integration tests against podman: its own socket, storage and run roots under one
# temporary folder, vfs storage.
#
#   eval "$(build/services/podman.sh start)"   # exports DOCKER_HOST, CLAWKER_PODMAN_DIR
#   build/services/podman.sh stop              # uses CLAWKER_PODMAN_DIR
#
# Needs: root and podman (apt-get install --no-install-recommends podman).
set -euo pipefail

start() {
  command -v podman >/dev/null || { echo "podman.sh: podman not found (apt-get install --no-install-recommends podman)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-pdm.XXXXXX)   # short: unix socket paths max ~107 chars
  mkdir -p "$dir/tmp"
  setsid podman --root "$dir/root" --runroot "$dir/run" --storage-driver vfs --tmpdir "$dir/tmp" \
    system service --time=0 "unix://$dir/podman.sock" >"$dir/podman.log" 2>&1 &
  echo $! >"$dir/podman.main.pid"
  for _ in $(seq 1 200); do
    if curl -sf --unix-socket "$dir/podman.sock" http://localhost/_ping >/dev/null 2>&1; then
      echo "export DOCKER_HOST='unix://$dir/podman.sock'"
      echo "export CLAWKER_PODMAN_DIR='$dir'"
      return 0
    fi
    sleep 0.05
  done
  echo "podman.sh: podman did not answer within 10 s; log: $dir/podman.log" >&2
  tail -20 "$dir/podman.log" >&2 || true
  exit 1
}

stop() {
  local dir="${1:-${CLAWKER_PODMAN_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  local pid; pid=$(cat "$dir/podman.main.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  grep -o " ${dir}[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
