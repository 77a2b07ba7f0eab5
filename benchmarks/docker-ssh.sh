#!/usr/bin/env bash
# The first ensure of clawker-globals in a fresh process over an ssh:// engine, against
# `docker volume inspect clawker-globals` by the docker CLI over the same ssh engine, interleaved in
# one run (target: clawker no slower than the CLI). Both run the same system ssh (through the
# private sshd's wrapper, first on PATH), so the ssh handshake is in both figures, and in both
# CPU figures (children included). CLAWKER_BENCH_BASELINE=.../Clawker.Benchmarks adds another
# build's runs to every round (before/after side by side; see first-ensure-lib.sh).
# Starts a private dockerd and sshd (build/services/) unless CLAWKER_TEST_SSH_HOST is set.
#
#   benchmarks/docker-ssh.sh [rounds]   # default 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/first-ensure-lib.sh
source benchmarks/first-ensure-lib.sh
rounds="${1:-10}"

if [ -z "${CLAWKER_TEST_SSH_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  eval "$(build/services/sshd.sh start)"
  trap 'build/services/sshd.sh stop; build/services/dockerd.sh stop' EXIT
fi

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
export PATH="$CLAWKER_TEST_SSH_BIN:$PATH"
export DOCKER_HOST="$CLAWKER_TEST_SSH_HOST"
unset DOCKER_CONTEXT DOCKER_TLS DOCKER_TLS_VERIFY DOCKER_CERT_PATH
echo "ssh engine: $DOCKER_HOST (in-process: ssh start, ping and ensure; cold JIT)"
publish_aot_app
compare_first_ensure "$rounds" "$PWD/benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks"
