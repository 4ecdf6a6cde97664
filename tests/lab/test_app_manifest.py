"""An app's lab.toml is read into a checked model: a mistake names the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stackwise.lab.apps import APPS_DIR, AppError, load_app


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "express"
    folder.mkdir()
    shutil.copy(APPS_DIR / "express" / "lab.toml", folder / "lab.toml")
    return folder


def test_the_shipped_manifests_load_with_their_usual_data_access_first() -> None:
    express = load_app(APPS_DIR / "express")
    assert express.family == "node" and express.usual_data_access == "raw"
    assert express.production.sources and express.processes


def test_an_unknown_family_is_refused_naming_the_file_and_field(app_dir: Path) -> None:
    manifest = app_dir / "lab.toml"
    manifest.write_text(manifest.read_text().replace('family = "node"', 'family = "ruby"'))
    with pytest.raises(AppError, match=r"express/lab.toml: family: Input should be 'python'"):
        load_app(app_dir)


def test_an_unknown_data_access_variant_is_refused(app_dir: Path) -> None:
    manifest = app_dir / "lab.toml"
    manifest.write_text(manifest.read_text().replace("\norm = ", "\nodbc = "))
    with pytest.raises(
        AppError,
        match=r"express/lab.toml: data_access.odbc.\[key\]: Input should be .orm. or .raw.",
    ):
        load_app(app_dir)


def test_a_misspelt_key_is_refused(app_dir: Path) -> None:
    manifest = app_dir / "lab.toml"
    manifest.write_text("proceses = []\n" + manifest.read_text())
    with pytest.raises(AppError, match="proceses: Extra inputs are not permitted"):
        load_app(app_dir)
