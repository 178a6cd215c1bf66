#!/usr/bin/env bash
# A province on one machine (README "Where one machine ends"): 11 cities, 119 county-level units, 1,500 ambient
# stations (600 township micro-stations with minute data), 3,000 boilers' CEMS with minute data; a year's daily
# recompute, the 119-unit ranking, an hour of the province through MQTT and ingest, its materialisation and pre-review,
# each beside the raw InfluxDB limit in the same run; peak RSS, series, disk per month. Takes about 8 minutes.
# Figures are printed and appended as one JSON line (commit, machine, figures) to deploy/bench/results/province-bench.jsonl.
# Options are passed on, e.g. --stations 300 --micro 100 --parks 20 --sources 500 --days 30 for a quick look.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl ingest-service,target-service,bench -am
. deploy/bench/lib.sh
exec java -Xmx2g -jar bench/target/bench-0.1.0-SNAPSHOT.jar province-bench \
  --ingest-jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --target-jar target-service/target/target-service-0.1.0-SNAPSHOT.jar \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/province-bench.jsonl" "$@"
