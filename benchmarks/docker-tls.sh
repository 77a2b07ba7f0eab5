#!/usr/bin/env bash
# The first ensure of a fresh process over TLS (GitLab's variables: DOCKER_HOST=tcp://...,
# DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH) vs `docker volume inspect clawker-globals` by the docker
# CLI over the same TLS engine, interleaved, each a fresh process (target: TLS ensure < 300 ms
# in-process). CLAWKER_BENCH_BASELINE=.../Clawker.Benchmarks adds another build's runs to every
# round (before/after side by side; see first-ensure-lib.sh).
# Uses the engine of build/services/dockerd-tls.sh (CLAWKER_TEST_TLS_*), starting one if none runs.
#
#   benchmarks/docker-tls.sh [runs]   # default 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/first-ensure-lib.sh
source benchmarks/first-ensure-lib.sh
runs="${1:-10}"

if [ -z "${CLAWKER_TEST_TLS_HOST:-}" ]; then
  eval "$(build/services/dockerd-tls.sh start)"
  trap 'build/services/dockerd-tls.sh stop' EXIT
fi
export DOCKER_HOST="$CLAWKER_TEST_TLS_HOST" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CLAWKER_TEST_TLS_CERT_PATH"
unset DOCKER_CONTEXT DOCKER_TLS

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
echo "TLS engine $DOCKER_HOST, verified, client certificate (in-process: load certificates, TLS handshake, version check, ensure; cold JIT)"
publish_aot_app
compare_first_ensure "$runs" "$PWD/benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks"
awk -v i="$fe_inproc" 'BEGIN { printf "  target in-process < 300 ms: %s\n", (i < 300 ? "met" : "MISSED") }'
