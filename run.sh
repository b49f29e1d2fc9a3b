#!/usr/bin/env bash
# Builds chibo and starts both services with the demo province, then waits (Ctrl-C stops both).
# With no CHIBO_DB_URL set, the command-service starts an embedded PostgreSQL 17 whose data is kept in
# .chibo/pgdata (delete that folder to start from scratch). With CHIBO_DB_URL (and CHIBO_DB_USER,
# CHIBO_DB_PASSWORD) both services use that PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")"

export AXONIQ_UPDATE_CHECKER_DISABLED=true
JAVA_FLAGS=(-Ddisable-axoniq-console-message=true -Daxoniq.update-checker.disabled=true -Dfile.encoding=UTF-8)
# JVM options: CHIBO_JAVA_OPTS for both services, CHIBO_COMMAND_JAVA_OPTS / CHIBO_QUERY_JAVA_OPTS for one. The
# heap defaults keep each service under 768 MB of memory at province scale; the parallel collector costs less CPU
# than G1 on a small machine (measured in issue 7: single-event commands +7%, one run each; G1's young pauses in the
# command-service, whose cache holds a province's members, 50-117 ms against 5-20 ms, 08/12). The query-service's
# young generation is fixed, with survivor spaces (~27 MB) that hold a dashboard page still being built when a young
# collection comes: with the adaptive sizes they were too small, each collection promoted ~10 MB, and a full
# collection (65-130 ms) came every 40-80 built province pages; with these, none in 420 (issue 7). Each service's
# classes take ~62 MB of metaspace: from the JVM's first threshold of ~21 MB, the parallel collector stopped each
# service three times in its first 76 s to collect the whole heap for it (60-220 ms, once 917 ms under load;
# issue 7), hence a first threshold above that. Either service's own options replace all its defaults; options
# added to both belong in CHIBO_JAVA_OPTS.
read -r -a EXTRA_FLAGS <<< "${CHIBO_JAVA_OPTS:-}"
BOTH_DEFAULTS="-XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=192m -XX:+UseParallelGC"
read -r -a COMMAND_FLAGS <<< "${CHIBO_COMMAND_JAVA_OPTS:--Xmx448m $BOTH_DEFAULTS}"
read -r -a QUERY_FLAGS <<< "${CHIBO_QUERY_JAVA_OPTS:--Xmx384m $BOTH_DEFAULTS -Xmn160m -XX:SurvivorRatio=4 -XX:-UseAdaptiveSizePolicy}"
PROFILE="${CHIBO_PROFILE:-demo}"
COMMAND_PORT="${CHIBO_COMMAND_PORT:-8081}"
QUERY_PORT="${CHIBO_QUERY_PORT:-8082}"
LOGS=.chibo/logs
mkdir -p "$LOGS"

# ./run.sh -- COMMAND [ARGS...] runs COMMAND once both services are up (their pids in CHIBO_COMMAND_PID and
# CHIBO_QUERY_PID), then stops them and exits with its status: bench.sh uses it.
THEN=()
if [ "${1:-}" = "--" ]; then
  shift
  THEN=("$@")
fi

if [ -z "${CHIBO_SKIP_BUILD:-}" ]; then
  echo "Building chibo (mvn package, tests skipped; run 'mvn -B verify' for the tests)..."
  mvn -q -B -DskipTests package
fi

pids=()
# the services in the reverse of their start: the query-service ends before the command-service, which takes the
# embedded PostgreSQL down with it (stopped together, the query-service's projections lost their database mid-shutdown)
stop() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop EXIT INT TERM

# start SERVICE PORT MAIN [ARGS...]: starts a service jar and waits until it logs that it started
start() {
  local service=$1 port=$2 main=$3 log="$LOGS/$1.log"
  shift 3
  local flags=()
  if [ "$service" = command-service ]; then flags=("${COMMAND_FLAGS[@]}"); else flags=("${QUERY_FLAGS[@]}"); fi
  java "${JAVA_FLAGS[@]}" "${flags[@]}" ${EXTRA_FLAGS[@]+"${EXTRA_FLAGS[@]}"} -jar "$service"/target/"$service"-*-exec.jar \
    --spring.profiles.active="$PROFILE" --server.port="$port" "$@" > "$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  LAST_PID=$pid
  for _ in $(seq 1 240); do
    if grep -q "Started $main" "$log"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$service stopped while starting; the end of $log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$service did not start within 2 minutes; see $log" >&2
  exit 1
}

echo "Starting the command-service (port $COMMAND_PORT; the first start also creates the database and the demo province)..."
start command-service "$COMMAND_PORT" CommandServiceApplication --chibo.ui.origins="http://localhost:$QUERY_PORT"
export CHIBO_COMMAND_PID=$LAST_PID
echo "Starting the query-service (port $QUERY_PORT)..."
QUERY_DB=()
if [ -z "${CHIBO_DB_URL:-}" ]; then
  # the embedded database the command-service started
  QUERY_DB=(--spring.datasource.url="jdbc:postgresql://localhost:${CHIBO_EMBEDDED_DB_PORT:-54329}/chibo")
fi
start query-service "$QUERY_PORT" QueryServiceApplication --chibo.ui.command-url="http://localhost:$COMMAND_PORT" ${QUERY_DB[@]+"${QUERY_DB[@]}"}
export CHIBO_QUERY_PID=$LAST_PID

if [ ${#THEN[@]} -gt 0 ]; then
  status=0
  "${THEN[@]}" || status=$?
  exit $status
fi

cat <<EOT

chibo is running (profile $PROFILE).
  web UI           http://localhost:$QUERY_PORT/   (log in with a demo account below)
  command-service  http://localhost:$COMMAND_PORT   (writes: POST /api/auth/token, /api/org-units, /api/cells/{id}/members, ...)
  query-service    http://localhost:$QUERY_PORT   (reads: /api/org-units/{id}, /api/cells/{id}/members, /api/members/{id})
  database         ${CHIBO_DB_URL:-embedded PostgreSQL on localhost:${CHIBO_EMBEDDED_DB_PORT:-54329}, data in .chibo/pgdata}
  logs             $LOGS/

Demo logins (password for all: chibo-demo-2026):
  tinhuy   PROVINCE   Ban Tổ chức Tỉnh ủy (the whole province)
  danguy   COMMITTEE  Đảng ủy xã Tân Phước (its subtree, read)
  chibo    CELL       Chi bộ ấp Bình Minh (its cell)
  kiemtra  AUDITOR    Ủy ban Kiểm tra Tỉnh ủy (the whole province, read)

Try:
  TOKEN=\$(curl -s -X POST localhost:$COMMAND_PORT/api/auth/token -H 'Content-Type: application/json' \\
          -d '{"username":"tinhuy","password":"chibo-demo-2026"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
  curl -s localhost:$QUERY_PORT/api/org-units/10000000-0000-4000-8000-000000000000 -H "Authorization: Bearer \$TOKEN"

Press Ctrl-C to stop both services.
EOT
wait
