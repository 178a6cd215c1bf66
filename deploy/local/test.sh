#!/usr/bin/env bash
# The whole test suite: install the real servers the tests start (Mosquitto, InfluxDB), then
# unit and integration tests of every module (mvn verify). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/install.sh

command -v java >/dev/null || { echo "test.sh: Java 17 is required" >&2; exit 1; }
command -v mvn  >/dev/null || { echo "test.sh: Maven is required" >&2; exit 1; }

# Two modules at a time (-T 2; the poms order the modules whose tests start other modules' jars) and,
# inside each, two JVMs for the integration tests (aq.it.forks): the tests mostly wait on real servers.
exec mvn -B -ntp -T "${AQ_TEST_THREADS:-2}" verify "$@"
