#!/usr/bin/env bash
# Shared by the service scripts: wait for an engine's API socket, and stop a service (an engine,
# the registry, sshd) started under one temporary folder. Sourced, not run.

# The name the TLS registry (registry.sh start tls) is reached by: ::1, in the private engines'
# own /etc/hosts only. Outside 127.0.0.0/8, so the engines verify its certificate as they would a
# remote registry's (dockerd cannot name [::1] in an image reference).
TEST_REGISTRY_NAME=clawker-registry.test

# private_hosts DIR: sets PRIVATE_HOSTS to a command prefix that runs a program (exec: same pid)
# in a private mount namespace whose /etc/hosts is DIR/hosts: this machine's plus TEST_REGISTRY_NAME.
private_hosts() {
  # A newline first: /etc/hosts may not end with one.
  { cat /etc/hosts; printf '\n::1 %s\n' "$TEST_REGISTRY_NAME"; } >"$1/hosts"
  # shellcheck disable=SC2016 # $0 and $@ belong to the inner shell
  PRIVATE_HOSTS=(unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$1/hosts")
}

# wait_for_socket SOCKET: true once the Engine API answers /_ping on SOCKET (10 s at most).
wait_for_socket() {
  local socket="$1"
  for _ in $(seq 1 200); do
    curl -sf --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  return 1
}

# stop_engine DIR PIDFILE: SIGTERM the engine (SIGKILL after 10 s), unmount what it left
# mounted under DIR, and remove DIR.
stop_engine() {
  local dir="$1" pidfile="$2"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  # It unmounts and removes DIR: only a folder these scripts made (mktemp's /tmp/clawker-<kind>.XXXXXX,
  # the folder itself, not a link to one nor anything under or above it).
  case "$dir" in
    /tmp/clawker-*.*/* | *..* ) ;;
    /tmp/clawker-*.*) if [ ! -L "$dir" ] && [ "$(realpath -- "$dir")" = "$dir" ] && [ -f "$dir/$pidfile" ]; then dir_ok=1; fi ;;
  esac
  if [ "${dir_ok:-}" != 1 ]; then
    echo "refusing to stop and remove '$dir': not a folder build/services made (/tmp/clawker-<kind>.XXXXXX holding $pidfile)" >&2
    return 2
  fi
  unset dir_ok
  local pid; pid=$(cat "$dir/$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # Storage layers and container mounts live under the folder; unmount them before removing it.
  grep -o " ${dir}[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir"
}

# start_failed SCRIPT DIR WHAT: report an engine that did not come up (with its log's tail) and exit.
start_failed() {
  echo "$1: $3; log: $2/dockerd.log" >&2
  tail -20 "$2/dockerd.log" >&2 || true
  exit 1
}

# start_private_dockerd DIR: Debian's dockerd as root with its socket, data root and exec root
# under DIR (no bridge, no iptables, vfs storage); true once it answers on DIR/docker.sock.
# Its main pid is in DIR/dockerd.main.pid (what stop_engine stops) and its log in DIR/dockerd.log.
start_private_dockerd() {
  local dir="$1" dockerd=/usr/sbin/dockerd
  [ -x "$dockerd" ] || { echo "$dockerd not found (apt-get install --no-install-recommends docker.io)" >&2; return 1; }
  private_hosts "$dir"
  setsid "${PRIVATE_HOSTS[@]}" "$dockerd" -H "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" --iptables=false --ip6tables=false --bridge=none \
    --storage-driver=vfs >"$dir/dockerd.log" 2>&1 &
  echo $! >"$dir/dockerd.main.pid"
  wait_for_socket "$dir/docker.sock"
}
