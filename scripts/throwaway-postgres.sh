#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a private PostgreSQL server in a temporary directory on a free
# port, exports TEST_DATABASE_URL, and stops and removes it when the test run ends.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/harbour-pg.XXXXXX)
pg_port=$(( 55000 + RANDOM % 5000 ))
run_as=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: run it as the postgres user that Debian's package creates.
  chown postgres "$pg_dir"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start > /dev/null \
  || { cat "$pg_dir/server.log"; exit 1; }
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
stop_throwaway_postgres() {
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_throwaway_postgres EXIT
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port"
