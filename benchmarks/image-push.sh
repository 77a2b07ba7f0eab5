#!/usr/bin/env bash
# Timings of the agent image push against a real dockerd and a real loopback registry, same run:
#   - pushed through the Engine API (AgentImagePusher) vs `docker push` by the CLI, interleaved,
#     each to a fresh repository (target: the API is no slower, ratio CLI/API >= 1);
#   - an unchanged re-release, bundle + build skip + push skip, in a warm process (target < 300 ms).
# Both sides read the credentials from DOCKER_CONFIG's auths. Uses DOCKER_HOST and CLAWKER_REGISTRY
# when set; otherwise starts a private dockerd and registry (build/services/).
#
#   benchmarks/image-push.sh [push-rounds] [rerelease-rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

stops=()
cleanup() { for s in "${stops[@]}"; do $s || true; done; rm -rf "${config:-}"; }
trap cleanup EXIT
if [ -z "${DOCKER_HOST:-}" ]; then eval "$(build/services/dockerd.sh start)"; stops+=("build/services/dockerd.sh stop"); fi
if [ -z "${CLAWKER_REGISTRY:-}" ]; then eval "$(build/services/registry.sh start)"; stops+=("build/services/registry.sh stop"); fi

config=$(mktemp -d)
printf '{"auths":{"%s":{"auth":"%s"}}}' "$CLAWKER_REGISTRY" "$(printf '%s:%s' "$CLAWKER_REGISTRY_USER" "$CLAWKER_REGISTRY_PASSWORD" | base64 -w0)" >"$config/config.json"
export DOCKER_CONFIG=$config

base=clawker-bench-base:1
# shellcheck source=benchmarks/bench-base.sh
source benchmarks/bench-base.sh
ensure_bench_base "$base"

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks

# CPU of the engine and registry per push, when this machine runs them (the private services).
CLAWKER_BENCH_ENGINE_PID=$(cat "${CLAWKER_DOCKERD_DIR:-/nonexistent}/dockerd.main.pid" 2>/dev/null || true)
CLAWKER_BENCH_REGISTRY_PID=$(cat "${CLAWKER_REGISTRY_DIR:-/nonexistent}/registry.pid" 2>/dev/null || true)
export CLAWKER_BENCH_ENGINE_PID CLAWKER_BENCH_REGISTRY_PID
"$bench" push-timings api-vs-cli "$base" "$CLAWKER_REGISTRY" "${1:-10}"
"$bench" push-timings rerelease "$base" "$CLAWKER_REGISTRY" "${2:-200}"
