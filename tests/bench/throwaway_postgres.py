"""PostgreSQL for the benchmarks: the server given, or a throwaway cluster of our own.

`postgres_server(url)` yields `url` if one is given (PAWCHAIN_BENCH_POSTGRES_URL), else starts a
cluster with tools/test_postgres.py (the one bin/test uses: Debian's binaries, loopback only,
fsync off) and deletes it on exit. `fresh_database(server, name)` creates an empty database
on it, dropping any older one of that name.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pawchain.devchain import REPO_ROOT

TOOL = REPO_ROOT / "tools" / "test_postgres.py"


@contextmanager
def postgres_server(url: str | None) -> Iterator[str]:
    """A PostgreSQL server URL: `url`, or a throwaway cluster's for the duration."""
    if url:
        yield url
        return
    folder = Path(tempfile.mkdtemp(prefix="pawchain-bench-pg."))
    try:
        started = subprocess.run(
            [sys.executable, str(TOOL), "start", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
        yield started.stdout.strip()
    finally:
        subprocess.run([sys.executable, str(TOOL), "stop", str(folder)], check=False)


def fresh_database(server: str, name: str) -> str:
    """The URL of a new, empty database `name` on `server` (an older one is dropped)."""
    administer(
        server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )
    return database_url(server, name)


def administer(server: str, *statements: str) -> None:
    """Run `statements` on `server` in turn, outside a transaction (CREATE, DROP and ALTER
    DATABASE refuse to run inside one)."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        admin.dispose()


def database_url(server: str, name: str) -> str:
    """The URL of database `name` on `server`."""
    return make_url(server).set(database=name).render_as_string(hide_password=False)
