#!/usr/bin/env bash
# A private image registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 with a
# random free port and htpasswd (bcrypt) auth, for the push integration tests. Its user and a
# random password are made at start; the packaged config (all interfaces) is never used.
#
#   eval "$(build/services/registry.sh start)"   # exports CLAWKER_REGISTRY (127.0.0.1:PORT),
#                                                # CLAWKER_REGISTRY_USER, CLAWKER_REGISTRY_PASSWORD,
#                                                # CLAWKER_REGISTRY_DIR
#   build/services/registry.sh stop              # uses CLAWKER_REGISTRY_DIR
#
# Needs: docker-registry and htpasswd (apt: docker-registry apache2-utils). dockerd treats
# 127.0.0.0/8 as an insecure registry by default, so plain HTTP works with no daemon flag.
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

start() {
  command -v docker-registry >/dev/null || { echo "registry.sh: docker-registry not found (apt-get install --no-install-recommends docker-registry)" >&2; exit 1; }
  command -v htpasswd >/dev/null || { echo "registry.sh: htpasswd not found (apt-get install --no-install-recommends apache2-utils)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-reg.XXXXXX)
  local user=clawker-ci password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  # Only bcrypt entries work (apr1/SHA always give 401).
  htpasswd -Bbn "$user" "$password" >"$dir/htpasswd" 2>/dev/null
  cat >"$dir/config.yml" <<CONFIG
version: 0.1
log: {level: info}
http: {addr: "127.0.0.1:0", secret: "$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"}
storage: {filesystem: {rootdirectory: "$dir/data"}, delete: {enabled: true}}
auth: {htpasswd: {realm: clawker-test, path: "$dir/htpasswd"}}
CONFIG
  # Port 0: the kernel picks a free port, and the registry logs the one it got.
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/registry.pid"
  local address=""
  for _ in $(seq 1 200); do
    address=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$dir/registry.log" 2>/dev/null | head -1 | sed 's/listening on //') || true
    if [ -n "$address" ] && curl -s -o /dev/null "http://$address/v2/"; then
      echo "export CLAWKER_REGISTRY='$address'"
      echo "export CLAWKER_REGISTRY_USER='$user'"
      echo "export CLAWKER_REGISTRY_PASSWORD='$password'"
      echo "export CLAWKER_REGISTRY_DIR='$dir'"
      return 0
    fi
    sleep 0.05
  done
  echo "registry.sh: docker-registry did not answer within 10 s; log: $dir/registry.log" >&2
  tail -20 "$dir/registry.log" >&2 || true
  exit 1
}

stop() {
  stop_engine "${1:-${CLAWKER_REGISTRY_DIR:-}}" registry.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
