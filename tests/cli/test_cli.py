"""The CLI through a real subprocess, as an engineer or a CI job runs it."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.helpers.cli import EXAMPLES, STACKWISE, run


def test_advise_prints_the_json_contract():
    result = run("advise", "--profile", str(EXAMPLES / "saas-python-team.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["top"] == "django" and len(data["ranking"]) == 4


def test_the_same_profile_gives_byte_identical_json_across_runs():
    args = ("advise", "-p", str(EXAMPLES / "saas-realtime-ai-hybrid.yaml"), "-f", "json")
    assert run(*args).stdout == run(*args).stdout


def test_text_output_shows_the_pick_and_what_would_change_it():
    result = run("advise", "-p", str(EXAMPLES / "api-service-python.yaml"))
    assert result.returncode == 0
    assert "FastAPI" in result.stdout and "What would change this" in result.stdout


def test_adr_goes_to_the_output_file(tmp_path):
    target = tmp_path / "docs" / "decisions" / "0001-backend.md"
    result = run(
        "advise", "-p", str(EXAMPLES / "saas-python-team.yaml"), "-f", "adr", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("---\nstatus: proposed\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("product: saass\n", "did you mean 'saas'"),
        ("product: saas\nteam:\n  size: three\n", "team.size: must be a whole number"),
        ("product: saas\nbudget: 5000\n", "budget: is not a known field"),
        ("", "the file is empty"),
        ("product: [saas\n", "not valid YAML"),
        ("name: only a name\n", "product: is required"),
        ("product: saas\nneeds: admin_panel\n", "needs: must be a list"),
        (
            "product: saas\nregion: mars\n",
            "region: 'mars' has no rates in the knowledge base; choose one of western_europe",
        ),
    ],
    ids=[
        "unknown-product",
        "wrong-type",
        "unknown-field",
        "empty",
        "malformed-yaml",
        "missing-product",
        "not-a-list",
        "unknown-region",
    ],
)
def test_bad_profiles_exit_2_with_one_clear_line(tmp_path, content, expected):
    profile = tmp_path / "profile.yaml"
    profile.write_text(content)
    result = run("advise", "--profile", str(profile), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_missing_profile_file_exits_2_naming_it(tmp_path):
    result = run("advise", "--profile", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml: no such file" in result.stderr and "Traceback" not in result.stderr


def test_bad_json_profile_names_the_line(tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text('{"product": "saas",\n}')
    result = run("advise", "--profile", str(profile))
    assert result.returncode == 2 and "not valid JSON (line 2" in result.stderr


ANSWERS = (
    "\n".join(
        [
            # the product
            "Booking app",  # name
            "1",  # product: saas
            "admin_panel, 6",  # needs: admin_panel, background_jobs
            "",  # AI models: the default, hosted model APIs
            "1",  # integrations
            "not_sure",  # regulated data
            "possible",  # ai later
            # the team
            "n",  # no developers yet? no: we have some
            "python",  # languages
            "2",  # team size
            "salaried",  # how the developers are paid
            "n",  # fullstack
            # where it runs and how busy it gets
            "",  # deployment: default containers
            "",  # peak rps
            "",  # connections
            # budget and time
            "eastern_europe",  # region, by name
            "9,000",  # budget
            "4 months",  # deadline: weeks, months or a date
        ]
    )
    + "\n"
)


def test_interactive_answers_are_advised_and_saved(tmp_path):
    saved = tmp_path / "answers.yaml"
    result = run("advise", "--save", str(saved), "--format", "json", stdin=ANSWERS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout[result.stdout.index("{") :])["top"] == "django"
    data = yaml.safe_load(saved.read_text())
    assert data["needs"] == ["admin_panel", "background_jobs"] and data["budget_eur"] == 9000
    # the new questions: terms, region, integrations, regulated data, a deadline in months
    assert data["team"]["engagement"] == "salaried" and data["integrations"] == 1
    assert data["region"] == "eastern_europe" and data["regulated_data"] == "not_sure"
    assert data["deadline_weeks"] == 18 and "deadline_months" not in data
    again = run("advise", "--profile", str(saved), "--format", "json")
    assert (
        json.loads(again.stdout)["profile"]
        == json.loads(result.stdout[result.stdout.index("{") :])["profile"]
    )


def test_interactive_no_developers_yet_is_saved_and_estimated_as_hires(tmp_path):
    saved = tmp_path / "answers.yaml"
    answers = ANSWERS.replace("n\npython\n2\n", "y\n3\n")
    result = run("advise", "--save", str(saved), "--format", "json", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(saved.read_text())["team"] == {
        "languages": [],
        "frameworks": [],
        "size": 3,
        "fullstack_js": False,
        "hiring": True,
        "engagement": "salaried",
    }
    advice = json.loads(result.stdout[result.stdout.index("{") :])
    assert any(
        "No developers yet: 3 developers who already write" in a
        for a in advice["estimate"]["assumptions"]
    )


def test_interactive_reasks_a_bad_answer():
    result = run(
        "advise",
        "--format",
        "json",
        stdin=ANSWERS.replace("Booking app\n1\n", "Booking app\n42\nsaas\n"),
    )
    assert result.returncode == 0
    assert "Please answer 1-10" in result.stdout


def test_interactive_deadline_takes_a_date_and_reasks_nonsense():
    later = (dt.date.today() + dt.timedelta(days=71)).isoformat()
    answers = ANSWERS.replace("\n4 months\n", f"\nsoon\n{later}\n")
    result = run("advise", "--format", "json", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "Please give whole weeks" in result.stdout
    assert json.loads(result.stdout[result.stdout.index("{") :])["profile"]["deadline_weeks"] == 10


def test_ending_the_questions_early_exits_cleanly(tmp_path):
    result = run("advise", "--save", str(tmp_path / "x.yaml"), stdin="Half\n")
    assert result.returncode == 130
    assert "Cancelled" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_compare_shows_every_factor(fmt):
    result = run("compare", "--format", fmt)
    assert result.returncode == 0
    assert "Batteries" in result.stdout or "batteries" in result.stdout
    if fmt == "json":
        assert len(json.loads(result.stdout)["factors"]) >= 14


def test_knowledge_check_reports_the_article_arithmetic():
    result = run("knowledge", "check")
    assert result.returncode == 0
    assert "warning: costs.baselines.django" in result.stdout and "0 error(s)" in result.stdout


def test_knowledge_option_points_at_a_broken_folder(tmp_path):
    result = run(
        "advise", "-p", str(EXAMPLES / "saas-python-team.yaml"), "--knowledge", str(tmp_path)
    )
    assert result.returncode == 2 and "missing" in result.stderr


def test_version_and_help_with_examples():
    assert run("--version").stdout.startswith("stackwise ")
    assert "Example" in run("advise", "--help").stdout
    assert "Example" in run("compare", "--help").stdout
    for group in ("knowledge", "lab", ("knowledge", "check"), ("lab", "verify"), ("lab", "run")):
        args = group if isinstance(group, tuple) else (group,)
        assert "Example" in run(*args, "--help").stdout


def test_the_advise_path_stays_light():
    code = (
        "import sys\n"
        "from stackwise.cli.main import app\n"
        "try:\n"
        f"    app(['advise', '-p', {str(EXAMPLES / 'saas-python-team.yaml')!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('django', 'jinja2', 'weasyprint', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stderr


def test_ctrl_c_during_the_questions_exits_cleanly():
    import signal
    import time

    process = subprocess.Popen(
        [STACKWISE, "advise"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    shown = b""
    deadline = time.monotonic() + 30
    while b"Project name" not in shown and time.monotonic() < deadline:
        chunk = os.read(process.stdout.fileno(), 4096)  # blocks until the CLI prints
        if not chunk:
            break
        shown += chunk
    assert b"Project name" in shown, shown
    process.send_signal(signal.SIGINT)
    _, err_bytes = process.communicate(timeout=20)
    err = err_bytes.decode()
    assert process.returncode == 130
    assert "Cancelled" in err and "Traceback" not in err


def test_text_format_with_an_output_file_writes_plain_text(tmp_path):
    target = tmp_path / "advice.txt"
    result = run("advise", "-p", str(EXAMPLES / "saas-python-team.yaml"), "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert "Django" in text and "\x1b[" not in text and not text.startswith("#")


def test_a_region_added_to_costs_toml_is_one_edit_away_from_an_answer(tmp_path):
    from stackwise.knowledge.loader import DATA_DIR

    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    with (folder / "costs.toml").open("a") as costs:
        costs.write(
            '\n[regions.nordics]\nname = "Nordics"\nsource = "stackwise_model"\n'
            'rationale = "A test region."\n'
            "rates.python = { low = 60, high = 110 }\nrates.node = { low = 55, high = 105 }\n"
            'salaried_week = { low = 2200, high = 3300, source = "stackwise_model", '
            'rationale = "A test salary." }\n'
        )
    profile = tmp_path / "profile.yaml"
    profile.write_text("product: saas\nregion: nordics\n")
    result = run("advise", "-p", str(profile), "-f", "json", "--knowledge", str(folder))
    assert result.returncode == 0, result.stderr
    assert any("Nordics" in a for a in json.loads(result.stdout)["estimate"]["assumptions"])
    refused = run("advise", "-p", str(profile), "-f", "json")
    assert refused.returncode == 2 and "choose one of western_europe" in refused.stderr
