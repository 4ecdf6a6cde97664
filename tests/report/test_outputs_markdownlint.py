"""Every Markdown output passes markdownlint-cli with the committed .markdownlint.jsonc."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from stackwise.advisor import read_profile_file, recommend
from stackwise.knowledge import load_knowledge
from stackwise.report.adr import AdrStyle, render_adr
from stackwise.report.markdown import render_markdown
from tests.cli.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _markdownlint(node_modules: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(node_modules / ".bin" / "markdownlint"), "--config", ".markdownlint.jsonc"]
        + [str(f) for f in files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_reports_comparison_and_adrs_lint_clean(tmp_path, node_tools):
    knowledge = load_knowledge()
    files = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        recommendation = recommend(read_profile_file(example), knowledge)
        report = tmp_path / f"{example.stem}.md"
        report.write_text(render_markdown(recommendation))
        files.append(report)
        for style in AdrStyle:
            adr = tmp_path / f"adr-{style}-{example.stem}.md"
            adr.write_text(render_adr(recommendation, dt.date(2026, 11, 25), style))
            files.append(adr)
    # The CLI's own output, byte for byte as a user redirects it into a file.
    compare = run("compare", "--format", "markdown")
    assert compare.returncode == 0, compare.stderr
    (tmp_path / "compare.md").write_text(compare.stdout)
    advise = run("advise", "-p", str(EXAMPLES / "saas-realtime-ai-hybrid.yaml"), "-f", "markdown")
    (tmp_path / "advise.md").write_text(advise.stdout)
    files += [tmp_path / "compare.md", tmp_path / "advise.md"]

    linted = _markdownlint(node_tools, files)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_the_linter_catches_what_the_config_does_not_allow(tmp_path, node_tools):
    """The config is not a blanket pass: bare links and doubled blank lines still fail."""
    sloppy = tmp_path / "sloppy.md"
    sloppy.write_text("# Title\n\nSee https://example.org for more.\n\n\nEnd.\n")
    linted = _markdownlint(node_tools, [sloppy])
    assert linted.returncode == 1
    assert "MD034/no-bare-urls" in linted.stderr
    assert "MD012/no-multiple-blanks" in linted.stderr


def test_wrapping_never_turns_a_word_into_a_new_block():
    """A wrapped line starting with "1." or "-" or "#" would become a list or heading."""
    from markdown_it import MarkdownIt

    from stackwise.report.markdown_layout import lay_out

    words = ["- The estimate"] + ["grows"] * 9 + ["by", "1.", "-", "#", ">", "+", "|", "==="] * 6
    laid_out = lay_out(" ".join(words))
    assert all(len(line) <= 80 for line in laid_out.splitlines())
    tokens = [t.type for t in MarkdownIt("commonmark").parse(laid_out)]
    assert tokens.count("list_item_open") == 1
    assert "heading_open" not in tokens and "blockquote_open" not in tokens


def test_tables_however_spaced_come_out_in_one_style():
    from stackwise.report.markdown_layout import lay_out

    loose = "# T\n\n|Stack|Score|  Note |\n|:--|---:|:-:|\n|Django|  89.8||\n| a \\| b | 1 | x\n"
    assert lay_out(loose).splitlines()[2:] == [
        "| Stack | Score | Note |",
        "| :--- | ---: | :---: |",
        "| Django | 89.8 | |",
        "| a \\| b | 1 | x |",
    ]


def test_every_web_address_of_a_source_becomes_a_link():
    from stackwise.report.markdown_layout import link

    assert link("docs/decision-model.md") == "docs/decision-model.md"
    assert link("https://a.example/x ; https://b.example/y") == (
        "<https://a.example/x> ; <https://b.example/y>"
    )
