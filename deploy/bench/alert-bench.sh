#!/usr/bin/env bash
# The alert-service benchmark (README "Benchmarks"): forecast → county webhook latency, p50/p99,
# with 7 and with 1,000 subscribed counties, against raw POSTs to the same receivers in the same run.
# Figures are printed and appended as one JSON line (commit, machine, figures) to deploy/bench/results/alert-bench.jsonl.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl alert-service,bench -am
. deploy/bench/lib.sh
exec java -Xmx1g -jar bench/target/bench-0.1.0-SNAPSHOT.jar alert-bench \
  --jar alert-service/target/alert-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/alert-bench.jsonl" "$@"
