#!/usr/bin/env bash
# A private podman Docker-compatible API service (Debian's podman 4, as root) for running the
# Docker integration tests against podman: its own socket, storage and run roots under one
# temporary folder, vfs storage.
#
#   eval "$(build/services/podman.sh start)"   # exports DOCKER_HOST, CLAWKER_TEST_PODMAN_HOST, CLAWKER_PODMAN_DIR
#   build/services/podman.sh stop              # uses CLAWKER_PODMAN_DIR
#
# Needs: root and podman (apt-get install --no-install-recommends podman).
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

start() {
  command -v podman >/dev/null || { echo "podman.sh: podman not found (apt-get install --no-install-recommends podman)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-pdm.XXXXXX)   # short: unix socket paths max ~107 chars
  mkdir -p "$dir/tmp"
  # podman, unlike dockerd, does not treat 127.0.0.0/8 as insecure: the loopback test registry
  # (registry.sh, plain HTTP) needs this entry for pulls (Clawker's pushes say tlsVerify=false
  # themselves). A registries.conf of its own also means no unqualified-search registries: a
  # short name podman lacks fails instead of leaving loopback.
  printf '[[registry]]\nlocation = "127.0.0.1"\ninsecure = true\n' >"$dir/registries.conf"
  private_hosts "$dir"   # the TLS registry's name (engine-lib.sh)
  CONTAINERS_REGISTRIES_CONF="$dir/registries.conf" setsid "${PRIVATE_HOSTS[@]}" podman --root "$dir/root" --runroot "$dir/run" --storage-driver vfs --tmpdir "$dir/tmp" \
    system service --time=0 "unix://$dir/podman.sock" >"$dir/podman.log" 2>&1 &
  echo $! >"$dir/podman.main.pid"
  if wait_for_socket "$dir/podman.sock"; then
    echo "export DOCKER_HOST='unix://$dir/podman.sock'"
    echo "export CLAWKER_TEST_PODMAN_HOST='unix://$dir/podman.sock'"   # see build/test.cake
    echo "export CLAWKER_PODMAN_DIR='$dir'"
    return 0
  fi
  echo "podman.sh: podman did not answer within 10 s; log: $dir/podman.log" >&2
  tail -20 "$dir/podman.log" >&2 || true
  exit 1
}

stop() {
  stop_engine "${1:-${CLAWKER_PODMAN_DIR:-}}" podman.main.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
