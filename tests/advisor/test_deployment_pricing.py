"""Hosting is priced the way the deployment bills it: containers per core and GB, serverless
functions per request and GB-second of wall time, edge runtimes per request and CPU time."""

from __future__ import annotations

import re

import pytest

from stackwise.advisor import ProfileError, read_profile_file, recommend
from stackwise.advisor.performance import PerRequest
from stackwise.advisor.scoring import COLD_START, score_profile
from stackwise.knowledge.choices import Deployment
from stackwise.knowledge.models import Knowledge
from tests.helpers.samples import profile

CONTAINER_MINIMUM_EUR = 27 + 2 * 3  # one vCPU with its 2 GB on Fargate (costs.toml)
CORES = re.compile(r"\bcores?\b|\bvCPU", re.IGNORECASE)


def _monthly(knowledge: Knowledge, deployment: str, rps: float, product: str = "api_service"):  # type: ignore[no-untyped-def]
    answers = profile(
        product=product,
        deployment=deployment,
        scale={"peak_rps": rps, "concurrent_connections": 0},
    )
    scored = score_profile(answers, knowledge)
    assert scored.capacity is not None
    return {s: scored.capacity.need(s, rps, 0) for s in knowledge.stacks}


def _with_wait(knowledge: Knowledge, factor: float) -> Knowledge:
    hosting = knowledge.costs.hosting
    waits = {
        w: f.model_copy(update={"value": f.value * factor}) for w, f in hosting.wait_ms.items()
    }
    costs = knowledge.costs.model_copy(
        update={"hosting": hosting.model_copy(update={"wait_ms": waits})}
    )
    return knowledge.model_copy(update={"costs": costs})


def test_a_million_lambda_requests_of_100_ms_cost_what_aws_bills(shipped):
    hosting = shipped.costs.hosting
    billed = PerRequest(
        pricing=hosting.per_request[Deployment.serverless],
        requests_per_peak_rps=1_000_000,  # 1 req/s of peak stands for a million requests
        eur_per_usd=1.0,
        wait_seconds=0.0,
    )
    # 1M x 0.1 s x 1.7275 GB x USD 0.0000166667 = USD 2.88 of compute, USD 1.20 of fees
    assert billed.eur_per_month(1, 0.1) == pytest.approx(2.88 + 1.20, abs=0.01)


def test_a_serverless_api_at_20_req_s_is_priced_per_request_below_the_container_minimum(
    knowledge,
):
    at_20 = _monthly(knowledge, "serverless", 20)
    containers = _monthly(knowledge, "containers", 20)
    for stack, need in at_20.items():
        assert need.requests_per_month == pytest.approx(20 * 0.33 * 730 * 3600)
        assert need.eur_per_month < containers[stack].eur_per_month == CONTAINER_MINIMUM_EUR
    quiet = _monthly(knowledge, "serverless", 2)
    assert all(n.eur_per_month < CONTAINER_MINIMUM_EUR / 10 for n in quiet.values())


def test_at_high_steady_load_serverless_costs_more_than_containers(knowledge):
    serverless = _monthly(knowledge, "serverless", 500)
    containers = _monthly(knowledge, "containers", 500)
    for stack in knowledge.stacks:
        assert serverless[stack].eur_per_month > 3 * containers[stack].eur_per_month


def test_containers_and_paas_keep_the_per_core_price(knowledge):
    containers = _monthly(knowledge, "containers", 800)
    paas = _monthly(knowledge, "paas", 800)
    for stack, need in containers.items():
        assert need.requests_per_month == 0 and need.vcpus >= 1
        assert paas[stack] == need


def test_edge_billing_ignores_database_wait_while_lambdas_includes_it(knowledge):
    slower = _with_wait(knowledge, 3)
    for deployment, moves in (("edge", False), ("serverless", True)):
        before = _monthly(knowledge, deployment, 300)
        after = _monthly(slower, deployment, 300)
        for stack in knowledge.stacks:
            changed = after[stack].eur_per_month > before[stack].eur_per_month + 1
            assert changed is moves, (deployment, stack)


def test_a_quiet_edge_api_pays_only_the_workers_base_fee(shipped):
    base = shipped.costs.hosting.per_request[Deployment.edge].base_usd_month
    assert base is not None
    quiet = _monthly(shipped, "edge", 2)
    eur = base.value * shipped.costs.hosting.eur_per_usd.value
    assert all(n.eur_per_month == pytest.approx(eur) for n in quiet.values())


def test_the_three_year_totals_carry_the_per_request_bill(knowledge):
    rec = recommend(
        profile(product="api_service", deployment="serverless", scale={"peak_rps": 300}),
        knowledge,
    )
    assert rec.performance is not None
    months = knowledge.costs.economics.horizon_months.value
    for total in rec.performance.totals:
        monthly = rec.performance.eur_per_month[total.stack]
        assert total.hosting_eur == pytest.approx(round(monthly * months, -2), abs=100)


def test_the_serverless_text_states_the_basis_and_never_speaks_of_cores(knowledge):
    rec = recommend(
        profile(product="api_service", deployment="serverless", scale={"peak_rps": 800}),
        knowledge,
    )
    assert rec.performance is not None
    text = rec.performance.text
    assert not CORES.search(text)
    assert "Billed per request on AWS Lambda (x86, 1,769 MB)" in text
    assert "million requests a month" in text and "waiting on the database" in text
    assert not CORES.search(" ".join(rec.reasons))


def test_the_edge_text_says_workers_run_javascript_isolates_and_python_is_a_beta(knowledge):
    rec = recommend(profile(product="small_api", deployment="edge"), knowledge)
    assert rec.performance is not None
    text = rec.performance.text
    assert "Cloudflare Workers" in text and "isolates" in text and "Pyodide" in text
    assert not CORES.search(text)


@pytest.mark.parametrize(
    ("answers", "weighs"),
    [
        ({"deployment": "serverless"}, True),
        ({"deployment": "containers", "needs": ["serverless"]}, True),
        ({"deployment": "containers"}, False),
        ({"deployment": "paas"}, False),
        ({"deployment": "edge"}, False),
    ],
    ids=["serverless", "serverless-need", "containers", "paas", "edge-isolates"],
)
def test_cold_start_weighs_only_where_the_platform_starts_processes_on_demand(
    knowledge, answers, weighs
):
    scored = score_profile(profile(product="api_service", **answers), knowledge)
    assert (scored.weights[scored.factors.index(COLD_START)] > 0) is weighs


def test_an_unknown_deployment_in_a_profile_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text("product: api_service\ndeployment: lambda\n")
    with pytest.raises(ProfileError) as error:
        read_profile_file(path)
    message = str(error.value)
    assert "deployment" in message and "serverless" in message and "edge" in message
    assert "Traceback" not in message


def test_a_copy_of_the_knowledge_works_out_its_own_prices(knowledge):
    before = _monthly(knowledge, "serverless", 300)
    after = _monthly(_with_wait(knowledge, 3), "serverless", 300)
    again = _monthly(knowledge, "serverless", 300)
    assert again == before != after
