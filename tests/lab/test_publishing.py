"""Publishing a run: the raw run kept under its runs folder, its evidence written into the
knowledge folder it is given, where the advisor reads it; the package's own data untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwise.cli.lab import app as lab_cli
from stackwise.knowledge.loader import DATA_DIR, EVIDENCE_FILE, load_knowledge
from stackwise.lab.data.capacity import evidence_of
from stackwise.lab.data.results import RunResults, load_results, write_results
from stackwise.lab.publishing import publish

SAMPLE = Path(__file__).with_name("test_results_sample.json")


@pytest.fixture
def results() -> RunResults:
    return RunResults.model_validate(json.loads(SAMPLE.read_text()))


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.glob("*.*")))).hexdigest()


def test_a_published_run_becomes_the_advisors_evidence(
    results: RunResults, knowledge: Path, tmp_path: Path
) -> None:
    shipped = _digest(DATA_DIR)
    written = publish(results, knowledge, tmp_path / "runs", "sample")
    run_dir = tmp_path / "runs" / "sample"
    assert written[0] == run_dir / "results.json"
    assert (run_dir / "report.md").read_text().startswith("# Evidence lab report")
    assert load_results(run_dir) == results
    evidence = load_knowledge(knowledge).evidence
    assert evidence == evidence_of(results, str((run_dir / "results.json").resolve()))
    assert evidence is not None and evidence.document.endswith("runs/sample/results.json")
    assert _digest(DATA_DIR) == shipped, "publishing into a given folder changed package data"


def test_the_evidence_file_holds_only_what_the_advisor_reads(
    results: RunResults, knowledge: Path, tmp_path: Path
) -> None:
    publish(results, knowledge, tmp_path / "runs")
    evidence = json.loads((knowledge / EVIDENCE_FILE).read_text())
    assert set(evidence) == {"document", "date", "machine", "cores", "p99_target_ms", "capacity"}
    assert "measurements" not in json.dumps(evidence)


def test_publishing_again_replaces_the_older_run(
    results: RunResults, knowledge: Path, tmp_path: Path
) -> None:
    stale = tmp_path / "runs" / "default" / "old-chart.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    publish(results, knowledge, tmp_path / "runs")
    assert not stale.exists()


def test_the_publish_command_writes_into_the_folders_it_is_given(
    results: RunResults, knowledge: Path, tmp_path: Path
) -> None:
    write_results(tmp_path / "run", results)
    runs = tmp_path / "runs"
    done = CliRunner().invoke(
        lab_cli,
        [
            "publish",
            str(tmp_path / "run"),
            "--knowledge-dir",
            str(knowledge),
            "--runs-dir",
            str(runs),
        ],
    )
    assert done.exit_code == 0, done.output
    assert (knowledge / EVIDENCE_FILE).is_file() and (runs / "default" / "results.json").is_file()


def test_the_publish_command_refuses_a_missing_knowledge_folder(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        lab_cli, ["publish", str(SAMPLE), "--knowledge-dir", str(tmp_path / "nowhere")]
    )
    assert done.exit_code == 2
    assert "--knowledge-dir" in done.output and "is not a folder" in done.output
