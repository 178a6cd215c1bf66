#!/usr/bin/env bash
# The pre-review benchmark (README "Data review"): a month of a synthetic city (1,000 stations, 3,000 boilers'
# CEMS) in a throwaway InfluxDB; the pre-review of the month beside the raw read of the same rows, same run.
# One JSON line per run is appended to deploy/bench/results/review-bench.jsonl (with the commit).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl target-service,bench -am -Daq.jars-built
. deploy/bench/lib.sh
exec java -Xmx1g -jar bench/target/bench-0.1.0-SNAPSHOT.jar review-bench \
  --jar target-service/target/target-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/review-bench.jsonl" "$@"
