#!/usr/bin/env bash
# A second private Docker Engine that speaks only TLS with client certificates (--tlsverify), as
# GitLab's docker-in-docker service does: a CA, a server certificate and a client certificate are
# made at start with openssl, and dockerd listens on 127.0.0.1 (and on [::1], whose address the
# server certificate does not name: a real name mismatch for the tests) at a free port.
# Own data root, exec root, pidfile and no bridge, so it never clashes with dockerd.sh's engine.
#
#   eval "$(build/services/dockerd-tls.sh start)"   # exports CLAWKER_TEST_TLS_HOST,
#                                                   # CLAWKER_TEST_TLS_CERT_PATH (ca.pem, cert.pem,
#                                                   # key.pem), CLAWKER_TEST_TLS_MISMATCH_HOST,
#                                                   # CLAWKER_DOCKERD_TLS_DIR
#   build/services/dockerd-tls.sh stop              # uses CLAWKER_DOCKERD_TLS_DIR
#
# Needs: root, /usr/sbin/dockerd (docker.io), openssl, curl. It never touches DOCKER_HOST.
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

# make_certs DIR: CA, server (127.0.0.1, localhost) and client certificates; the folder
# DIR/client is what DOCKER_CERT_PATH names (the docker CLI's file names).
make_certs() {
  local d="$1"
  mkdir -p "$d/client"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=clawker test CA" \
    -keyout "$d/ca-key.pem" -out "$d/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$d/server-key.pem" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName = IP:127.0.0.1,DNS:localhost\nextendedKeyUsage = serverAuth\n' >"$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
    -days 2 -extfile "$d/server.ext" -out "$d/server-cert.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=clawker test client" \
    -keyout "$d/client/key.pem" -out "$d/client.csr" 2>/dev/null
  printf 'extendedKeyUsage = clientAuth\n' >"$d/client.ext"
  openssl x509 -req -in "$d/client.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
    -days 2 -extfile "$d/client.ext" -out "$d/client/cert.pem" 2>/dev/null
  cp "$d/ca.pem" "$d/client/ca.pem"
  chmod 600 "$d"/*-key.pem "$d/client/key.pem"
}

# free_port: a TCP port nothing listens on (a random one, checked with ss).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] && { echo "$port"; return 0; }
  done
  return 1
}

# wait_for_tls URL CERTDIR: true once /_ping answers over TLS with the client certificate (10 s).
wait_for_tls() {
  local url="$1" c="$2"
  for _ in $(seq 1 200); do
    curl -sf --cacert "$c/ca.pem" --cert "$c/cert.pem" --key "$c/key.pem" "$url/_ping" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  return 1
}

start() {
  local dockerd=/usr/sbin/dockerd
  [ -x "$dockerd" ] || { echo "dockerd-tls.sh: $dockerd not found (apt-get install --no-install-recommends docker.io)" >&2; exit 1; }
  command -v openssl >/dev/null || { echo "dockerd-tls.sh: openssl not found (apt-get install openssl)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-dkt.XXXXXX)
  make_certs "$dir"
  local port; port=$(free_port) || { echo "dockerd-tls.sh: no free port found" >&2; exit 1; }
  local hosts=(-H "tcp://127.0.0.1:$port")
  # The [::1] listener is only for the name-mismatch test; without IPv6 the tests skip it.
  local mismatch=""
  if ip -6 addr show lo 2>/dev/null | grep -q '::1/128'; then
    hosts+=(-H "tcp://[::1]:$port")
    mismatch="tcp://[::1]:$port"
  fi
  setsid "$dockerd" "${hosts[@]}" --tlsverify --tlscacert "$dir/ca.pem" \
    --tlscert "$dir/server-cert.pem" --tlskey "$dir/server-key.pem" \
    --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs >"$dir/dockerd.log" 2>&1 &
  echo $! >"$dir/dockerd.main.pid"
  wait_for_tls "https://127.0.0.1:$port" "$dir/client" || start_failed dockerd-tls.sh "$dir" "dockerd did not answer over TLS within 10 s"
  printf "export %s='%s'\n" CLAWKER_TEST_TLS_HOST "tcp://127.0.0.1:$port" CLAWKER_TEST_TLS_CERT_PATH "$dir/client" \
    CLAWKER_TEST_TLS_MISMATCH_HOST "$mismatch" CLAWKER_DOCKERD_TLS_DIR "$dir"
}

stop() {
  stop_engine "${1:-${CLAWKER_DOCKERD_TLS_DIR:-}}" dockerd.main.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
