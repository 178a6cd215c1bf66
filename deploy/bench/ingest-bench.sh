#!/usr/bin/env bash
# The ingest benchmark (README "Benchmarks"): raw MQTT and raw InfluxDB limits, ingest throughput
# and latency, and the backlog flood, in one run on this machine. Figures are printed and written
# as one JSON line (commit, machine, figures) to deploy/bench/results/ingest-bench.jsonl. Options are passed on, e.g. --messages 50000.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl ingest-service,bench -am
. deploy/bench/lib.sh
exec java -Xmx1g -jar bench/target/bench-0.1.0-SNAPSHOT.jar ingest-bench \
  --jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/ingest-bench.jsonl" "$@"
