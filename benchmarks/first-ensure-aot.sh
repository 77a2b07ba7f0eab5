#!/usr/bin/env bash
# The first ensure of clawker-globals as a whole process, by an app that references the library,
# against `docker volume create clawker-globals` by the docker CLI, on the same engine,
# interleaved round by round (target: at most 3x the CLI). The app is published three ways:
# Native AOT (-p:PublishAot=true: no JIT, no runtime start), ReadyToRun, and plain IL; the
# volume exists in every timed round. The AOT publish fails on any trimming or AOT warning.
# Uses DOCKER_HOST when set; otherwise starts a private dockerd (build/services/dockerd.sh).
#
#   benchmarks/first-ensure-aot.sh [rounds]   # default 20
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-20}"

started=0
if [ -z "${DOCKER_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  started=1
fi

work=$(mktemp -d /tmp/clawker-aot-bench.XXXXXX)
trap 'rm -rf "$work"; [ "$started" = 0 ] || build/services/dockerd.sh stop' EXIT
project=benchmarks/Clawker.AotEnsure/Clawker.AotEnsure.csproj
rid=linux-x64
echo "publishing the app: Native AOT, ReadyToRun, IL (a few minutes) ..."
dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true --artifacts-path "$work/a-aot" -o "$work/aot" -nologo -v:q >/dev/null
dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true --artifacts-path "$work/a-r2r" -o "$work/r2r" -nologo -v:q >/dev/null
dotnet publish "$project" -c Release -r "$rid" --self-contained false --artifacts-path "$work/a-il" -o "$work/il" -nologo -v:q >/dev/null
echo "engine: $DOCKER_HOST; AOT binary $(du -k "$work/aot/Clawker.AotEnsure" | cut -f1) KiB"

ms_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1000000 }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A times
names=(aot r2r il cli)
# one NAME: runs it once, checks its answer, appends its wall time.
one() {
  local start out
  start=$(date +%s%N)
  case "$1" in
    cli) out=$(docker volume create clawker-globals) ;;
    *) out=$("$work/$1/Clawker.AotEnsure") ;;
  esac
  local wall; wall=$(ms_since "$start")
  case "$1" in
    cli) [ "$out" = clawker-globals ] ;;
    *) [ "$out" = AlreadyExisted ] ;;
  esac || { echo "$1 answered '$out'" >&2; exit 1; }
  times[$1]+="$wall "
}
# The volume made by the app (labelled), and each program run once before timing.
"$work/aot/Clawker.AotEnsure" >/dev/null
for n in "${names[@]}"; do one "$n"; done
times=()
for i in $(seq 1 "$rounds"); do
  for j in 0 1 2 3; do one "${names[$(( (i + j) % 4 ))]}"; done
done
# shellcheck disable=SC2086 # the lists are space-separated numbers
cli=$(median ${times[cli]})
echo "medians of $rounds interleaved rounds, each a fresh process (wall):"
for n in aot r2r il; do
  # shellcheck disable=SC2086
  m=$(median ${times[$n]})
  awk -v n="$n" -v m="$m" -v c="$cli" 'BEGIN { printf "  %-3s %7.1f ms: %.2fx the CLI (target <= 3x)\n", n, m, m / c }'
done
echo "  docker volume create (CLI): $cli ms"
