#!/usr/bin/env bash
# Generates what docker-compose.yml needs and the repository must not hold, once, into
# deploy/compose/generated/ (or $AQ_COMPOSE_GENERATED): secrets.env (gateway secret, InfluxDB and
# Grafana passwords, the services' MQTT passwords), tokens.env and gateway-clients.yml (bearer
# tokens and their hashes, deploy/local/tokens.sh), mqtt/ (Mosquitto's dynamic security file: accounts,
# client ids, access rules; deploy/mosquitto/accounts.sh). Needs openssl.
#   deploy/compose/prepare.sh && docker compose -f deploy/compose/docker-compose.yml up -d
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${AQ_COMPOSE_GENERATED:-$HERE/generated}"
REGISTRY_FILE="$ROOT/deploy/registry/${AQ_REGISTRY:-yangquan}.yml"
mkdir -p "$OUT/mqtt"
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
"$ROOT/deploy/local/tokens.sh" "$REGISTRY_FILE" "$OUT"
"$ROOT/deploy/mosquitto/accounts.sh" "$REGISTRY_FILE" "$OUT/mqtt" "$(sed -n 's/^AQ_MQTT_PASSWORD=//p' "$OUT/tokens.env")"
if [ ! -s "$OUT/secrets.env" ]; then
  (umask 077
   {
     echo "AQ_GATEWAY_SECRET=$(secret)"
     echo "AQ_INFLUX_USERNAME=aq"
     echo "AQ_INFLUX_PASSWORD=$(secret)"
     echo "GF_SECURITY_ADMIN_PASSWORD=$(secret)"
     grep -E '^AQ_MQTT_(INGEST|ALERT)_PASSWORD=' "$OUT/mqtt/mqtt-accounts.env"
   } >"$OUT/secrets.env")
fi
chmod 644 "$OUT/mqtt/dynamic-security.json" # read by the broker's own user in its container
echo "prepared $OUT (tokens: $OUT/tokens.env; Grafana admin password: GF_SECURITY_ADMIN_PASSWORD in $OUT/secrets.env)"
