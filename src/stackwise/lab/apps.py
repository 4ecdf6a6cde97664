"""The lab apps: their manifests (`lab/apps/<name>/lab.toml`), cached installs, start and stop."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stackwise.knowledge.models import STACK_IDS
from stackwise.lab.data.results import DataAccess
from stackwise.lab.location import CHECKOUT, LAB_DIR
from stackwise.lab.postgres import free_port
from stackwise.lab.ready import NotReady, answers_200, port_open, wait_until_ready

APPS_DIR = LAB_DIR / "apps"
Family = Literal["python", "node"]


class AppError(RuntimeError):
    """An app could not be installed or started; the message carries its log's tail."""


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Production(_Manifest):
    """The concurrency a framework's production documentation recommends, per core of budget."""

    workers_per_core: int = Field(ge=0)
    extra_workers: int = Field(ge=0)
    threads_per_core: int = Field(ge=0)  # 0: the server has no threads (event loop)
    db_pool: int = Field(ge=0)  # connections per process; 0: one per thread, no pool
    server: str
    sources: tuple[str, ...]


class Manifest(_Manifest):
    """An app's lab.toml: how to install, start and configure it."""

    family: Family
    framework: str
    lock_files: tuple[str, ...]
    install: tuple[tuple[str, ...], ...]
    processes: tuple[tuple[str, ...], ...] = Field(min_length=1)
    websocket: Literal["port", "ws_port"] = "port"  # ws_port: a second process on WS_PORT
    version: tuple[str, ...] = ()
    production: Production
    # Variant name -> what it uses; the framework's usual one first.
    data_access: dict[DataAccess, str] = Field(min_length=1)
    env: dict[str, str] = {}


@dataclass(frozen=True)
class Concurrency:
    """What one app process tree runs with: processes, threads each, database connections each."""

    workers: int
    threads: int
    db_pool: int

    @property
    def connections(self) -> int:
        """Database connections the whole app may hold."""
        return self.workers * (self.db_pool or max(self.threads, 1))


@dataclass(frozen=True)
class LabApp:
    """One implementation of the lab spec, as its manifest describes it."""

    name: str
    directory: Path
    family: Family
    framework: str
    lock_files: tuple[str, ...]
    install_steps: tuple[tuple[str, ...], ...]
    processes: tuple[tuple[str, ...], ...]
    websocket: str
    version_command: tuple[str, ...]
    production: Production
    # Variant name ("orm" or "raw") -> what it uses; the framework's usual one first.
    data_access: dict[DataAccess, str]
    env: dict[str, str]

    @property
    def usual_data_access(self) -> DataAccess:
        """The data-access variant this framework's projects usually take."""
        return next(iter(self.data_access))

    def concurrency(self, cores: int, workers: int | None = None) -> Concurrency:
        """The documented configuration at `cores` cores; `workers` overrides the process count."""
        p = self.production
        return Concurrency(
            workers=workers or p.workers_per_core * cores + p.extra_workers,
            threads=p.threads_per_core * cores,
            db_pool=p.db_pool,
        )

    @property
    def env_dir(self) -> Path:
        """This app's private cache (its venv for Python apps, the install stamp for all)."""
        base = Path(os.environ.get("STACKWISE_LAB_CACHE", CHECKOUT / ".lab-cache"))
        return base / self.name

    def expand(self, command: tuple[str, ...]) -> list[str]:
        """A manifest command with its placeholders filled in."""
        values = {
            "python": sys.executable,
            "env": str(self.env_dir),
            "app_dir": str(self.directory),
        }
        return [part.format(**values) for part in command]


def load_app(directory: Path) -> LabApp:
    """The app whose manifest is `directory/lab.toml`; a manifest that does not fit is refused
    naming the file and the field."""
    path = directory / "lab.toml"
    try:
        manifest = Manifest.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise AppError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(map(str, first["loc"]))
        raise AppError(f"{path}: {where}: {first['msg']}") from None
    return LabApp(
        name=directory.name,
        directory=directory,
        family=manifest.family,
        framework=manifest.framework,
        lock_files=manifest.lock_files,
        install_steps=manifest.install,
        processes=manifest.processes,
        websocket=manifest.websocket,
        version_command=manifest.version,
        production=manifest.production,
        data_access=manifest.data_access,
        env=manifest.env,
    )


def discover_apps(names: list[str] | None = None) -> list[LabApp]:
    """The apps under lab/apps (all, or the named ones), in a stable order."""
    found = {m.parent.name: load_app(m.parent) for m in sorted(APPS_DIR.glob("*/lab.toml"))}
    order = list(STACK_IDS)
    wanted = names or sorted(found, key=lambda n: order.index(n) if n in order else len(order))
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise AppError(f"unknown app(s) {', '.join(unknown)}; the lab has {', '.join(found)}")
    return [found[n] for n in wanted]


def installed_packages(app: LabApp) -> dict[str, str]:
    """Exact versions of what the app runs on: every installed distribution of a Python app's
    environment, every package in a Node app's lock file."""
    lock = app.directory / "package-lock.json"
    if lock.exists():
        packages = json.loads(lock.read_text())["packages"]
        return {
            path.removeprefix("node_modules/"): entry["version"]
            for path, entry in sorted(packages.items())
            if path.startswith("node_modules/") and not entry.get("dev")
        }
    frozen = subprocess.run(
        [str(app.env_dir / "bin" / "python"), "-m", "pip", "freeze", "--all"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    pairs = (line.split("==", 1) for line in frozen.stdout.splitlines() if "==" in line)
    return {name.lower(): version for name, version in pairs}


def _install_hash(app: LabApp) -> str:
    digest = hashlib.sha256((app.directory / "lab.toml").read_bytes())
    for name in app.lock_files:
        digest.update((app.directory / name).read_bytes())
    return digest.hexdigest()


def install(app: LabApp, log: Path | None = None) -> bool:
    """Install the app's dependencies unless its lock files are unchanged; True when it installed."""
    stamp = app.env_dir / ".installed"
    wanted = _install_hash(app)
    if stamp.exists() and stamp.read_text() == wanted:
        return False
    app.env_dir.mkdir(parents=True, exist_ok=True)
    log = log or app.env_dir / "install.log"
    with log.open("w") as out:
        for step in app.install_steps:
            result = subprocess.run(
                app.expand(step),
                cwd=app.directory,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=1200,
                check=False,
            )
            if result.returncode != 0:
                tail = log.read_text()[-1500:]
                raise AppError(f"{app.name}: install step {' '.join(step)} failed:\n{tail}")
    stamp.write_text(wanted)
    return True


def version(app: LabApp) -> str:
    """The installed framework's version, as its manifest asks for it."""
    if not app.version_command:
        return "unknown"
    result = subprocess.run(
        app.expand(app.version_command),
        cwd=app.directory,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout.strip() or "unknown"


class RunningApp:
    """An app's processes, each in its own process group so a stop takes every child with it."""

    def __init__(
        self,
        app: LabApp,
        db_url: str,
        upstream_url: str,
        concurrency: Concurrency | None = None,
        data_access: DataAccess | None = None,
        log_dir: Path | None = None,
        cpus: str | None = None,
        host: str = "127.0.0.1",
        port: int | None = None,
    ) -> None:
        self.app = app
        self.concurrency = concurrency or app.concurrency(cores=1)
        self.data_access = data_access or app.usual_data_access
        if self.data_access not in app.data_access:
            raise AppError(f"{app.name} has no {self.data_access!r} data-access variant")
        # `lab serve` binds another host and port for a load generator on another machine;
        # this process reaches the app over loopback either way.
        self.port = port or free_port()
        self.ws_port = free_port() if app.websocket == "ws_port" else self.port
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.ws_port}/ws"
        self.env = {
            **os.environ,
            "HOST": host,
            "ALLOWED_HOSTS": "127.0.0.1,localhost" if host == "127.0.0.1" else "*",
            "PORT": str(self.port),
            "WS_PORT": str(self.ws_port),
            "DATABASE_URL": db_url,
            "UPSTREAM_URL": upstream_url,
            **app.env,
            "WORKERS": str(self.concurrency.workers),
            "THREADS": str(self.concurrency.threads),
            "DB_POOL": str(self.concurrency.db_pool),
            "DATA_ACCESS": self.data_access,
            "VIRTUAL_ENV": str(app.env_dir),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.log_path = (log_dir or app.env_dir) / f"{app.name}.log"
        self.cpus = cpus
        self.processes: list[subprocess.Popen[bytes]] = []
        self.started_at = 0.0
        self.remote = False

    @property
    def pids(self) -> list[int]:
        """Root pids of the app's processes."""
        return [p.pid for p in self.processes]

    @classmethod
    def elsewhere(cls, app: LabApp, base_url: str, data_access: DataAccess | None) -> RunningApp:
        """An app `stackwise lab serve` runs on another machine: nothing to spawn or sample,
        only its URL to wait for and load."""
        running = cls(app, "", "", data_access=data_access)
        running.base_url = base_url.rstrip("/")
        running.ws_url = running.base_url.replace("http", "ws", 1) + "/ws"
        running.remote = True
        return running

    def start(self, timeout: float = 90) -> RunningApp:
        """Spawn every process and wait until `/json` answers 200 (and the WS port listens)."""
        if self.remote:
            try:
                wait_until_ready(
                    lambda: answers_200(f"{self.base_url}/json"), [], timeout, self.base_url
                )
            except NotReady as exc:
                raise AppError(str(exc)) from None
            return self
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.started_at = time.perf_counter()
        for command in self.app.processes:
            args = self.app.expand(command)
            if self.cpus:
                args = ["taskset", "-c", self.cpus, *args]
            self.processes.append(
                subprocess.Popen(
                    args,
                    cwd=self.app.directory,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            # A crash, a timeout or Ctrl-C while waiting: take the processes down with it.
            self.stop()
            raise
        return self

    def _wait_until_ready(self, timeout: float) -> None:
        try:
            wait_until_ready(
                lambda: answers_200(f"{self.base_url}/json") and port_open(self.ws_port),
                self.processes,
                timeout,
                self.app.name,
            )
        except NotReady as exc:
            raise AppError(f"{exc}:\n{self.log_tail()}") from None

    def log_tail(self, chars: int = 1500) -> str:
        """The end of the app's log, for error messages."""
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def stop(self) -> None:
        """SIGTERM each process group, then SIGKILL what is left after a grace period."""
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for process in self.processes:
            # Stragglers in the group, such as forked workers, go too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        self.processes = []

    def __enter__(self) -> RunningApp:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
