"""`stackwise knowledge`: check the knowledge base a recommendation stands on."""

import typer

from stackwise.cli.options import KnowledgeOption, fail

app = typer.Typer(
    help="Inspect and check the knowledge base.\n\nExample: stackwise knowledge check --knowledge ./my-knowledge",
    no_args_is_help=True,
)


@app.command(epilog="Example: stackwise knowledge check --knowledge ./my-knowledge")
def check(knowledge: KnowledgeOption = None) -> None:
    """Validate scores, sources, rules and costs; warn where the article's figures disagree."""
    from stackwise.knowledge import KnowledgeError
    from stackwise.knowledge.check import check_knowledge
    from stackwise.knowledge.loader import read_knowledge

    try:
        kb = read_knowledge(knowledge)
    except KnowledgeError as exc:
        fail(str(exc))
    findings = check_knowledge(kb)
    errors = [f for f in findings if f.level == "error"]
    for finding in findings:
        typer.echo(f"{finding.level}: {finding}")
    typer.echo(
        f"knowledge {kb.version} at {kb.path}: {len(kb.factors)} factors, {len(kb.rules)} rules, "
        f"{len(kb.sources)} sources; {len(errors)} error(s), {len(findings) - len(errors)} warning(s)"
    )
    if errors:
        raise typer.Exit(1)
