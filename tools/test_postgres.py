#!/usr/bin/env python3
"""A throwaway PostgreSQL cluster for bin/test: the server tests run on SQLite and PostgreSQL.

    python tools/test_postgres.py start DIR   prints the URL once it accepts connections
    python tools/test_postgres.py stop DIR    stops the cluster in DIR and deletes DIR

DIR is an empty folder (e.g. from mktemp -d) that the `postgres` user can reach.

`start` uses Debian's PostgreSQL binaries (/usr/lib/postgresql/<version>/bin), installing
the `postgresql` package with apt-get if there are none (root only; a policy-rc.d keeps
the package from starting its own cluster while it installs). The cluster is new and
empty, lives in DIR, listens on 127.0.0.1 only, on the first free port from 5433 (5432 is
left to a system server), trusts local connections and skips fsync: it holds test data
for a few minutes and is deleted afterwards. As root, the server runs as the `postgres`
user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from debian_packages import apt_get_install, free_port

FIRST_PORT = 5433
START_ATTEMPTS = 5  # ports tried when another process binds the probed one first


class PostgresError(RuntimeError):
    """The test cluster could not be set up."""


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
    )
    return found[-1].parent if found else None


def install() -> Path:
    """Install Debian's postgresql quietly and return its bin folder."""
    apt_get_install("postgresql", "PostgreSQL is not installed", "test_postgres", PostgresError)
    found = binaries()
    if found is None:
        raise PostgresError("postgresql installed, but no /usr/lib/postgresql/*/bin/pg_ctl")
    return found


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start(folder: Path) -> str:
    """Create and start a cluster in the empty or missing folder `folder`; return its URL."""
    bin_dir = binaries() or install()
    folder.mkdir(exist_ok=True)
    folder.chmod(0o700)
    if os.geteuid() == 0:
        server_user = pwd.getpwnam("postgres")
        os.chown(folder, server_user.pw_uid, server_user.pw_gid)
    data = folder / "data"

    def run(command: list[str]) -> None:
        subprocess.run(_as_server_user(command), check=True, stdout=subprocess.DEVNULL)

    log = folder / "server.log"
    try:
        run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        # Another run may take the port between the probe and the bind (parallel bin/test
        # runs start clusters at the same moment): then the next free port is tried.
        first = FIRST_PORT
        for _attempt in range(START_ATTEMPTS):
            port = free_port(first, PostgresError)
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                run(
                    [
                        str(bin_dir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-o",
                        options,
                        "-l",
                        str(log),
                        "-w",
                        "start",
                    ]
                )
                break
            except subprocess.CalledProcessError:
                if "Address already in use" not in (log.read_text() if log.exists() else ""):
                    raise
                log.unlink()
                first = port + 1
        else:
            raise PostgresError(f"no port taken in {START_ATTEMPTS} attempts from {FIRST_PORT}")
    except subprocess.CalledProcessError as exc:
        tail = log.read_text()[-2000:] if log.exists() else ""
        raise PostgresError(
            f"{exc.cmd[-1] if exc.cmd else 'postgres'} failed ({exc.returncode})\n{tail}"
        ) from exc
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    """Stop the cluster in `folder` at once (its data is thrown away) and delete the folder."""
    bin_dir = binaries()
    data = folder / "data"
    if bin_dir is not None and (data / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    try:
        if argv[0] == "start":
            print(start(folder), flush=True)
        else:
            stop(folder)
    except PostgresError as exc:
        print(f"test_postgres: {exc}", file=sys.stderr)
        stop(folder)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
