#!/usr/bin/env bash
# The benchmark of issue 7 in one command, on this machine: a fresh embedded PostgreSQL 17 (.chibo/bench-pgdata,
# port 54339), both services (ports 18081/18082, demo accounts, no demo province), then the simulator's bench
# against them; the services stop when it ends. Build first: mvn -q -pl simulator -am package -DskipTests
#   ./bench.sh                      # profile small: 100 cells, 2,500 members, 3 months, sweeps at 1/8/32 clients
#   ./bench.sh --profile province   # 8,000 cells, 200,000 members, 12 months (hours on 2 cores)
#   ./bench.sh --profile province --reuse   # the bench again on the province the run above left (minutes)
# Any simulator option may follow (--cells, --months, --levels 1,8,32, --repeats 3, --warmup 2, --round-commands 200, ...).
# Output: the tables on the terminal, simulator/target/bench.json, service logs in .chibo/logs/.
set -euo pipefail
cd "$(dirname "$0")"
for jar in command-service query-service simulator; do
  if ! ls "$jar"/target/"$jar"-*-exec.jar > /dev/null 2>&1; then
    echo "Build first: mvn -q -pl simulator -am package -DskipTests" >&2
    exit 1
  fi
done
DB_PORT="${CHIBO_BENCH_DB_PORT:-54339}"
DATA_DIR="${CHIBO_BENCH_DATA_DIR:-.chibo/bench-pgdata}"
# a fresh database each run, but for --reuse, which benches the province an earlier run left in it
REUSE=
for arg in "$@"; do
  case "$arg" in --reuse|--reuse=*) REUSE=1 ;; esac
done
if [ -n "$REUSE" ]; then
  [ -f "$DATA_DIR/PG_VERSION" ] || { echo "--reuse: no database in $DATA_DIR; run once without --reuse first" >&2; exit 1; }
elif [ -e "$DATA_DIR" ] && [ ! -f "$DATA_DIR/PG_VERSION" ]; then
  echo "$DATA_DIR is not a PostgreSQL data directory; not deleting it" >&2
  exit 1
else
  rm -rf "$DATA_DIR"
fi
export CHIBO_SKIP_BUILD=1 CHIBO_DATA_DIR="$DATA_DIR" CHIBO_EMBEDDED_DB_PORT="$DB_PORT" CHIBO_DEMO_SEED=false
export CHIBO_COMMAND_PORT="${CHIBO_BENCH_COMMAND_PORT:-18081}" CHIBO_QUERY_PORT="${CHIBO_BENCH_QUERY_PORT:-18082}"
unset CHIBO_DB_URL
exec ./run.sh -- bash -c 'java -Dfile.encoding=UTF-8 -jar simulator/target/simulator-*-exec.jar bench \
  --command-url "http://localhost:$CHIBO_COMMAND_PORT" --query-url "http://localhost:$CHIBO_QUERY_PORT" \
  --db-url "jdbc:postgresql://localhost:'"$DB_PORT"'/chibo" --command-pid "$CHIBO_COMMAND_PID" --query-pid "$CHIBO_QUERY_PID" \
  --output simulator/target/bench.json "$@"' bench "$@"
