#!/usr/bin/env bash
# A private Docker Engine (Debian's docker.io dockerd, as root) for the integration tests:
# its own socket, data root and exec root under one temporary folder, no bridge, no iptables.
#
#   eval "$(build/services/dockerd.sh start)"   # exports DOCKER_HOST, CLAWKER_DOCKERD_DIR
#   build/services/dockerd.sh stop              # uses CLAWKER_DOCKERD_DIR
#
# Needs: root and /usr/sbin/dockerd (apt-get install --no-install-recommends docker.io).
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

start() {
  [ -x /usr/sbin/dockerd ] || { echo "dockerd.sh: /usr/sbin/dockerd not found (apt-get install --no-install-recommends docker.io)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-dkd.XXXXXX)   # short: unix socket paths max ~107 chars
  if start_private_dockerd "$dir"; then
    echo "export DOCKER_HOST='unix://$dir/docker.sock'"
    echo "export CLAWKER_DOCKERD_DIR='$dir'"
    return 0
  fi
  echo "dockerd.sh: dockerd did not answer within 10 s; log: $dir/dockerd.log" >&2
  tail -20 "$dir/dockerd.log" >&2 || true
  exit 1
}

stop() {
  stop_engine "${1:-${CLAWKER_DOCKERD_DIR:-}}" dockerd.main.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
