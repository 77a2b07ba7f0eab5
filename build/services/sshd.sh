#!/usr/bin/env bash
# A private OpenSSH server on 127.0.0.1 for the ssh:// engine tests: its own config, host key,
# client key, authorized_keys and known_hosts under one temporary folder; the real ~/.ssh is
# never read or written. A remote `docker` run through it reaches the engine at DOCKER_HOST
# (start dockerd.sh first), through `SetEnv DOCKER_HOST` in the server's config.
#
#   eval "$(build/services/sshd.sh start)"   # exports CLAWKER_TEST_SSH_* (below)
#   build/services/sshd.sh stop              # uses CLAWKER_TEST_SSH_DIR
#
# Exports:
#   CLAWKER_TEST_SSH_HOST            ssh://USER@127.0.0.1:PORT, whose remote docker reaches the engine
#   CLAWKER_TEST_SSH_NODOCKER_HOST   ssh://USER@127.0.0.1:PORT2, same server, no docker on the remote PATH
#   CLAWKER_TEST_SSH_ENGINE_SOCKET   the engine's socket path (for ssh://USER@HOST:PORT/SOCKET)
#   CLAWKER_TEST_SSH_BIN             a folder holding an `ssh` wrapper that adds `-F CONFIG`:
#                                    put it first on PATH (the docker CLI runs the same wrapper)
#   CLAWKER_TEST_SSH_CONFIG          that client config (key, known_hosts, BatchMode)
#   CLAWKER_TEST_SSH_DIR             the folder; the client key is its client_key
# USER is root when running as root (PermitRootLogin prohibit-password), else the current user.
#
# Needs: /usr/sbin/sshd and ssh-keygen (apt-get install --no-install-recommends openssh-server
# openssh-client), and DOCKER_HOST=unix://... of a running engine.
set -euo pipefail
# shellcheck source=build/services/engine-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-lib.sh"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    # Nothing answers on it: free as far as we can tell (sshd's bind is the final word).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start() {
  local sshd=/usr/sbin/sshd
  [ -x "$sshd" ] || { echo "sshd.sh: $sshd not found (apt-get install --no-install-recommends openssh-server)" >&2; exit 1; }
  command -v ssh-keygen >/dev/null || { echo "sshd.sh: ssh-keygen not found (apt-get install openssh-client)" >&2; exit 1; }
  local engine="${DOCKER_HOST:-}"
  case "$engine" in
    unix://*) ;;
    *) echo "sshd.sh: DOCKER_HOST must be the unix:// socket of a running engine (start dockerd.sh first), not '$engine'" >&2; exit 1 ;;
  esac
  local socket="${engine#unix://}"
  local user; user=$(id -un)
  [ "$(id -u)" = 0 ] && mkdir -p /run/sshd   # sshd refuses to start without its privilege-separation folder

  local dir; dir=$(mktemp -d /tmp/clawker-ssh.XXXXXX)
  ssh-keygen -q -t ed25519 -N '' -C clawker-test-host -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C clawker-test-client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"

  local port nodocker status=1
  for _ in 1 2 3; do
    if ! port=$(free_port) || ! nodocker=$(free_port); then break; fi
    [ "$port" != "$nodocker" ] || continue
    cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
ListenAddress 127.0.0.1:$nodocker
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
AllowUsers $user
SetEnv DOCKER_HOST=$engine
Match LocalPort $nodocker
  SetEnv PATH=/nonexistent DOCKER_HOST=$engine
EOF
    "$sshd" -D -e -f "$dir/sshd_config" >"$dir/sshd.log" 2>&1 &
    echo $! >"$dir/sshd.main.pid"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$nodocker") 2>/dev/null; then status=0; break; fi
      kill -0 "$(cat "$dir/sshd.main.pid")" 2>/dev/null || break
      sleep 0.05
    done
    [ $status = 0 ] && break
    kill "$(cat "$dir/sshd.main.pid")" 2>/dev/null || true
  done
  if [ $status != 0 ]; then
    echo "sshd.sh: sshd did not listen within 5 s; log: $dir/sshd.log" >&2
    tail -20 "$dir/sshd.log" >&2 || true
    exit 1
  fi

  local hostkey; hostkey=$(cut -d' ' -f1,2 "$dir/host_key.pub")
  printf '[127.0.0.1]:%s %s\n[127.0.0.1]:%s %s\n' "$port" "$hostkey" "$nodocker" "$hostkey" >"$dir/known_hosts"
  cat >"$dir/ssh_config" <<EOF
Host *
  IdentityFile $dir/client_key
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
EOF
  mkdir "$dir/bin"
  printf '#!/bin/sh\nexec /usr/bin/ssh -F %s "$@"\n' "$dir/ssh_config" >"$dir/bin/ssh"
  chmod 755 "$dir/bin/ssh"

  # The first login proves the whole chain: key, known_hosts, remote docker, engine.
  if ! "$dir/bin/ssh" -p "$port" -l "$user" -- 127.0.0.1 docker version --format '{{.Server.Version}}' >"$dir/check.log" 2>&1; then
    echo "sshd.sh: docker over ssh does not work; $dir/check.log:" >&2
    cat "$dir/check.log" >&2
    stop "$dir"
    exit 1
  fi

  echo "export CLAWKER_TEST_SSH_HOST='ssh://$user@127.0.0.1:$port'"
  echo "export CLAWKER_TEST_SSH_NODOCKER_HOST='ssh://$user@127.0.0.1:$nodocker'"
  echo "export CLAWKER_TEST_SSH_ENGINE_SOCKET='$socket'"
  echo "export CLAWKER_TEST_SSH_BIN='$dir/bin'"
  echo "export CLAWKER_TEST_SSH_CONFIG='$dir/ssh_config'"
  echo "export CLAWKER_TEST_SSH_DIR='$dir'"
}

stop() {
  local dir="${1:-${CLAWKER_TEST_SSH_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  # The sessions the server forked (one per open connection) first, then the server itself.
  local pid; pid=$(cat "$dir/sshd.main.pid" 2>/dev/null || true)
  [ -z "$pid" ] || pkill -TERM -P "$pid" 2>/dev/null || true
  stop_engine "$dir" sshd.main.pid
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
