#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's postgresql (installed when missing), initdb into a temp folder
# as an unprivileged user (PostgreSQL refuses to run as root), pg_ctl on a free port on 127.0.0.1 only. Nothing of the
# system's own clusters is used or changed.
#
#   source tests/postgres.sh; pg_test_start     # exports READINESS_TEST_PG and READINESS_PG_BIN; pg_test_stop when done
#   tests/postgres.sh start | stop              # the same by hand: `eval "$(tests/postgres.sh start)"`, then `tests/postgres.sh stop`

pg_test_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_test_install() {
    [ -n "$(pg_test_bin)" ] && [ -x "$(pg_test_bin)/initdb" ] && return 0
    echo "postgres.sh: PostgreSQL is missing; installing Debian's postgresql package (apt-get update && apt-get install -y postgresql)" >&2
    # The tests start their own cluster; do not let the package create and start a system one on port 5432.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    fi
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2; then
        echo "postgres.sh: could not install postgresql (run as root, or install it first)" >&2
        return 1
    fi
}

# Runs a command as the unprivileged user that owns the cluster.
pg_test_as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_test_free_port() {
    local port
    for port in $(shuf -i 20000-60000 -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

pg_test_start() {
    pg_test_install || return 1
    local bin dir port password
    bin="$(pg_test_bin)"
    dir="$(mktemp -d /tmp/readiness-pg.XXXXXX)"
    port="$(pg_test_free_port)" || { echo "postgres.sh: no free port" >&2; return 1; }
    password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    echo "$password" > "$dir/pwfile"
    [ "$(id -u)" = "0" ] && chown -R postgres: "$dir"
    chmod 700 "$dir"
    pg_test_as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    # Speed over durability: the cluster lives for one test run (fsync off), and hundreds of test apps each pool connections.
    pg_test_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
    export PG_TEST_DIR="$dir"
    export READINESS_PG_BIN="$bin"
    export READINESS_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
    echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $dir)" >&2
}

pg_test_stop() {
    local dir="${1:-${PG_TEST_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
    pg_test_as_owner "$(pg_test_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        start) pg_test_start && printf 'export PG_TEST_DIR=%q READINESS_PG_BIN=%q READINESS_TEST_PG=%q\n' "$PG_TEST_DIR" "$READINESS_PG_BIN" "$READINESS_TEST_PG" ;;
        stop) pg_test_stop "${2:-${PG_TEST_DIR:-}}" ;;
        *) echo "usage: tests/postgres.sh start|stop [cluster folder]" >&2; exit 2 ;;
    esac
fi
