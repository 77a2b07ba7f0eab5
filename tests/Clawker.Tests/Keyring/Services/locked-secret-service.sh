#!/usr/bin/env bash
# A second, private gnome-keyring whose `login` collection is locked, as after a password
# change: the data dir is created with one password, then the daemon is restarted with
# another, so unlocking would need a prompt (there is no display, so it is dismissed).
#
#   eval "$(locked-secret-service.sh start SERVICE USER)"   # exports LOCKED_BUS_ADDRESS, LOCKED_DIR
#   locked-secret-service.sh stop DIR
# SERVICE/USER name an item stored before the lock, so a read finds it locked.
set -euo pipefail

wait_owned() {
  for _ in $(seq 1 100); do
    if DBUS_SESSION_BUS_ADDRESS="$1" dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
         org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      return 0
    fi
    sleep 0.05
  done
  echo "locked-secret-service.sh: gnome-keyring did not start" >&2
  return 1
}

# Waits for the first daemon to exit (a fixed sleep was too short on a loaded machine: the second
# daemon found the name still owned by the first, unlocked one).
stop_daemon() { # dir
  local pid; pid=$(cat "$1/daemon.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 400); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  echo "locked-secret-service.sh: gnome-keyring (pid $pid) did not stop" >&2
  return 1
}

daemon() { # dir bus password
  printf '%s' "$3" | DBUS_SESSION_BUS_ADDRESS="$2" XDG_DATA_HOME="$1/data" XDG_RUNTIME_DIR="$1/run" \
    setsid gnome-keyring-daemon --foreground --unlock --components=secrets >>"$1/daemon.log" 2>&1 &
  echo $! >"$1/daemon.pid"
  wait_owned "$2"
}

start() {
  local dir; dir=$(mktemp -d /tmp/clawker-locked-kr.XXXXXX)
  mkdir -p "$dir/data" "$dir/run"; chmod 700 "$dir/run"
  local bus="unix:path=$dir/bus"
  dbus-daemon --session --fork --nopidfile --address="$bus" --print-pid=1 >"$dir/bus.pid"
  daemon "$dir" "$bus" first-password
  printf '%s' locked-value | DBUS_SESSION_BUS_ADDRESS="$bus" secret-tool store --label=locked service "$1" username "$2"
  stop_daemon "$dir"
  daemon "$dir" "$bus" another-password
  echo "export LOCKED_BUS_ADDRESS='$bus'"
  echo "export LOCKED_DIR='$dir'"
}

# Same state files (daemon.pid, bus.pid) as the repository's own service script: stop it the same way.
stop() {
  "$(dirname "${BASH_SOURCE[0]}")/../../../../build/services/secret-service.sh" stop "$1"
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start SERVICE USER | stop DIR" >&2; exit 2 ;;
esac
