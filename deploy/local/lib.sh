# Shared helpers of up.sh and down.sh (sourced; expects RUN to be set).

aq_bin() { # resolve a server binary (mosquitto lives in /usr/sbin)
  command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } \
    || { echo "'$1' not found: run deploy/local/install.sh" >&2; return 1; }
}

aq_dynsec_plugin() { # Mosquitto's dynamic security plugin (Debian's package, or the eclipse-mosquitto image)
  local p
  for p in /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so /usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so \
           /usr/lib/mosquitto_dynamic_security.so; do
    [ -f "$p" ] && { echo "$p"; return 0; }
  done
  echo "mosquitto_dynamic_security.so not found: run deploy/local/install.sh" >&2; return 1
}

aq_pid() { cat "$RUN/$1.pid" 2>/dev/null || true; }

aq_running() { # true if the process recorded in run/<name>.pid is alive and still ours
  local pid; pid=$(aq_pid "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1"
}

aq_start() { # name command... : start in the background, log to run/<name>.log, record the pid
  local name=$1; shift
  echo "starting $name"
  nohup "$@" >>"$RUN/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

aq_render() { # template output KEY=VALUE... : fill the @KEY@ placeholders of a configuration template
  local template=$1 out=$2; shift 2
  local text; text=$(cat "$template")
  for kv in "$@"; do text=${text//@${kv%%=*}@/${kv#*=}}; done
  printf '%s\n' "$text" >"$out"
}

aq_wait_port() { # name port seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    aq_running "$1" || { echo "$1 exited; see $RUN/$1.log" >&2; tail -20 "$RUN/$1.log" >&2; return 1; }
    sleep 0.2
  done
  echo "$1 did not listen on port $2 within $3 s; see $RUN/$1.log" >&2; return 1
}

aq_wait_http() { # name url seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    aq_running "$1" || { echo "$1 exited; see $RUN/$1.log" >&2; tail -20 "$RUN/$1.log" >&2; return 1; }
    sleep 0.5
  done
  echo "$1 did not answer $2 within $3 s; see $RUN/$1.log" >&2; return 1
}
