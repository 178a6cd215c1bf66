#!/usr/bin/env bash
# Starts the platform on this machine without containers: Mosquitto and InfluxDB on loopback, then
# the four services (gateway, ingest, target, alert). Idempotent: run it again and it starts only
# what is not running. Logs and pid files go to deploy/local/run/; deploy/local/down.sh stops it all.
#
#   deploy/local/up.sh            everything, with simulated stations (AQ_REGISTRY=beijing: the dataset replay)
#   deploy/local/up.sh --no-demo  everything, but no simulated data
#
# Ports (environment): AQ_GATEWAY_PORT 8080, AQ_INGEST_PORT 8081, AQ_TARGET_PORT 8082,
# AQ_ALERT_PORT 8083, AQ_DISCLOSURE_PORT 8084, AQ_INFLUX_PORT 8086, AQ_MQTT_PORT 1883, AQ_HJ212_PORT 9212.
set -euo pipefail

DEMO=1
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "up.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN="${AQ_RUN_DIR:-$ROOT/deploy/local/run}" # AQ_RUN_DIR: another place (tests, a second instance)
mkdir -p "$RUN"
source "$ROOT/deploy/local/lib.sh"

: "${AQ_GATEWAY_PORT:=8080}" "${AQ_INGEST_PORT:=8081}" "${AQ_TARGET_PORT:=8082}" "${AQ_ALERT_PORT:=8083}" "${AQ_DISCLOSURE_PORT:=8084}"
: "${AQ_INFLUX_PORT:=8086}" "${AQ_MQTT_PORT:=1883}" "${AQ_HJ212_PORT:=9212}"
export AQ_GATEWAY_PORT AQ_INGEST_PORT AQ_TARGET_PORT AQ_ALERT_PORT AQ_DISCLOSURE_PORT AQ_INFLUX_PORT AQ_MQTT_PORT AQ_HJ212_PORT

"$ROOT/deploy/local/install.sh"

# --- secrets (generated once, kept in run/, never in the repository) ----------------------------
# the secret the gateway signs each caller's identity with; the services refuse requests without it
if [ ! -s "$RUN/gateway.secret" ]; then
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RUN/gateway.secret")
fi
AQ_GATEWAY_SECRET="$(cat "$RUN/gateway.secret")"
export AQ_GATEWAY_SECRET
# bearer tokens (tokens.env) and their hashes for the gateway (gateway-clients.yml), from the registry
REGISTRY_FILE="${AQ_REGISTRY_FILE:-$ROOT/deploy/registry/${AQ_REGISTRY:-yangquan}.yml}"
"$ROOT/deploy/local/tokens.sh" "$REGISTRY_FILE" "$RUN"
# MQTT accounts, client ids and access rules from the registry (anonymous access is off; a device
# account connects only with its own id); the simulator's account is the one in tokens.env
# (AQ_MQTT_USERNAME / AQ_MQTT_PASSWORD)
"$ROOT/deploy/mosquitto/accounts.sh" "$REGISTRY_FILE" "$RUN/mqtt" "$(sed -n 's/^AQ_MQTT_PASSWORD=//p' "$RUN/tokens.env")"
# (read, not exported: AQ_MQTT_USERNAME in a service's environment would become its aq.mqtt.username)
AQ_MQTT_INGEST_USERNAME=ingest AQ_MQTT_ALERT_USERNAME=alert
AQ_MQTT_INGEST_PASSWORD=$(sed -n 's/^AQ_MQTT_INGEST_PASSWORD=//p' "$RUN/mqtt/mqtt-accounts.env")
AQ_MQTT_ALERT_PASSWORD=$(sed -n 's/^AQ_MQTT_ALERT_PASSWORD=//p' "$RUN/mqtt/mqtt-accounts.env")
export AQ_MQTT_INGEST_USERNAME AQ_MQTT_INGEST_PASSWORD AQ_MQTT_ALERT_USERNAME AQ_MQTT_ALERT_PASSWORD

# --- build (skipped when every jar is newer than the sources) ----------------------------------
needs_build=0
for m in gateway ingest-service target-service alert-service simulator; do
  jar=$(ls "$ROOT/$m"/target/"$m"-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$jar" ] || [ -n "$(find "$ROOT/$m/src" "$ROOT/standards/src" "$ROOT/pom.xml" "$ROOT/$m/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    needs_build=1
  fi
done
if [ "$needs_build" = 1 ]; then
  echo "up.sh: building (mvn package -DskipTests), log in $RUN/build.log"
  (cd "$ROOT" && mvn -B -ntp -q package -DskipTests) >"$RUN/build.log" 2>&1 \
    || { tail -40 "$RUN/build.log"; echo "up.sh: build failed" >&2; exit 1; }
fi

# --- Mosquitto ----------------------------------------------------------------------------------
if ! aq_running mosquitto; then
  mkdir -p "$RUN/mosquitto"
  aq_render "$ROOT/deploy/mosquitto/mosquitto.conf" "$RUN/mosquitto.conf" \
    RUN_AS="$(id -un)" MQTT_PORT="$AQ_MQTT_PORT" MQTT_BIND=127.0.0.1 \
    ALLOW_ANONYMOUS=false DATA_DIR="$RUN/mosquitto"
  # accounts, client ids and access rules: the dynamic security plugin (deploy/mosquitto/accounts.sh)
  printf 'plugin %s\nplugin_opt_config_file %s\n' "$(aq_dynsec_plugin)" "$RUN/mqtt/dynamic-security.json" >>"$RUN/mosquitto.conf"
  aq_start mosquitto "$(aq_bin mosquitto)" -c "$RUN/mosquitto.conf"
fi

# --- InfluxDB -----------------------------------------------------------------------------------
if ! aq_running influxd; then
  mkdir -p "$RUN/influxdb"
  aq_render "$ROOT/deploy/influxdb/influxdb.conf" "$RUN/influxdb.conf" \
    RPC_BIND="127.0.0.1:${AQ_INFLUX_RPC_PORT:-8088}" HTTP_BIND="127.0.0.1:$AQ_INFLUX_PORT" DATA_DIR="$RUN/influxdb"
  aq_start influxd "$(aq_bin influxd)" -config "$RUN/influxdb.conf"
fi
aq_wait_port mosquitto "$AQ_MQTT_PORT" 20
aq_wait_http influxd "http://127.0.0.1:$AQ_INFLUX_PORT/ping" 30
for db in airquality telemetry; do
  curl -fsS -XPOST "http://127.0.0.1:$AQ_INFLUX_PORT/query" --data-urlencode "q=CREATE DATABASE $db" >/dev/null
done

# --- services -----------------------------------------------------------------------------------
JAVA_OPTS="${AQ_JAVA_OPTS:--Xmx256m}"
# ingest with the parallel collector: less CPU per reading and a smaller footprint than G1 (README "Benchmarks")
INGEST_JAVA_OPTS="${AQ_INGEST_JAVA_OPTS:-$JAVA_OPTS -XX:+UseParallelGC}"
start_service() { # name port [extra arguments]
  local name=$1 port=$2 jar opts=$JAVA_OPTS
  shift 2
  aq_running "$name" && return 0
  [ "$name" = ingest-service ] && opts=$INGEST_JAVA_OPTS
  jar=$(ls "$ROOT/$name"/target/"$name"-*.jar | grep -v original | head -1)
  # shellcheck disable=SC2086
  aq_start "$name" env -u AQ_MQTT_USERNAME -u AQ_MQTT_PASSWORD java $opts -jar "$jar" --server.port="$port" \
    --aq.mqtt.url="tcp://127.0.0.1:$AQ_MQTT_PORT" --aq.influx.url="http://127.0.0.1:$AQ_INFLUX_PORT" "$@"
}
start_service ingest-service "$AQ_INGEST_PORT"
start_service target-service "$AQ_TARGET_PORT"
start_service alert-service "$AQ_ALERT_PORT"
start_service disclosure-service "$AQ_DISCLOSURE_PORT" --aq.disclosure.public-url="http://localhost:$AQ_GATEWAY_PORT/public"
start_service gateway "$AQ_GATEWAY_PORT" --spring.config.additional-location="file:$RUN/gateway-clients.yml"

for pair in "ingest-service:$AQ_INGEST_PORT" "target-service:$AQ_TARGET_PORT" "alert-service:$AQ_ALERT_PORT" \
    "disclosure-service:$AQ_DISCLOSURE_PORT" "gateway:$AQ_GATEWAY_PORT"; do
  aq_wait_http "${pair%%:*}" "http://127.0.0.1:${pair##*:}/actuator/health" 120
done

# --- demo data ----------------------------------------------------------------------------------
# Yangquan: the synthetic stations and boilers: three days of history sent first, then the current
# hour every minute in the background (a heavy-pollution episode, a boiler above its limit, a station
# gone silent). AQ_REGISTRY=beijing: the shared Beijing year's last 14 days replayed once as the last
# 14 days. Then the history's results (daily AQI, index) are computed at once, not at the next hourly run.
SIM_JAR=$(ls "$ROOT"/simulator/target/simulator-*-exec.jar | head -1)
SIM=(env AQ_MQTT_USERNAME="$(sed -n 's/^AQ_MQTT_USERNAME=//p' "$RUN/tokens.env")"
     AQ_MQTT_PASSWORD="$(sed -n 's/^AQ_MQTT_PASSWORD=//p' "$RUN/tokens.env")"
     java -Xmx256m -jar "$SIM_JAR")
MQTT_ARG="--mqtt-url=tcp://127.0.0.1:$AQ_MQTT_PORT"
recompute_history() { # [from: default 15 days ago]
  local last=-1 now i from="${1:-$(date -d '-15 days' +%F)}"
  for i in $(seq 1 60); do # until ingest has stored what the broker took
    now=$(curl -fsS "http://127.0.0.1:$AQ_INFLUX_PORT/query?db=airquality" --data-urlencode "q=SELECT count(pm25) FROM ambient" \
      | grep -o '"values":\[\["[^"]*",[0-9]*' | grep -o '[0-9]*$' || echo 0)
    [ "$now" = "$last" ] && [ "$now" != 0 ] && break
    last=$now; sleep 1
  done
  curl -fsS -o /dev/null -XPOST -H "Authorization: Bearer $(sed -n 's/^AQ_TOKEN_BUREAU=//p' "$RUN/tokens.env")" \
    "http://127.0.0.1:$AQ_GATEWAY_PORT/api/v1/admin/recompute?from=$from&to=$(date +%F)" \
    || echo "up.sh: the first recompute failed; target-service recomputes every hour anyway" >&2
}
DEMO_WHAT="no simulated data (--no-demo)"
if [ "$DEMO" = 1 ] && [ "${AQ_REGISTRY:-yangquan}" = beijing ]; then
  DEMO_WHAT="the Beijing dataset: 14 days replayed as the last 14 days (log: $RUN/replay.log)"
  if [ ! -e "$RUN/replay.done" ]; then
    echo "replaying the Beijing dataset's last 14 days"
    "${SIM[@]}" replay "$MQTT_ARG" --from=2014-02-15 --days=14 --shift-to=today-14 \
      --file="${AQ_DATASET:-$ROOT/datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz}" >>"$RUN/replay.log" 2>&1
    touch "$RUN/replay.done"
    recompute_history
  fi
elif [ "$DEMO" = 1 ]; then
  # history from the first day of last month: last month's composite index and ranking exist on day one
  FIRST=$(date -d "$(date +%Y-%m-01) -1 month" +%F)
  DAYS=$(( ($(date -d "$(date +%F)" +%s) - $(date -d "$FIRST" +%s)) / 86400 ))
  DEMO_WHAT="synthetic stations and boilers: $DAYS days of history, then live; a synthetic province ranking table (log: $RUN/stations.log)"
  if ! aq_running stations; then
    echo "sending $DAYS days of synthetic history"
    "${SIM[@]}" stations "$MQTT_ARG" --backfill-days="$DAYS" >>"$RUN/stations.log" 2>&1
    aq_start stations "${SIM[@]}" stations "$MQTT_ARG" --backfill-days=0 --follow --every=PT1M
    recompute_history "$FIRST"
    # the province's table for last month and this one (demo: the city's counties at their own index)
    AQ_TOKEN_BUREAU="$(sed -n 's/^AQ_TOKEN_BUREAU=//p' "$RUN/tokens.env")" "${SIM[@]}" province-table \
      --gateway-url="http://127.0.0.1:$AQ_GATEWAY_PORT" >>"$RUN/stations.log" 2>&1 \
      || echo "up.sh: the demo province table was not imported (see $RUN/stations.log)" >&2
  fi
fi

cat <<MSG

The air-quality platform is running (logs and pid files in $RUN):
  gateway         http://localhost:$AQ_GATEWAY_PORT/actuator/health
  ingest-service  http://localhost:$AQ_INGEST_PORT/actuator/health
  target-service  http://localhost:$AQ_TARGET_PORT/actuator/health
  alert-service   http://localhost:$AQ_ALERT_PORT/actuator/health
  disclosure-service http://localhost:$AQ_DISCLOSURE_PORT/actuator/health
  public page     http://localhost:$AQ_GATEWAY_PORT/public  (no token: 信息公开)
  InfluxDB        http://localhost:$AQ_INFLUX_PORT  (databases airquality, telemetry)
  Mosquitto       tcp://localhost:$AQ_MQTT_PORT
Data: $DEMO_WHAT
Bearer tokens: $RUN/tokens.env. Open first:
  source $RUN/tokens.env
  curl -H "Authorization: Bearer \$AQ_TOKEN_BUREAU" "http://localhost:$AQ_GATEWAY_PORT/api/v1/aqi/daily?city=true&from=$(date -d '-3 days' +%F)&to=$(date +%F)"
  curl -H "Authorization: Bearer \$AQ_TOKEN_BUREAU" "http://localhost:$AQ_GATEWAY_PORT/api/v1/index/counties?from=$(date -d '-3 days' +%F)&to=$(date +%F)"
  curl -H "Authorization: Bearer \$AQ_TOKEN_BUREAU" http://localhost:$AQ_GATEWAY_PORT/api/v1/warnings/current
Grafana dashboards (on a machine with Grafana): deploy/grafana/provisioning/ (README "Dashboards")
Stop everything with deploy/local/down.sh
MSG
