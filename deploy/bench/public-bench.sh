#!/usr/bin/env bash
# The public page's benchmark (README "Public disclosure"): the page and its JSON through the gateway at a steady
# 200 requests/s (a red warning issued), beside the same bytes from a static file server, same run.
# One JSON line per run is appended to deploy/bench/results/public-bench.jsonl (with the commit).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl target-service,alert-service,disclosure-service,gateway,bench -am -Daq.jars-built
. deploy/bench/lib.sh
exec java -Xmx512m -jar bench/target/bench-0.1.0-SNAPSHOT.jar public-bench --jar-dir "$ROOT" \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/public-bench.jsonl" "$@"
