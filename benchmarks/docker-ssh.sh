#!/usr/bin/env bash
# The first ensure of clawker-globals in a fresh process over an ssh:// engine, against
# `docker volume inspect clawker-globals` by the docker CLI over the same ssh engine, interleaved
# in one run (target: clawker no slower than the CLI). Both run the same system ssh (through the
# private sshd's wrapper, first on PATH), so the ssh handshake is in both figures.
#   - clawker in-process: connect (ssh start + version check) + ensure, cold JIT, as DockerTimings prints it;
#   - clawker process: the whole `Clawker.Benchmarks docker-timings first-ensure` process, wall clock;
#   - docker CLI process: `docker volume inspect clawker-globals`, wall clock.
# Starts a private dockerd and sshd (build/services/) unless CLAWKER_TEST_SSH_HOST is set.
#
#   benchmarks/docker-ssh.sh [rounds]   # default 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-10}"

if [ -z "${CLAWKER_TEST_SSH_HOST:-}" ]; then
  eval "$(build/services/dockerd.sh start)"
  eval "$(build/services/sshd.sh start)"
  trap 'build/services/sshd.sh stop; build/services/dockerd.sh stop' EXIT
fi

dotnet build benchmarks/Clawker.Benchmarks -c Release -v q -nologo >/dev/null
bench=$PWD/benchmarks/Clawker.Benchmarks/bin/Release/net10.0/Clawker.Benchmarks
export PATH="$CLAWKER_TEST_SSH_BIN:$PATH"
export DOCKER_HOST="$CLAWKER_TEST_SSH_HOST"
docker volume rm -f clawker-globals >/dev/null 2>&1 || true
"$bench" docker-timings first-ensure >/dev/null   # creates it; every timed round finds it

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1000000 }'; }
inproc=() clawker=() cli=()
for _ in $(seq 1 "$rounds"); do
  start=$(now_ms)
  line=$("$bench" docker-timings first-ensure)
  end=$(now_ms)
  clawker+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
  inproc+=("$(sed -E 's/^first-ensure: ([0-9.]+) ms.*/\1/' <<<"$line")")
  start=$(now_ms)
  docker volume inspect clawker-globals >/dev/null
  end=$(now_ms)
  cli+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mi=$(median "${inproc[@]}"); mc=$(median "${clawker[@]}"); md=$(median "${cli[@]}")
echo "ssh engine: $DOCKER_HOST ($rounds interleaved rounds, medians)"
echo "clawker first ensure, in-process:  $mi ms"
echo "clawker first ensure, whole process: $mc ms"
echo "docker volume inspect, whole process: $md ms"
awk -v i="$mi" -v c="$mc" -v d="$md" 'BEGIN { printf "ratio CLI / clawker: in-process %.2f, whole process %.2f (>= 1.00: clawker no slower)\n", d / i, d / c }'
