#!/usr/bin/env bash
# Fresh Debian/Ubuntu machine -> packages, a Release build of the benchmarks (build/bench), the
# benchmark dataset when it is absent, and the table of figures (issue 5; README "Performance").
#
#   scripts/bench.sh                    1,000,000 customers (~5,000,000 payments, ~4.5 GB, minutes)
#   scripts/bench.sh --customers 20000  a smaller dataset
#   scripts/bench.sh --quick            a few repetitions only (checks the benchmarks, not speed)
#   scripts/bench.sh --only store,gateway
#   scripts/bench.sh --only batch       the billing runs (issue 16) alone: they and the gateway run
#                                       make fresh small stores of their own, so with only those two
#                                       a 200-customer dataset stands in for the big one
#
# PostgreSQL (issue 12): the same benchmarks on a server, beside SQLite's figures from the same run.
#   scripts/bench.sh --postgres         on a throw-away server of its own in build/bench/pg (started
#                                       for the run and stopped at its end; the machine's own
#                                       clusters are never used); its datasets stay for the next run
#   scripts/bench.sh --database postgresql://user@host:5432/db
#                                       on that database, filled with the dataset when it holds no
#                                       customers (its user needs CREATEDB: the empty-database
#                                       baselines and the gateway run use a scratch database beside
#                                       it); the password from FATORA_DATABASE_PASSWORD
#   --no-sqlite                         PostgreSQL only
#
# Live desks (issue 13): two desks on one database, on SQLite, PostgreSQL and PostgreSQL behind a
# link 20 ms each way (bench/DelayProxy), in a table of their own:
#   scripts/bench.sh --postgres --only desk,live
#
# Other options go to fatora-bench (--charges N, --only LIST, --batch-items N, --batch-delayed-items N).
# Environment:
#   FATORA_BENCH_DIR   where datasets live (default build/bench/data)
#   FATORA_BENCH_SEED  generator seed (default 1)
# The tables are also written to build/bench/bench-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fatora_ensure_packages "${FATORA_BUILD_PACKAGES[@]}"

customers=1000000
customers_given=0
only=
bench_args=()
postgres_url=
own_postgres=0
with_sqlite=1
while [ $# -gt 0 ]; do
    case "$1" in
    --customers)
        [ $# -ge 2 ] || { echo "--customers needs a number" >&2; exit 2; }
        customers=$2
        customers_given=1
        shift 2
        ;;
    --customers=*)
        customers=${1#--customers=}
        customers_given=1
        shift
        ;;
    --only)
        [ $# -ge 2 ] || { echo "--only needs a list" >&2; exit 2; }
        only=$2
        bench_args+=("$1" "$2")
        shift 2
        ;;
    --only=*)
        only=${1#--only=}
        bench_args+=("$1")
        shift
        ;;
    --database)
        [ $# -ge 2 ] || { echo "--database needs a postgresql:// URL" >&2; exit 2; }
        postgres_url=$2
        shift 2
        ;;
    --database=*)
        postgres_url=${1#--database=}
        shift
        ;;
    --postgres)
        own_postgres=1
        shift
        ;;
    --no-sqlite)
        with_sqlite=0
        shift
        ;;
    *)
        bench_args+=("$1")
        shift
        ;;
    esac
done
case "$customers" in
'' | *[!0-9]*) echo "--customers: give a whole number, not '$customers'" >&2; exit 2 ;;
esac
# The gateway and billing-run benchmarks make fresh small stores of their own and never read the
# dataset: asked for alone, they need no big one (the run still names a database, so a small one).
if [ -n "$only" ] && [ "$customers_given" = 0 ]; then
    own_store_only=1
    for name in ${only//,/ }; do
        case "$name" in
        gateway | batch) ;;
        *) own_store_only=0 ;;
        esac
    done
    if [ "$own_store_only" = 1 ]; then
        customers=200
        echo "--only $only: these benchmarks make their own stores; a 200-customer dataset stands in"
    fi
fi
case "$postgres_url" in
'' | postgresql://* | postgres://*) ;;
*) echo "--database takes a postgresql:// URL (the SQLite dataset is made by this script)" >&2; exit 2 ;;
esac
if [ -n "$postgres_url" ] && [ "$own_postgres" = 1 ]; then
    echo "Give either --database URL or --postgres, not both" >&2
    exit 2
fi
if [ "$with_sqlite" = 0 ] && [ -z "$postgres_url" ] && [ "$own_postgres" = 0 ]; then
    echo "--no-sqlite needs --postgres or --database URL" >&2
    exit 2
fi

build_dir=build/bench
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFATORA_BUILD_TESTS=OFF -DFATORA_BUILD_BENCH=ON
cmake --build "$build_dir" --parallel "$(nproc)" --target fatora-bench-generate fatora-bench fatora-bench-desk

seed=${FATORA_BENCH_SEED:-1}
data_dir=${FATORA_BENCH_DIR:-$build_dir/data}
mkdir -p "$data_dir"
database="$data_dir/fatora-bench-${customers}-seed${seed}.sqlite"
# Both backends get the same rows: the same customers, seed and last day.
until_day=$(date +%F)
if [ -f "$database.info" ]; then
    until_day=$(sed -n 's/.*until=\([0-9-]*\).*/\1/p' "$database.info")
fi

# --- PostgreSQL: a server of our own (--postgres) -------------------------------------------
pg_dir=$PWD/$build_dir/pg
pg_data=$pg_dir/data
pg_bin=
as_server_user() {
    # initdb and postgres refuse to run as root: as root, the server runs as the user postgres.
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_own_postgres() {
    if [ -n "$pg_bin" ] && [ -f "$pg_data/postmaster.pid" ]; then
        as_server_user "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
    fi
}
free_port() {
    local port
    for port in $(seq 55432 55632); do
        if ! ss -Hltn "sport = :$port" | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    return 1
}
start_own_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$pg_bin/initdb" ] || { echo "No PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb)" >&2; exit 1; }
    mkdir -p "$pg_dir"
    if [ ! -f "$pg_data/PG_VERSION" ]; then
        rm -rf "$pg_data"
        mkdir -p "$pg_data"
        [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg_data"
        as_server_user "$pg_bin/initdb" -D "$pg_data" -A trust -U fatora -E UTF8 --locale=C.UTF-8 \
            >"$pg_dir/initdb.log"
    fi
    # A server left running by an interrupted run is stopped first: it holds the old port.
    if as_server_user "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
        as_server_user "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
    fi
    local port
    port=$(free_port) || { echo "No free port in 55432-55632" >&2; exit 1; }
    # Durable as a real server (fsync, synchronous_commit and full_page_writes on, as shipped);
    # shared_buffers for a dataset of gigabytes, and WAL room for the bulk load.
    trap stop_own_postgres EXIT
    as_server_user "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/log" -w start \
        -o "-k $pg_data -p $port -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB" \
        >/dev/null
    local name="fatora_bench_${customers}_seed${seed}"
    if [ -z "$(psql -h 127.0.0.1 -p "$port" -U fatora -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
        "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U fatora -E UTF8 -T template0 "$name"
    fi
    postgres_url="postgresql://fatora@127.0.0.1:$port/$name"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') of our own: $pg_data, port $port"
}
if [ "$own_postgres" = 1 ]; then
    start_own_postgres
fi

# --- the datasets ------------------------------------------------------------------------------
if [ "$with_sqlite" = 1 ]; then
    if [ ! -f "$database" ]; then
        # The generator writes <file>.partial and renames it when complete: an interrupted run leaves
        # no half dataset behind, and the next run starts over.
        "$build_dir/bench/fatora-bench-generate" --customers "$customers" --seed "$seed" --until "$until_day" \
            --output "$database"
        echo "customers=$customers seed=$seed until=$until_day" >"$database.info"
    else
        echo "Using the existing dataset $database ($(cat "$database.info" 2>/dev/null || echo 'no .info'))"
    fi
fi
targets=()
[ "$with_sqlite" = 0 ] || targets+=(--database "$database")
if [ -n "$postgres_url" ]; then
    # One transaction: an interrupted run leaves the database empty, and the next run fills it.
    "$build_dir/bench/fatora-bench-generate" --customers "$customers" --seed "$seed" --until "$until_day" \
        --database "$postgres_url" --if-empty
    targets+=(--database "$postgres_url")
fi

export QT_QPA_PLATFORM=offscreen
"$build_dir/bench/fatora-bench" "${targets[@]}" --markdown "$build_dir/bench-results.md" "${bench_args[@]}"
