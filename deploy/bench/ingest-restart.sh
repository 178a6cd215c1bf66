#!/usr/bin/env bash
# Ingest's restart to healthy (README "Start order"): java -jar to /actuator/health 200, as up.sh runs it,
# against a real Mosquitto and InfluxDB; five starts, each printed, and the median. One JSON line per call is
# appended to deploy/bench/results/ingest-restart.jsonl with the commit the jar was built from.
# Options are passed on, e.g. --runs 9. Another jar (an older commit's): java -jar bench/target/bench-*.jar
# ingest-restart --jar <jar> --commit <its commit> --out deploy/bench/results/ingest-restart.jsonl
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl ingest-service,bench -am
. deploy/bench/lib.sh
exec java -jar bench/target/bench-0.1.0-SNAPSHOT.jar ingest-restart \
  --jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/ingest-restart.jsonl" "$@"
