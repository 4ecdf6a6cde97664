"""The evidence source pages publish the app's source files and nothing placed beside them:
no dotfiles, no other kinds of file, no symlink that leads out of the app's folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lab_copy(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A copy of the lab's Django app, as a deployment with STACKWISE_LAB_DIR (no git) has it."""
    from stackwise.web.pages import lab_sources

    app = tmp_path / "lab" / "apps" / "django"
    shutil.copytree(ROOT / "lab/apps/django", app, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(lab_sources, "LAB_DIR", tmp_path / "lab")
    return app


def test_dotfiles_other_kinds_and_links_out_of_the_folder_are_not_published(client, lab_copy):
    outside = lab_copy.parents[2] / "private.py"
    outside.write_text("OUTSIDE_SECRET = 'from outside the folder'\n")
    (lab_copy / ".env").write_text("DATABASE_PASSWORD=dot-env-secret\n")
    (lab_copy / ".secrets").mkdir()
    (lab_copy / ".secrets" / "keys.py").write_text("KEY = 'hidden-folder-secret'\n")
    (lab_copy / "server.pem").write_text("-----BEGIN PRIVATE KEY----- pem-secret\n")
    (lab_copy / "leak.py").symlink_to(outside)
    (lab_copy / "passwd.txt").symlink_to("/etc/passwd")
    (lab_copy / "also_urls.py").symlink_to(lab_copy / "labapp" / "urls.py")  # stays inside
    page = client.get("/evidence/apps/django/").content.decode()
    for secret in ("dot-env-secret", "hidden-folder-secret", "pem-secret", "OUTSIDE_SECRET"):
        assert secret not in page
    assert "root:x:0:0" not in page
    listed = set(re.findall(r'<li><a href="#file-[^"]+">([^<]+)</a></li>', page))
    assert not listed & {".env", ".secrets/keys.py", "server.pem", "leak.py", "passwd.txt"}
    assert {"gunicorn.conf.py", "labapp/views.py"} <= listed
    assert "also_urls.py" in listed  # a link inside the folder is the folder's own file
