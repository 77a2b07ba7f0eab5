#!/usr/bin/env bash
# The first ensure of a fresh process over TLS (GitLab's variables: DOCKER_HOST=tcp://...,
# DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH) vs `docker volume inspect clawker-globals` by the docker
# CLI over the same TLS engine, interleaved, each a fresh process (target: TLS ensure < 300 ms).
# Uses the engine of build/services/dockerd-tls.sh (CLAWKER_TEST_TLS_*), starting one if none runs.
#
#   benchmarks/docker-tls.sh [runs]   # default 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-10}"

if [ -z "${CLAWKER_TEST_TLS_HOST:-}" ]; then
  eval "$(build/services/dockerd-tls.sh start)"
  trap 'build/services/dockerd-tls.sh stop' EXIT
fi
export DOCKER_HOST="$CLAWKER_TEST_TLS_HOST" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CLAWKER_TEST_TLS_CERT_PATH"
unset DOCKER_CONTEXT DOCKER_TLS

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks
"$bench" docker-timings first-ensure >/dev/null   # the volume exists from here on: both sides only find it

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
inproc=() wall=() cli=()
for _ in $(seq 1 "$runs"); do
  t=$(date +%s%N); out=$("$bench" docker-timings first-ensure); wall+=("$(ms "$t")")
  inproc+=("$(awk '{ print $2 }' <<<"$out")")
  t=$(date +%s%N); docker volume inspect clawker-globals >/dev/null; cli+=("$(ms "$t")")
done

w=$(printf '%s\n' "${wall[@]}" | median); i=$(printf '%s\n' "${inproc[@]}" | median); c=$(printf '%s\n' "${cli[@]}" | median)
echo "TLS engine $DOCKER_HOST, verified, client certificate; medians of $runs interleaved runs:"
echo "  clawker first ensure, fresh process: ${w} ms wall (${i} ms in-process: load certificates, TLS handshake, version check, ensure; cold JIT)"
echo "  docker volume inspect (CLI 'docker', fresh process): ${c} ms wall"
awk -v w="$w" -v c="$c" -v i="$i" 'BEGIN { printf "  ratio clawker/CLI (wall): %.2f; target in-process < 300 ms: %s\n", w / c, (i < 300 ? "met" : "MISSED") }'
