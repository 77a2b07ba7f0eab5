#!/usr/bin/env bash
# A private image registry (Debian's docker-registry, distribution 2.8) on loopback with a random
# free port and htpasswd (bcrypt) auth, for the push integration tests. Its user and a random
# password are made at start; the packaged config (all interfaces) is never used. Three kinds:
#
#   eval "$(build/services/registry.sh start)"   # plain HTTP on 127.0.0.1: exports CLAWKER_REGISTRY
#                                                # (127.0.0.1:PORT), CLAWKER_REGISTRY_USER,
#                                                # CLAWKER_REGISTRY_PASSWORD, CLAWKER_REGISTRY_DIR
#   eval "$(build/services/registry.sh start tls)"       # HTTPS on [::1] with a certificate from a CA
#                                                # made now that no engine trusts: CLAWKER_TLS_REGISTRY
#                                                # (clawker-registry.test:PORT, ::1 in the private
#                                                # engines' /etc/hosts), ..._USER, ..._PASSWORD, ..._DIR, ..._CA
#   eval "$(build/services/registry.sh start readonly)"  # plain HTTP on 127.0.0.1 in read-only
#                                                # maintenance mode: CLAWKER_RO_REGISTRY, ..._USER, ...
#   build/services/registry.sh stop [tls|readonly|DIR]   # uses that kind's ..._DIR variable
#
# Needs: docker-registry, htpasswd (apt: docker-registry apache2-utils), openssl for tls. dockerd
# treats 127.0.0.0/8 as an insecure registry by default, so plain HTTP works there with no daemon
# flag; the TLS registry's name is outside it, so its certificate is verified: a real TLS failure.
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

prefix_of() {
  case "${1:-}" in
    "") echo CLAWKER_REGISTRY ;;
    tls) echo CLAWKER_TLS_REGISTRY ;;
    readonly) echo CLAWKER_RO_REGISTRY ;;
    *) echo "registry.sh: unknown kind '$1' (none, tls or readonly)" >&2; exit 2 ;;
  esac
}

# make_cert DIR: a throwaway CA (its key removed at once) and a server certificate for ::1.
make_cert() {
  local d="$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=clawker untrusted registry CA" \
    -keyout "$d/ca-key.pem" -out "$d/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/server-key.pem" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName = DNS:%s,IP:::1\nextendedKeyUsage = serverAuth\n' "$TEST_REGISTRY_NAME" >"$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
    -days 2 -extfile "$d/server.ext" -out "$d/server-cert.pem" 2>/dev/null
  rm -f "$d/ca-key.pem" "$d/server.csr"
  chmod 600 "$d/server-key.pem"
}

start() {
  local kind="${1:-}" prefix; prefix=$(prefix_of "$kind")
  command -v docker-registry >/dev/null || { echo "registry.sh: docker-registry not found (apt-get install --no-install-recommends docker-registry)" >&2; exit 1; }
  command -v htpasswd >/dev/null || { echo "registry.sh: htpasswd not found (apt-get install --no-install-recommends apache2-utils)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-reg.XXXXXX)
  local user=clawker-ci password host=127.0.0.1 scheme=http tls="" storage="" ca=()
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  # Only bcrypt entries work (apr1/SHA always give 401).
  htpasswd -Bbn "$user" "$password" >"$dir/htpasswd" 2>/dev/null
  case "$kind" in
    tls)
      command -v openssl >/dev/null || { echo "registry.sh: openssl not found" >&2; exit 1; }
      make_cert "$dir"
      host="[::1]" scheme=https ca=(--cacert "$dir/ca.pem")
      tls=", tls: {certificate: '$dir/server-cert.pem', key: '$dir/server-key.pem'}" ;;
    readonly) storage=", maintenance: {readonly: {enabled: true}}" ;;
  esac
  cat >"$dir/config.yml" <<CONFIG
version: 0.1
log: {level: info}
http: {addr: "$host:0", secret: "$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"$tls}
storage: {filesystem: {rootdirectory: "$dir/data"}, delete: {enabled: true}$storage}
auth: {htpasswd: {realm: clawker-test, path: "$dir/htpasswd"}}
CONFIG
  # Port 0: the kernel picks a free port, and the registry logs the one it got.
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/registry.pid"
  local address="" pattern='listening on (127\.0\.0\.1|\[::1\]):[0-9]+'
  for _ in $(seq 1 200); do
    address=$(grep -oE "$pattern" "$dir/registry.log" 2>/dev/null | head -1 | sed 's/listening on //') || true
    if [ -n "$address" ] && curl -s -o /dev/null "${ca[@]}" "$scheme://$address/v2/"; then
      # The engines reach the TLS registry by name (engine-lib.sh's private /etc/hosts).
      [ -z "$tls" ] || address="$TEST_REGISTRY_NAME:${address##*:}"
      echo "export ${prefix}='$address'"
      echo "export ${prefix}_USER='$user'"
      echo "export ${prefix}_PASSWORD='$password'"
      echo "export ${prefix}_DIR='$dir'"
      [ -z "$tls" ] || echo "export ${prefix}_CA='$dir/ca.pem'"
      return 0
    fi
    sleep 0.05
  done
  echo "registry.sh: docker-registry did not answer within 10 s; log: $dir/registry.log" >&2
  tail -20 "$dir/registry.log" >&2 || true
  exit 1
}

stop() {
  local dir
  case "${1:-}" in
    "" | tls | readonly) local variable; variable="$(prefix_of "${1:-}")_DIR"; dir="${!variable:-}" ;;
    *) dir="$1" ;;
  esac
  # Only a folder this script made: stop_engine unmounts and removes what is under it.
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  dir=$(realpath "$dir")
  case "$dir" in
    /tmp/clawker-reg.*/*) echo "registry.sh: refusing to stop '$dir': not a folder registry.sh made" >&2; exit 2 ;;
    /tmp/clawker-reg.*) [ -f "$dir/config.yml" ] || { echo "registry.sh: $dir is not a registry this script started" >&2; exit 2; } ;;
    *) echo "registry.sh: refusing to stop '$dir': not a folder registry.sh made (/tmp/clawker-reg.*)" >&2; exit 2 ;;
  esac
  stop_engine "$dir" registry.pid
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [tls|readonly] | stop [tls|readonly|dir]" >&2; exit 2 ;;
esac
