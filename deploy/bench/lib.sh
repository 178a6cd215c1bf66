# Sourced by the benchmark scripts: the commit the figures belong to (-dirty when the working tree differs from it,
# results files aside) and where each benchmark appends its line.
aq_bench_commit() {
  echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!deploy/bench/results' || echo '-dirty')"
}
AQ_BENCH_RESULTS=deploy/bench/results
mkdir -p "$AQ_BENCH_RESULTS"
