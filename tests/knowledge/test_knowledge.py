"""The knowledge base loads, explains every score, and notices where its figures disagree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stackwise.advisor.conditions import profile_context
from stackwise.advisor.profile import ProjectProfile
from stackwise.knowledge import KnowledgeError, load_knowledge
from stackwise.knowledge.check import PRODUCTS, PROFILE_FIELDS, check_knowledge
from stackwise.knowledge.loader import DATA_DIR, read_knowledge
from stackwise.knowledge.models import STACK_IDS

ARTICLE_ROWS = {
    "Raw performance",
    "Ecosystem maturity",
    "Learning curve",
    "Developer availability",
    "AI/ML support",
    "Web frameworks",
    "Real-time / WebSockets",
    "Full-stack synergy",
    "Typical project cost",
    "Best for",
}


def test_the_shipped_knowledge_has_no_errors_and_a_stable_version():
    first, again = read_knowledge(), read_knowledge()
    assert first.version == again.version and len(first.version) == 12
    assert not [f for f in check_knowledge(first) if f.level == "error"]


def test_every_article_row_is_a_factor_scored_for_every_stack_with_reason_and_source():
    k = load_knowledge()
    assert {f.article_row for f in k.factors.values()} >= ARTICLE_ROWS
    assert {"batteries", "serverless_cold_start", "time_to_market"} <= set(k.factors)
    for factor in k.factors.values():
        assert set(factor.scores) == set(STACK_IDS)
        for score in factor.scores.values():
            assert score.rationale and score.source in k.sources


def test_django_and_fastapi_are_told_apart_on_batteries():
    batteries = load_knowledge().factors["batteries"].scores
    assert batteries["django"].score > batteries["fastapi"].score + 4


def test_check_shows_the_arithmetic_where_the_article_disagrees_with_itself():
    warnings = [f for f in check_knowledge(read_knowledge()) if f.level == "warning"]
    django = next(w for w in warnings if w.where == "costs.baselines.django")
    assert "240-320 hours" in django.message and "EUR 9,600-28,800" in django.message
    assert "EUR 3,000-8,000" in django.message


def test_rule_conditions_read_only_fields_the_profile_has():
    context = profile_context(ProjectProfile.model_validate({"product": "saas"}))
    assert set(context) == PROFILE_FIELDS
    assert set(PRODUCTS) == {p.value for p in ProjectProfile.model_fields["product"].annotation}


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    return folder


def test_a_consultants_folder_is_used_and_changes_the_version(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "factors.toml").read_text()
    (folder / "factors.toml").write_text(
        text.replace(
            'scores.django = { score = 10, source = "django_docs"',
            'scores.django = { score = 9, source = "django_docs"',
        )
    )
    assert load_knowledge(folder).version != load_knowledge().version
    assert load_knowledge(folder).factors["batteries"].scores["django"].score == 9


def test_a_score_citing_an_unknown_source_is_refused(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "factors.toml").read_text()
    (folder / "factors.toml").write_text(
        text.replace('source = "django_docs"', 'source = "hearsay"', 1)
    )
    with pytest.raises(KnowledgeError, match="unknown source 'hearsay'"):
        load_knowledge(folder)


def test_a_source_without_a_publisher_fails_the_check(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "sources.toml").read_text()
    (folder / "sources.toml").write_text(
        text.replace('publisher = "Django Software Foundation"\n', "", 1)
    )
    with pytest.raises(
        KnowledgeError, match="sources.django_docs: cannot be cited without a publisher or author"
    ):
        load_knowledge(folder)


def test_the_check_names_each_part_of_a_citation_a_source_lacks():
    knowledge = read_knowledge()
    bare = knowledge.sources["stripe_webhooks"].model_copy(
        update={"publisher": "", "date": " ", "document": ""}
    )
    findings = check_knowledge(
        knowledge.model_copy(update={"sources": {**knowledge.sources, "stripe_webhooks": bare}})
    )
    assert [str(f) for f in findings if f.where == "sources.stripe_webhooks"] == [
        "sources.stripe_webhooks: cannot be cited without a publisher or author, a date, "
        "an address (a URL or a path)"
    ]


def test_every_shipped_source_names_who_published_it_its_date_and_address():
    for source in read_knowledge().sources.values():
        assert (source.publisher or source.author) and source.date and source.document, source.id
        if source.kind == "public":
            assert source.document.startswith("https://"), source.id


def test_a_range_out_of_order_is_refused(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "costs.toml").read_text()
    (folder / "costs.toml").write_text(
        text.replace("weeks = { low = 6, high = 8 }", "weeks = { low = 9, high = 8 }")
    )
    with pytest.raises(KnowledgeError, match="out of order"):
        load_knowledge(folder)


def test_a_rule_weighting_an_unknown_factor_is_refused(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "rules.toml").read_text()
    (folder / "rules.toml").write_text(
        text.replace("weights = { ai_ml_support = 6.0 }", "weights = { vibes = 6.0 }")
    )
    with pytest.raises(KnowledgeError, match="unknown factor 'vibes'"):
        load_knowledge(folder)


def test_the_estimators_hours_reproduce_the_articles_mvp_prices():
    findings = [f for f in check_knowledge(read_knowledge()) if f.level == "warning"]
    assert not any("weeks x billable hours x rate gives" in f.message for f in findings)
    assert not any(f.where == "costs.unfamiliar_language_factor" for f in findings)


def test_check_notices_a_learning_factor_the_article_does_not_support(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(DATA_DIR, folder)
    costs = folder / "costs.toml"
    costs.write_text(
        costs.read_text().replace(
            "unfamiliar_language_factor = { value = 1.6,",
            "unfamiliar_language_factor = { value = 1.1,",
        )
    )
    findings = check_knowledge(read_knowledge(folder))
    assert any(f.where == "costs.unfamiliar_language_factor" for f in findings)


def test_every_product_has_a_stated_default_load_and_hosting_has_a_source():
    k = load_knowledge()
    assert set(k.costs.hosting.default_load) == set(PRODUCTS)
    assert k.costs.hosting.vcpu_month_eur.source in k.sources


def test_check_refuses_economics_figures_outside_their_meaning():
    knowledge = read_knowledge()
    economics = knowledge.costs.economics
    broken = economics.model_copy(
        update={
            "learning_pace_loss": economics.learning_pace_loss.model_copy(update={"value": 1.5}),
            "too_close_family_share": economics.too_close_family_share.model_copy(
                update={"value": 30}
            ),
        }
    )
    costs = knowledge.costs.model_copy(update={"economics": broken})
    errors = {
        f.where
        for f in check_knowledge(knowledge.model_copy(update={"costs": costs}))
        if f.level == "error"
    }
    assert {
        "costs.economics.learning_pace_loss",
        "costs.economics.too_close_family_share",
    } <= errors
