#!/usr/bin/env bash
# Timings of the clawker-globals ensure against a real dockerd, each in a fresh process:
#   - first ensure of a fresh process (target < 250 ms), and the whole process (start, connect,
#     ensure, exit) against `docker volume create` of the same volume as a whole process,
#     interleaved, wall and CPU (target <= 3x),
#   - warm ensure in one process vs `docker volume create --label ... clawker-globals` as a
#     process per call, as Cake.Docker does (target >= 20x; also checks 1 API request per ensure),
#   - an unreachable unix socket, missing and refusing (target < 100 ms),
#   - an engine that accepts and never answers: overshoot past a 300 ms connect timeout (target < 100 ms),
#   - the login check on the volume, on a warm engine (target < 150 ms), against docker create/cp/rm
#     (on a volume of its own: never the user's clawker-globals).
# Uses DOCKER_HOST when set; otherwise starts a private dockerd (build/services/dockerd.sh).
#
#   benchmarks/docker-volume.sh [ensures] [cli-runs] [process-runs] [login-checks] [login-cli-runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${DOCKER_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  trap 'build/services/dockerd.sh stop' EXIT
fi

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks

# Three rounds: a fresh process that creates the volume, then one that finds it.
for _ in 1 2 3; do
  docker volume rm -f clawker-globals >/dev/null 2>&1 || true
  "$bench" docker-timings first-ensure
  "$bench" docker-timings first-ensure
done
# The whole process, as a user meets it, against the docker CLI's; the volume exists for both.
wallcpu() { local t TIMEFORMAT='%R %U %S'; t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "failed: $*" >&2; exit 1; }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
runs=${3:-10}; out=$(mktemp -d); : >"$out/lib"; : >"$out/cli"
for _ in $(seq 1 "$runs"); do
  wallcpu "$bench" docker-timings first-ensure >>"$out/lib"
  wallcpu docker volume create --label com.clawker.managed=true --label com.clawker.purpose=globals clawker-globals >>"$out/cli"
done
lw=$(cut -d' ' -f1 "$out/lib" | median); lc=$(cut -d' ' -f2 "$out/lib" | median)
cw=$(cut -d' ' -f1 "$out/cli" | median); cc=$(cut -d' ' -f2 "$out/cli" | median)
rm -rf "$out"
awk -v lw="$lw" -v lc="$lc" -v cw="$cw" -v cc="$cc" -v n="$runs" 'BEGIN {
  printf "first ensure, whole process vs docker volume create (median of %d interleaved): wall %d vs %d ms (%.1fx), cpu %d vs %d ms (%.1fx); target <= 3x\n",
    n, lw, cw, lw / (cw ? cw : 1), lc, cc, lc / (cc ? cc : 1) }'
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
"$bench" docker-timings warm-vs-cli "${1:-2000}" "${2:-30}"
"$bench" docker-timings unreachable missing
"$bench" docker-timings unreachable refused
"$bench" docker-timings silent
"$bench" globals-login-timings "${4:-30}" "${5:-10}"
