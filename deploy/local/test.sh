#!/usr/bin/env bash
# The whole test suite: install the real servers the tests start (Mosquitto, InfluxDB) and the browser
# of the public page's test (Chromium and chromium-driver), then unit and integration tests of every
# module (mvn verify). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/install.sh --browser

command -v java >/dev/null || { echo "test.sh: Java 17 is required" >&2; exit 1; }
command -v mvn  >/dev/null || { echo "test.sh: Maven is required" >&2; exit 1; }

# First every jar (tests compiled, not run), then the tests: two modules at a time (-T 2) and, inside each, two
# JVMs for the integration tests (aq.it.forks), since the tests mostly wait on real servers. The second pass
# drops the build order of the modules whose tests start other modules' jars (-Daq.jars-built: the jars are
# there) and compiles nothing again (-Dmaven.main.skip), so the jars those tests start are not rewritten.
threads="${AQ_TEST_THREADS:-2}"
mvn -B -ntp -T "$threads" package -DskipTests "$@"
exec mvn -B -ntp -T "$threads" verify -Daq.jars-built -Dmaven.main.skip "$@"
