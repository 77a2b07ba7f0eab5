#!/usr/bin/env bash
# Timings of the clawker-globals ensure against a real dockerd, each in a fresh process:
#   - first ensure of a fresh process (target < 250 ms),
#   - warm ensure in one process vs `docker volume create --label ... clawker-globals` as a
#     process per call, as Cake.Docker does (target >= 20x; also checks 1 API request per ensure),
#   - an unreachable unix socket, missing and refusing (target < 100 ms),
#   - an engine that accepts and never answers: overshoot past a 300 ms connect timeout (target < 100 ms),
#   - the login check on the volume, on a warm engine (target < 150 ms), against docker create/cp/rm
#     (on a volume of its own: never the user's clawker-globals).
# Uses DOCKER_HOST when set; otherwise starts a private dockerd (build/services/dockerd.sh).
#
#   benchmarks/docker-volume.sh [ensures] [cli-runs] [login-checks] [login-cli-runs]
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
"$bench" docker-timings warm-vs-cli "${1:-2000}" "${2:-30}"
"$bench" docker-timings unreachable missing
"$bench" docker-timings unreachable refused
"$bench" docker-timings silent
"$bench" globals-login-timings "${3:-30}" "${4:-10}"
