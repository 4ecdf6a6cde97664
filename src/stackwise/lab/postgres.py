"""A throw-away PostgreSQL cluster on loopback, for the lab and for tests."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

PG_BIN = Path(os.environ.get("STACKWISE_PG_BIN", "/usr/lib/postgresql/15/bin"))
INSTALL_HINT = "apt-get install postgresql-15 (the initdb and pg_ctl binaries)"
# Counts executed statements and rows per table, as TechEmpower's verifier reads them.
STATEMENT_STATS = "pg_stat_statements"


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


def postgres_missing() -> str | None:
    """None when a cluster can be started here, else what is missing and how to install it."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / tool).exists():
            return f"{PG_BIN / tool} not found; install it with: {INSTALL_HINT}"
    modules = _module_dir()
    if modules is not None and not (modules / f"{STATEMENT_STATS}.so").exists():
        return (
            f"{modules / STATEMENT_STATS}.so not found: the lab counts queries with it; "
            f"install it with: {INSTALL_HINT} (postgresql-contrib on other systems)"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return (
                "running as root needs a 'postgres' user for initdb (it comes with postgresql-15)"
            )
    return None


def _module_dir() -> Path | None:
    """Where this PostgreSQL loads its modules from, when its pg_config can tell."""
    pg_config = PG_BIN / "pg_config"
    if not pg_config.exists():
        return None
    result = subprocess.run(
        [str(pg_config), "--pkglibdir"], capture_output=True, text=True, check=False, timeout=30
    )
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayPostgres:
    """Start a fresh cluster in a temp dir on a free loopback port; remove it all on exit."""

    def __init__(self, max_connections: int = 300, cpus: str | None = None) -> None:
        self.max_connections = max_connections
        self.cpus = cpus  # taskset list the server and its backends are pinned to
        self.port = 0
        self.url = ""
        self._dir: Path | None = None
        self._user: str | None = None

    def _run(self, *args: str, pinned: bool = False) -> subprocess.CompletedProcess[str]:
        command = [*args]
        if self._user:
            command = ["runuser", "-u", self._user, "--", *command]
        if pinned and self.cpus:
            command = ["taskset", "--cpu-list", self.cpus, *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def start(self) -> ThrowawayPostgres:
        """initdb, configure for loopback and speed (fsync off: the data is disposable), start.

        pg_stat_statements is loaded as TechEmpower's database does, so that the verifier can
        count the statements and rows each request costs."""
        missing = postgres_missing()
        if missing:
            raise PostgresMissing(missing)
        self._dir = Path(tempfile.mkdtemp(prefix="stackwise-pg-"))
        data = self._dir / "data"
        if os.geteuid() == 0:
            self._user = "postgres"
            entry = pwd.getpwnam("postgres")
            os.chown(self._dir, entry.pw_uid, entry.pw_gid)
        self.port = free_port()
        init = self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if init.returncode != 0:
            self.stop()
            raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self._dir} "
            f"-c max_connections={self.max_connections} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=128MB "
            f"-c shared_preload_libraries={STATEMENT_STATS} -c {STATEMENT_STATS}.track=all"
        )
        started = self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self._dir / "log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
            pinned=True,
        )
        if started.returncode != 0:
            log = (self._dir / "log").read_text() if (self._dir / "log").exists() else ""
            self.stop()
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr.strip()} {log[-500:]}")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        return self

    @property
    def pids(self) -> list[int]:
        """The postmaster's pid (its backends are its children), or none once stopped."""
        pid_file = self._dir / "data" / "postmaster.pid" if self._dir else None
        if pid_file is None or not pid_file.exists():
            return []
        return [int(pid_file.read_text().split()[0])]

    @property
    def directory(self) -> Path | None:
        """The temp dir holding the cluster's data, log and sockets (None once removed)."""
        return self._dir

    def create_database(self, name: str) -> str:
        """Create a database with the statement statistics view, and return its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql://postgres@127.0.0.1:{self.port}/{name}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE EXTENSION IF NOT EXISTS {STATEMENT_STATS}")
        return url

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        if self._dir is None:
            return
        data = self._dir / "data"
        if (data / "postmaster.pid").exists():
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def throwaway_postgres(max_connections: int = 300, cpus: str | None = None) -> ThrowawayPostgres:
    """A context manager: `with throwaway_postgres() as pg: pg.url`."""
    return ThrowawayPostgres(max_connections, cpus)
