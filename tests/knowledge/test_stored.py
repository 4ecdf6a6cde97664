"""Checked knowledge kept on disk: used while the files are unchanged, rebuilt when one changes
or the kept copy is unreadable, and never able to change an answer."""

from __future__ import annotations

import shutil

import pytest

from stackwise.knowledge import loader
from stackwise.knowledge.loader import DATA_DIR, load_knowledge


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("STACKWISE_CACHE_DIR", str(folder))
    monkeypatch.setattr(loader, "_cache", {})  # this process's memory, so the disk is read
    return folder


def test_a_second_load_reads_the_checked_copy_not_the_files(cache, tmp_path, monkeypatch):
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    first = load_knowledge(folder)
    assert len(list(cache.glob("knowledge-*.pickle"))) == 1
    loader._cache.clear()
    monkeypatch.setattr(loader, "read_knowledge", lambda _: pytest.fail("parsed again"))
    again = load_knowledge(folder)
    assert again == first and again.version == first.version


def test_an_edited_file_is_read_again(cache, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    before = load_knowledge(folder)
    costs = folder / "costs.toml"
    costs.write_text(costs.read_text() + "\n# edited\n")
    loader._cache.clear()
    after = load_knowledge(folder)
    assert after.version != before.version
    assert len(list(cache.glob("knowledge-*.pickle"))) == 2


def test_a_damaged_copy_is_ignored_and_replaced(cache):
    expected = load_knowledge()
    (kept,) = cache.glob("knowledge-*.pickle")
    kept.write_bytes(b"not a pickle")
    loader._cache.clear()
    assert load_knowledge() == expected
    assert kept.read_bytes() != b"not a pickle"


def test_a_broken_folder_is_never_kept(cache, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    (folder / "stacks.toml").write_text("[stacks]\ndjango = 1\n")
    with pytest.raises(loader.KnowledgeError):
        load_knowledge(folder)
    assert not list(cache.glob("knowledge-*.pickle"))


def test_an_empty_setting_turns_the_copy_off(tmp_path, monkeypatch):
    monkeypatch.setenv("STACKWISE_CACHE_DIR", "")
    monkeypatch.setattr(loader, "_cache", {})
    monkeypatch.chdir(tmp_path)
    load_knowledge()
    assert not list(tmp_path.rglob("*.pickle"))
