#!/usr/bin/env bash
# The target-service benchmark (README "Benchmarks"): the Beijing year's full recompute and the
# year-to-date county index query. Figures are printed and written to
# deploy/bench/results/target-bench.jsonl (one JSON line per run: commit, machine, figures).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
deploy/local/install.sh >/dev/null
mvn -B -ntp -q package -DskipTests -pl target-service,bench -am
. deploy/bench/lib.sh
exec java -Xmx1g -jar bench/target/bench-0.1.0-SNAPSHOT.jar target-bench \
  --jar target-service/target/target-service-0.1.0-SNAPSHOT.jar \
  --dataset datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz \
  --commit "$(aq_bench_commit)" --out "$AQ_BENCH_RESULTS/target-bench.jsonl" "$@"
