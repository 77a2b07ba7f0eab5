#!/usr/bin/env bash
# A private, headless Secret Service (gnome-keyring) on its own D-Bus session bus, for the
# integration tests. Nothing of the user's own session is touched.
#
#   eval "$(build/services/secret-service.sh start)"   # exports DBUS_SESSION_BUS_ADDRESS, CLAWKER_SECRET_SERVICE_DIR
#   build/services/secret-service.sh stop              # uses CLAWKER_SECRET_SERVICE_DIR
#
# Needs: dbus-daemon, gnome-keyring-daemon (apt: dbus gnome-keyring libsecret-tools).
set -euo pipefail

start() {
  command -v gnome-keyring-daemon >/dev/null || { echo "secret-service.sh: gnome-keyring-daemon not found (apt-get install gnome-keyring libsecret-tools)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/clawker-kr.XXXXXX)
  mkdir -p "$dir/data" "$dir/run"; chmod 700 "$dir/run"
  local bus="unix:path=$dir/bus"
  dbus-daemon --session --fork --nopidfile --address="$bus" --print-pid=1 >"$dir/bus.pid"
  # A non-empty password on stdin creates and unlocks the `login` collection; an empty one
  # leaves no `login` collection at all.
  printf '%s' clawker-test-password | DBUS_SESSION_BUS_ADDRESS="$bus" XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" \
    setsid gnome-keyring-daemon --foreground --unlock --components=secrets >"$dir/daemon.log" 2>&1 &
  echo $! >"$dir/daemon.pid"
  # Wait until the daemon owns the name; a call before that would make D-Bus auto-start a second one.
  for _ in $(seq 1 100); do
    if DBUS_SESSION_BUS_ADDRESS="$bus" dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
         org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      echo "export DBUS_SESSION_BUS_ADDRESS='$bus'"
      echo "export CLAWKER_SECRET_SERVICE_DIR='$dir'"
      return 0
    fi
    sleep 0.05
  done
  echo "secret-service.sh: gnome-keyring did not start; log: $dir/daemon.log" >&2
  cat "$dir/daemon.log" >&2 || true
  exit 1
}

stop() {
  local dir="${1:-${CLAWKER_SECRET_SERVICE_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  for f in daemon.pid bus.pid; do
    if [ -f "$dir/$f" ]; then kill "$(cat "$dir/$f")" 2>/dev/null || true; fi
  done
  sleep 0.1
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
