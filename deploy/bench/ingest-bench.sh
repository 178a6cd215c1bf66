#!/usr/bin/env bash
# The ingest benchmark (README "Benchmarks"): raw MQTT and raw InfluxDB limits, ingest throughput
# and latency, and the backlog flood, in one run on this machine. Figures are printed and written
# to deploy/bench/results/ingest-bench.json. Options are passed on, e.g. --messages 50000.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl ingest-service,bench -am
mkdir -p deploy/bench/results
exec java -Xmx1g -jar bench/target/bench-0.1.0-SNAPSHOT.jar ingest-bench \
  --jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --out deploy/bench/results/ingest-bench.json "$@"
