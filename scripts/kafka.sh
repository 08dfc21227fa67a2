#!/usr/bin/env bash
# Dev/test Apache Kafka broker for ServiceLoop: a real single-node KRaft broker
# (process.roles=broker,controller) run from Maven Central jars (deploy/kafka/pom.xml).
# No Docker, no Kafka tarball download: only `mvn` and `java` (17+) are needed.
#
# Usage: scripts/kafka.sh start|stop|status|fetch|tool CLASS [ARGS...]
#
#   fetch   copy the Kafka jars into .local/kafka/libs with Maven (only when missing/incomplete)
#   start   fetch if needed, format the data dir once, launch the broker in the background
#           and wait until it answers a metadata request (exit 0 when already running)
#   stop    SIGTERM the broker, wait up to KAFKA_STOP_TIMEOUT s, then SIGKILL
#   status  exit 0 if the broker for KAFKA_PORT / KAFKA_DATA_DIR is running, 1 otherwise
#   tool    run a Kafka CLI class with the same jars, e.g.
#             scripts/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#             scripts/kafka.sh tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server ... --topic t
#
# Environment (defaults):
#   KAFKA_PORT=9092                    PLAINTEXT listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT=KAFKA_PORT+1 CONTROLLER listener on 127.0.0.1
#   KAFKA_DATA_DIR=<repo>/.local/kafka-data/$KAFKA_PORT
#   KAFKA_HEAP="-Xms256m -Xmx512m"
#   KAFKA_RESET=1                      on start: stop that broker and wipe KAFKA_DATA_DIR first
#   KAFKA_START_TIMEOUT=60             seconds to wait for readiness
#   KAFKA_STOP_TIMEOUT=30              seconds to wait after SIGTERM before SIGKILL
#   KAFKA_JIT="-XX:TieredStopAtLevel=1" the broker's JIT: C1 only (see below); "" for C1 and C2
#   KAFKA_JVM_OPTS=""                  extra JVM options for the broker
#   KAFKA_LIBS_DIR=<repo>/.local/kafka/libs
#   MVN=mvn  JAVA=$JAVA_HOME/bin/java or java
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/deploy/kafka/pom.xml"
LOG4J2_CONFIG="$ROOT/deploy/kafka/log4j2.properties"

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"
KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$ROOT/.local/kafka/libs}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$ROOT/.local/kafka-data/$KAFKA_PORT}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_RESET="${KAFKA_RESET:-0}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
# The broker compiles with C1 only. On the 2-core machines this broker is for, C2's compiler threads
# were still busy minutes into a run (JFR: the C2 and C1 threads together as busy as all the broker's
# request threads), taking a core from the services. Order chain benchmark, alternating runs: broker
# CPU per order 0.4-0.6 ms against 0.9-1.1, and at 500 orders/s 469-472 orders/s sustained against
# 421-459; a broker kept up across three runs gave 454-476 against 310-394. Production brokers
# (docker-compose, deploy/) keep the JVM's defaults.
KAFKA_JIT="${KAFKA_JIT--XX:TieredStopAtLevel=1}"
MVN="${MVN:-mvn}"
if [[ -n "${JAVA:-}" ]]; then :
elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"
else JAVA=java
fi

HOST=127.0.0.1
BOOTSTRAP="$HOST:$KAFKA_PORT"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
OUT_FILE="$KAFKA_DATA_DIR/kafka.out"          # broker stdout/stderr (WARN+ via log4j2)
SERVER_LOG="$KAFKA_DATA_DIR/logs/server.log"  # INFO+ via log4j2
PROPS_FILE="$KAFKA_DATA_DIR/server.properties"
LOG_DIRS="$KAFKA_DATA_DIR/kraft-logs"
MARKER="$KAFKA_LIBS_DIR/.serviceloop-fetched"
# Short-lived JVMs (CLI tools): fast startup matters more than throughput.
TOOL_JVM_OPTS=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)

log() { echo "[kafka] $*"; }
now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "4.2"
  local d=$(($(now_ms) - $1))
  printf '%d.%d' $((d / 1000)) $((d % 1000 / 100))
}
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------------------- jars

pom_stamp() {
  # Refetch when the pom changes (e.g. a Kafka version bump).
  echo "$KAFKA_VERSION $(cksum <"$POM" | cut -d' ' -f1)"
}

libs_complete() {
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(pom_stamp)" ]] &&
    compgen -G "$KAFKA_LIBS_DIR/kafka_2.13-*.jar" >/dev/null
}

do_fetch() {
  libs_complete && return 0
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') is required to fetch the Kafka jars"
  local parent lock
  parent="$(dirname "$KAFKA_LIBS_DIR")"
  mkdir -p "$parent"
  lock="$parent/.fetch.lock"
  # Serialize concurrent fetches (parallel test runs); flock is in util-linux.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock"
    flock 9
  fi
  if ! libs_complete; then
    log "Fetching Kafka jars with Maven (first run only)..."
    local tmp="$KAFKA_LIBS_DIR.tmp.$$"
    rm -rf "$tmp"
    # (-q still prints ANSI resets with Debian's Maven 3.8: keep the output in a log instead)
    if ! "$MVN" -q -B -f "$POM" dependency:copy-dependencies -Dkafka.libs.dir="$tmp" >"$parent/fetch.log" 2>&1; then
      cat "$parent/fetch.log" >&2
      rm -rf "$tmp"
      die "Maven could not fetch the Kafka jars (see output above)"
    fi
    compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || { rm -rf "$tmp"; die "kafka_2.13 jar missing after fetch"; }
    pom_stamp >"$tmp/.serviceloop-fetched"
    rm -rf "$KAFKA_LIBS_DIR"
    mv "$tmp" "$KAFKA_LIBS_DIR"
    log "Kafka $KAFKA_VERSION jars in ${KAFKA_LIBS_DIR#"$ROOT/"} ($(find "$KAFKA_LIBS_DIR" -name '*.jar' | wc -l) jars)"
  fi
  if command -v flock >/dev/null 2>&1; then
    flock -u 9
    exec 9>&-
  fi
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  local v
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [[ -n "$v" && "$v" -ge 17 ]] || die "Kafka $KAFKA_VERSION needs Java 17+, found: $("$JAVA" -version 2>&1 | head -n1)"
}

tools_log_config() {
  # CLI tools log WARN+ to stderr only (never into the broker's log files).
  local f="$KAFKA_LIBS_DIR/../tools-log4j2.properties"
  if [[ ! -f "$f" ]]; then
    cat >"$f" <<'EOF'
status = error
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
  fi
  echo "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
}

run_tool() {
  # run_tool CLASS ARGS... (jars must be present)
  local cls="$1"; shift
  "$JAVA" "${TOOL_JVM_OPTS[@]}" -Dlog4j2.configurationFile="$(tools_log_config)" \
    -cp "$KAFKA_LIBS_DIR/*" "$cls" "$@"
}

# ---------------------------------------------------------------------------- process

port_open() {
  # true if something accepts TCP connections on $HOST:$1
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

read_pid() {
  if [[ -f "$PID_FILE" ]]; then tr -dc '0-9' <"$PID_FILE"; fi
}

pid_alive() {
  # our broker: alive and really a kafka.Kafka process for this data dir (guards against pid reuse)
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $PROPS_FILE" || return 1
  fi
  return 0
}

is_running() {
  local pid
  pid="$(read_pid)"
  pid_alive "$pid"
}

show_log_tail() {
  local f
  for f in "$OUT_FILE" "$SERVER_LOG"; do
    if [[ -s "$f" ]]; then
      echo "----- last lines of ${f#"$ROOT/"} -----" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

broker_answers() {
  # A real Kafka protocol round-trip without starting a JVM: Metadata v4 request (all topics,
  # no auto-create) over bash /dev/tcp. Ready when the broker returns >= 1 broker in the
  # response (the PLAINTEXT listener only serves requests once the broker is unfenced).
  # Response prefix: size(4) correlation_id(4)=1 throttle_ms(4) brokers_count(4).
  local hex
  hex="$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/$HOST/$KAFKA_PORT" || exit 1
    printf '\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x01\x00\x05probe\xff\xff\xff\xff\x00' >&3
    if command -v timeout >/dev/null 2>&1; then timeout 5 head -c 16 <&3; else head -c 16 <&3; fi | od -An -tx1 | tr -d ' \n'
  )" || return 1
  [[ ${#hex} -eq 32 && "${hex:8:8}" == "00000001" && $((16#${hex:24:8})) -ge 1 ]]
}

wait_ready() {
  # wait_ready PID START_EPOCH
  local pid="$1" started="$2" deadline=$(($2 + KAFKA_START_TIMEOUT * 1000))
  while :; do
    # plain kill -0: right after the fork the child may not have exec'd java yet
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "[kafka] ERROR: Kafka process $pid exited during startup" >&2
      show_log_tail
      rm -f "$PID_FILE"
      exit 1
    fi
    if broker_answers; then
      log "Kafka ready in $(elapsed "$started") s (pid $pid, bootstrap $BOOTSTRAP)"
      return 0
    fi
    if (($(now_ms) >= deadline)); then
      echo "[kafka] ERROR: Kafka did not become ready on $BOOTSTRAP within ${KAFKA_START_TIMEOUT}s" >&2
      show_log_tail
      cmd_stop >&2 # do not leave a half-started broker behind
      exit 1
    fi
    sleep 0.5
  done
}

write_server_properties() {
  mkdir -p "$KAFKA_DATA_DIR/logs" "$LOG_DIRS"
  cat >"$PROPS_FILE" <<EOF
# Generated by scripts/kafka.sh on each start - edit the script, not this file.
# Single-node KRaft: broker and controller in one process.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

# Small machine: fewer threads.
num.network.threads=2
num.io.threads=4
background.threads=4
num.recovery.threads.per.data.dir=1

log.dirs=$LOG_DIRS
num.partitions=1
auto.create.topics.enable=false
delete.topic.enable=true

# Single broker: internal topics with RF 1 and few partitions (fast first group join).
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0

# Dev retention: keep everything, small segments.
log.retention.hours=-1
log.segment.bytes=16777216
log.retention.check.interval.ms=300000
EOF
}

cmd_start() {
  check_java
  do_fetch
  if [[ "$KAFKA_RESET" == "1" ]]; then
    if is_running; then cmd_stop; fi
    log "KAFKA_RESET=1: wiping ${KAFKA_DATA_DIR#"$ROOT/"}"
    rm -rf "$KAFKA_DATA_DIR"
  fi
  mkdir -p "$KAFKA_DATA_DIR"

  local pid
  pid="$(read_pid)"
  if pid_alive "$pid"; then
    if port_open "$KAFKA_PORT"; then
      log "Kafka already running (pid $pid) on $BOOTSTRAP"
      return 0
    fi
    log "Kafka (pid $pid) is starting; waiting for $BOOTSTRAP ..."
    wait_ready "$pid" "$(now_ms)"
    return 0
  fi
  rm -f "$PID_FILE"

  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
    fi
  done

  write_server_properties

  if [[ ! -f "$LOG_DIRS/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(run_tool kafka.tools.StorageTool random-uuid | tail -n1)"
    [[ -n "$cluster_id" ]] || die "could not generate a cluster id"
    if ! run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS_FILE" --standalone \
      >"$KAFKA_DATA_DIR/format.out" 2>&1; then
      cat "$KAFKA_DATA_DIR/format.out" >&2
      die "kafka-storage format failed"
    fi
  fi

  log "Starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller $HOST:$KAFKA_CONTROLLER_PORT, data ${KAFKA_DATA_DIR#"$ROOT/"}) ..."
  local started
  started="$(now_ms)"
  # shellcheck disable=SC2086 # KAFKA_HEAP / KAFKA_JIT / KAFKA_JVM_OPTS are intentionally word-split
  nohup "$JAVA" $KAFKA_HEAP \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError $KAFKA_JIT \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J2_CONFIG" \
    -Dkafka.logs.dir="$KAFKA_DATA_DIR/logs" \
    $KAFKA_JVM_OPTS \
    -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" \
    </dev/null >"$OUT_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  wait_ready "$pid" "$started"
}

cmd_stop() {
  local pid
  pid="$(read_pid)"
  if ! pid_alive "$pid"; then
    rm -f "$PID_FILE"
    log "Kafka is not running (${KAFKA_DATA_DIR#"$ROOT/"})"
    return 0
  fi
  log "Stopping Kafka (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < KAFKA_STOP_TIMEOUT * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
  fi
  rm -f "$PID_FILE"
  log "Kafka stopped"
}

cmd_status() {
  local pid
  pid="$(read_pid)"
  if pid_alive "$pid"; then
    if port_open "$KAFKA_PORT"; then
      log "Kafka $KAFKA_VERSION running (pid $pid) on $BOOTSTRAP"
    else
      log "Kafka $KAFKA_VERSION process running (pid $pid) but $BOOTSTRAP is not accepting connections yet"
    fi
    return 0
  fi
  log "Kafka is not running ($BOOTSTRAP, ${KAFKA_DATA_DIR#"$ROOT/"})"
  return 1
}

cmd_tool() {
  [[ $# -ge 1 ]] || die "usage: $0 tool CLASS [ARGS...]"
  check_java
  do_fetch >&2
  run_tool "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  fetch) do_fetch ;;
  tool) shift; cmd_tool "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
