# Sourced by .ci/run: makes a PostgreSQL server answer on 127.0.0.1:5432 and exports BULWARK_TEST_PG_URL to a
# fresh database on it. Starts the machine's cluster when it is stopped; installs Debian's PostgreSQL when there
# is none (CI runs as root). When no server can be had, the tests fall back to the embedded PostgreSQL binaries
# from Maven Central (see TestDatabases) and say so; they never skip.

bulwark_pg_ready() {
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null
}

bulwark_provide_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing Debian's postgresql..." >&2
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || echo "Could not install PostgreSQL." >&2
    fi
  fi
  if command -v pg_isready >/dev/null 2>&1 && ! bulwark_pg_ready; then
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$version" ]; then
      echo "Starting PostgreSQL $version..." >&2
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    fi
    for _ in $(seq 1 30); do bulwark_pg_ready && break; sleep 1; done
  fi
  if command -v pg_isready >/dev/null 2>&1 && bulwark_pg_ready; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS bulwark_test' -c 'CREATE DATABASE bulwark_test' >/dev/null
    export BULWARK_TEST_PG_URL='jdbc:postgresql://127.0.0.1:5432/bulwark_test?user=postgres'
    echo "PostgreSQL for tests: $(psql -tA -h 127.0.0.1 -U postgres -c 'SHOW server_version') at 127.0.0.1:5432/bulwark_test" >&2
  else
    unset BULWARK_TEST_PG_URL
    echo "No PostgreSQL server answers on 127.0.0.1:5432: the tests will start the embedded PostgreSQL binaries." >&2
  fi
}
