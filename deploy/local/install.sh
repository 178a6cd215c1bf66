#!/usr/bin/env bash
# Installs what the platform runs on, from Debian's packages, when missing: Mosquitto 2 (broker and
# command-line clients) and InfluxDB 1.x; with --browser also Chromium and its WebDriver (the public
# page's browser test, with a Chinese font for its screenshots: deploy/local/test.sh). Idempotent; never starts or enables system services
# (the scripts and the tests start their own processes on loopback).
set -euo pipefail
browser=0
[ "${1:-}" = --browser ] && browser=1

need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
have mosquitto     || need+=(mosquitto)
have mosquitto_pub || need+=(mosquitto-clients)
have influxd       || need+=(influxdb)
have curl          || need+=(curl)
have openssl       || need+=(openssl)
if [ "$browser" = 1 ]; then
  have chromium     || need+=(chromium)
  have chromedriver || need+=(chromium-driver)
  # a Chinese font, so that the page's screenshots can be read
  [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "install.sh: mosquitto, mosquitto-clients, influxdb, curl and openssl are present$([ "$browser" = 1 ] && echo ', and chromium with its driver and a Chinese font')"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install.sh: need root or sudo to install: ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi

# Keep the packages' maintainer scripts from starting the system services: the platform runs its
# own broker and database under deploy/local/run (and the tests under throwaway folders).
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if [ "$added_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT

echo "install.sh: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

# Stop anything a package started anyway (systemd hosts ignore policy-rc.d), and keep it off.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for unit in mosquitto influxdb; do
    $SUDO systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi
echo "install.sh: done"
