#!/usr/bin/env bash
# A second private Docker Engine, only to pull what the push tests pushed to the private
# registry (build/services/registry.sh): proof that the image arrived whole, on an engine that
# never had it. Same shape as dockerd.sh, other variables, so both run at once.
#
#   eval "$(build/services/pull-dockerd.sh start)"   # exports CLAWKER_PULL_DOCKER_HOST, CLAWKER_PULL_DOCKERD_DIR
#   build/services/pull-dockerd.sh stop              # uses CLAWKER_PULL_DOCKERD_DIR
#
# dockerd treats 127.0.0.0/8 as an insecure registry by default, so it pulls from the
# loopback registry over plain HTTP with no --insecure-registry flag.
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

start() {
  local dir; dir=$(mktemp -d /tmp/clawker-pdk.XXXXXX)   # short: unix socket paths max ~107 chars
  if start_private_dockerd "$dir"; then
    echo "export CLAWKER_PULL_DOCKER_HOST='unix://$dir/docker.sock'"
    echo "export CLAWKER_PULL_DOCKERD_DIR='$dir'"
    return 0
  fi
  echo "pull-dockerd.sh: dockerd did not start within 10 s; log: $dir/dockerd.log" >&2
  tail -20 "$dir/dockerd.log" >&2 || true
  exit 1
}

stop() {
  stop_engine "${1:-${CLAWKER_PULL_DOCKERD_DIR:-}}" dockerd.main.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
