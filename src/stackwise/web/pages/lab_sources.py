"""The lab apps' source as the site shows it: every file a reviewer needs to judge a
configuration, read from the lab folder the measurements were made with. Lock files are listed,
not printed (thousands of hash lines), and build output and installs are left out.

What is published is decided by rules that need no git, so that a deployment that copies the
lab folder (STACKWISE_LAB_DIR) shows the same as a checkout: only source and configuration
files by their extension (an allow-list), nothing whose name or folder starts with a dot (.env,
.git, .npmrc), and no symlink whose target lies outside the app's folder. A `.env` dropped in
the folder, or a link to /etc/passwd, is neither listed nor printed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from stackwise.lab.location import LAB_DIR
from stackwise.web.pages.lab_figures import stack_names

SKIPPED_FOLDERS = {"node_modules", "dist", "__pycache__", "build"}
# The kinds of file the lab apps are written in; anything else (keys, dumps, archives) stays.
SHOWN_SUFFIXES = {
    ".py",
    ".ts",
    ".js",
    ".json",
    ".toml",
    ".md",
    ".txt",
    ".in",
    ".html",
    ".ejs",
    ".cfg",
    ".ini",
    ".yaml",
    ".yml",
    ".sql",
    ".lua",
}
LOCK_FILES = {"package-lock.json", "requirements.txt"}
LARGEST_SHOWN_BYTES = 64 * 1024


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the app's folder, with forward slashes
    size: int
    text: str | None  # None: listed only (a lock file, or too large to print)

    @property
    def anchor(self) -> str:
        return "file-" + "".join(c if c.isalnum() else "-" for c in self.path)


def app_folder(app: str) -> Path | None:
    """The app's folder when this installation has the lab (a checkout does, a wheel does not)."""
    folder = LAB_DIR / "apps" / app
    return folder if app in stack_names() and (folder / "lab.toml").is_file() else None


def app_source(app: str) -> list[SourceFile] | None:
    """The app's files, README first, then in path order; None when the lab is not here."""
    folder = app_folder(app)
    if folder is None:
        return None
    files = []
    inside = folder.resolve()
    for root, folders, names in os.walk(folder):  # os.walk follows no symlinked folder
        # never descend into installs, build output or hidden folders
        folders[:] = [f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")]
        for name in names:
            path = Path(root) / name
            if not _publishable(path, inside):
                continue
            size = path.stat().st_size
            text = None
            if name not in LOCK_FILES and size <= LARGEST_SHOWN_BYTES:
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    text = None
            files.append(SourceFile(path.relative_to(folder).as_posix(), size, text))
    return sorted(files, key=lambda f: (f.path != "README.md", f.path))


def _publishable(path: Path, inside: Path) -> bool:
    """A regular source file of the app, not hidden, and (through any symlink) in its folder."""
    if path.name.startswith(".") or path.suffix not in SHOWN_SUFFIXES:
        return False
    target = path.resolve()
    return target.is_file() and target.is_relative_to(inside)
