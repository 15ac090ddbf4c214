"""What a benchmarked server holds: the resident memory of its processes and its data on disk.

Read from /proc (Linux): each process's RSS (resident set: every page it has in memory,
shared ones included) and PSS (proportional set: a shared page counted as a share among the
processes that map it), so that the total of several processes sharing memory (PostgreSQL's
shared buffers, a gunicorn master's pages its workers inherited) is PSS's sum, not RSS's.
`server_resources` gathers them for bin/bench-http's report, `format_resources` prints them.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from pawchain.store import make_engine

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessMemory:
    """One process: what it is, and its memory in MiB."""

    role: str
    pid: int
    rss_mb: float = 0.0  # /proc/<pid>/status's VmRSS (0: the process is gone)
    pss_mb: float = 0.0  # /proc/<pid>/smaps_rollup's Pss


def _kib(path: Path, field: str) -> int:
    """A `Field:  N kB` line of a /proc file, in KiB (0 if the process is gone)."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_of(pid: int, role: str) -> ProcessMemory:
    """Process `pid`'s RSS and PSS."""
    rss = _kib(PROC / str(pid) / "status", "VmRSS")
    pss = _kib(PROC / str(pid) / "smaps_rollup", "Pss")
    return ProcessMemory(role, pid, round(rss / 1024, 1), round(pss / 1024, 1))


def children_of(pid: int) -> list[int]:
    """The direct children of process `pid`."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name is in parentheses and may hold spaces: the fields after it.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def gunicorn_memory(master: int) -> list[ProcessMemory]:
    """gunicorn's master and each of its workers."""
    return [memory_of(master, "gunicorn master")] + [
        memory_of(worker, f"gunicorn worker {number}")
        for number, worker in enumerate(children_of(master), start=1)
    ]


def postgres_memory(engine: Engine) -> list[ProcessMemory]:
    """The processes of the PostgreSQL server behind `engine` (on this machine) that serve its
    database: the postmaster, its background processes and each backend (client connection)
    to this database; backends of other databases on a shared server are left out."""
    with engine.connect() as connection:
        backend = int(connection.scalar(text("SELECT pg_backend_pid()")))
        rows = connection.execute(
            text(
                "SELECT pid, backend_type FROM pg_stat_activity "
                "WHERE pid <> pg_backend_pid() "
                "AND (datname IS NULL OR datname = current_database())"
            )
        ).all()
    postmaster = int((PROC / str(backend) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    return [memory_of(postmaster, "postgres postmaster")] + [
        memory_of(int(pid), f"postgres {kind}") for pid, kind in rows
    ]


def database_bytes(engine: Engine) -> int:
    """The database's size on disk: PostgreSQL's own count, or SQLite's file and journal."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT pg_database_size(current_database())")))
    path = engine.url.database or ""
    return sum(
        os.path.getsize(path + suffix)
        for suffix in ("", "-wal", "-shm")
        if os.path.exists(path + suffix)
    )


def server_resources(url: str, gunicorn_pid: int) -> dict[str, Any]:
    """What the server holds after the runs: its database's size on disk and the resident
    memory of gunicorn's processes and (PostgreSQL) of the database server's."""
    memory = gunicorn_memory(gunicorn_pid)
    engine = make_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            memory += postgres_memory(engine)
        size = database_bytes(engine)
    finally:
        engine.dispose()
    return {
        "database_mb": round(size / 2**20, 1),
        "memory": [asdict(process) for process in memory],
        "pss_total_mb": round(sum(process.pss_mb for process in memory), 1),
    }


def format_resources(database: dict[str, Any]) -> str:
    """The lines under a database's table: its size, its processes' memory, the streams."""
    memory = "\n".join(
        f"  {process['role']:<46} pid {process['pid']:>7}  RSS {process['rss_mb']:>7,.1f}  "
        f"PSS {process['pss_mb']:>7,.1f}"
        for process in database["memory"]
    )
    lines = [
        f"database on disk: {database['database_mb']:,.0f} MiB; memory after the runs (MiB; "
        f"PSS counts shared pages once, total {database['pss_total_mb']:,.0f} MiB):",
        memory,
    ]
    streams = database.get("streams")
    if streams:
        held = streams["memory"]
        lines.append(
            f"live streams: {streams['opened']:,} of {streams['wanted']:,} open throughout, "
            f"{streams['failed']} failed"
            + (f"; pawchain stream RSS {held['rss_mb']:,.1f} MiB" if held else "")
        )
    return "\n".join(lines)
