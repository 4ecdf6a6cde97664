"""The throw-away PostgreSQL serves on loopback only and leaves nothing behind, even on errors."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest

from stackwise.lab.postgres import postgres_missing, throwaway_postgres
from tests.helpers.prerequisites import require

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_installed() -> None:
    require(postgres_missing())


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_a_cluster_serves_new_databases_on_loopback_with_room_for_300_connections():
    with throwaway_postgres() as pg:
        assert pg.url == f"postgresql://postgres@127.0.0.1:{pg.port}/postgres"
        url = pg.create_database("shop")
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("shop",)
            settings = dict(
                conn.execute(
                    "SELECT name, setting FROM pg_settings WHERE name IN "
                    "('listen_addresses', 'max_connections', 'fsync')"
                ).fetchall()
            )
    assert settings["listen_addresses"] == "127.0.0.1"
    assert int(settings["max_connections"]) >= 300
    assert settings["fsync"] == "off"


def test_leaving_the_block_stops_the_server_frees_the_port_and_removes_the_files():
    with throwaway_postgres() as pg:
        port, directory = pg.port, pg.directory
        assert directory is not None and (directory / "data" / "postmaster.pid").exists()
        assert not _port_is_free(port)
    assert _port_is_free(port)
    assert not directory.exists()


@pytest.mark.parametrize("interruption", [RuntimeError, KeyboardInterrupt])
def test_an_error_or_ctrl_c_inside_the_block_still_cleans_up(interruption):
    started: list[tuple[int, Path | None]] = []
    with pytest.raises(interruption), throwaway_postgres() as pg:
        started.append((pg.port, pg.directory))
        raise interruption("stop here")
    [(port, directory)] = started
    assert _port_is_free(port)
    assert directory is not None and not directory.exists()


def test_missing_binaries_are_named_with_the_apt_get_command(tmp_path, monkeypatch):
    import stackwise.lab.postgres as postgres

    monkeypatch.setattr(postgres, "PG_BIN", tmp_path)
    message = postgres.postgres_missing()
    assert message is not None
    assert "initdb" in message and "apt-get install postgresql-15" in message
    with pytest.raises(postgres.PostgresMissing):
        postgres.throwaway_postgres().start()


def test_a_postgresql_without_pg_stat_statements_is_named_with_its_package(tmp_path, monkeypatch):
    import stackwise.lab.postgres as postgres

    modules = tmp_path / "lib"
    modules.mkdir()
    for tool in ("initdb", "pg_ctl", "postgres"):
        (tmp_path / tool).touch()
    pg_config = tmp_path / "pg_config"
    pg_config.write_text(f"#!/bin/sh\necho {modules}\n")
    pg_config.chmod(0o755)
    monkeypatch.setattr(postgres, "PG_BIN", tmp_path)
    message = postgres.postgres_missing()
    assert message is not None
    assert "pg_stat_statements.so not found" in message and "postgresql-15" in message
