#!/usr/bin/env bash
# The time the login check on clawker-globals adds on a warm engine (target < 150 ms), against
# docker create + docker cp + docker rm as CLI processes. Uses a volume of its own, removed after.
# Uses DOCKER_HOST when set; otherwise starts a private dockerd (build/services/dockerd.sh).
#
#   benchmarks/globals-login.sh [runs] [cli-runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${DOCKER_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  trap 'build/services/dockerd.sh stop' EXIT
fi

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks globals-login-timings "${1:-30}" "${2:-10}"
