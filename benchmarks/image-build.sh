#!/usr/bin/env bash
# Timings of the agent image build against a real dockerd, same engine, same run:
#   - the image built through the Engine API (AgentImageBuilder) vs `docker build` of the same
#     context folder by the CLI, interleaved, without and with the layer cache (target: the API
#     is no slower, ratio CLI/API >= 1);
#   - an unchanged re-release (bundle + skipped build) in a warm process (target < 300 ms).
# The base image is made offline from bash-static and busybox-static (`docker import`).
# Uses DOCKER_HOST when set; otherwise starts a private dockerd (build/services/dockerd.sh).
#
#   - BuildKit vs the classic builder, each through the API and by the CLI, uncached and cached.
#
#   benchmarks/image-build.sh [build-rounds] [rerelease-rounds] [builder-rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${DOCKER_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  trap 'build/services/dockerd.sh stop' EXIT
fi

base=clawker-bench-base:1
# shellcheck source=benchmarks/bench-base.sh
source benchmarks/bench-base.sh
ensure_bench_base "$base"

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks

"$bench" image-timings api-vs-cli "$base" "${1:-10}"
"$bench" image-timings rerelease "$base" "${2:-200}"
# BuildKit vs classic, API vs CLI, uncached and cached (target: API BuildKit uncached <= half of classic).
"$bench" image-timings builders "$base" "${3:-5}"
