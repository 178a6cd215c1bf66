#!/usr/bin/env bash
# The gateway benchmark (README "Benchmarks"): a GET through the gateway vs straight to the service,
# same run: p50/p99 at a steady 500 req/s and the throughput of 32 concurrent clients.
# Figures are printed and appended as one JSON line (commit, machine, figures) to deploy/bench/results/gateway-bench.jsonl.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl gateway,target-service,bench -am
. deploy/bench/lib.sh
exec java -Xmx512m -jar bench/target/bench-0.1.0-SNAPSHOT.jar gateway-bench \
  --gateway-jar gateway/target/gateway-0.1.0-SNAPSHOT.jar \
  --target-jar target-service/target/target-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/gateway-bench.jsonl" "$@"
