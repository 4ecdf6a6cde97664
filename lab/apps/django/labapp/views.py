"""The lab endpoints, written as a Django team would: ORM, templates, plain function views."""

import os
import random
import time

import httpx
from django.db.models import Count, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from labapp.models import Account, Fortune, Invoice, World

upstream = httpx.Client(timeout=2.0, limits=httpx.Limits(max_connections=64))


def count_of(request):
    try:
        n = int(request.GET.get("queries", ""))
    except ValueError:
        return 1
    return min(max(n, 1), 500)


def random_id():
    return random.randint(1, 10000)


def json_view(request):
    return JsonResponse({"message": "Hello, World!"})


def plaintext(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


def db(request):
    row = World.objects.get(id=random_id())
    return JsonResponse({"id": row.id, "randomNumber": row.randomnumber})


def queries(request):
    rows = [World.objects.get(id=random_id()) for _ in range(count_of(request))]
    return JsonResponse([{"id": r.id, "randomNumber": r.randomnumber} for r in rows], safe=False)


def updates(request):
    # Autocommit, no atomic block: each read stands alone, and bulk_update's one statement is
    # its own transaction (README: transaction scope).
    rows = [World.objects.get(id=random_id()) for _ in range(count_of(request))]
    for row in rows:
        row.randomnumber = random_id()
    # Every drawn row goes into the statement, in id order so that concurrent requests lock
    # their rows in the same order and cannot deadlock (an id drawn twice is written once,
    # with its first number: Django's documented bulk_update behaviour).
    World.objects.bulk_update(sorted(rows, key=lambda r: r.id), ["randomnumber"])
    return JsonResponse([{"id": r.id, "randomNumber": r.randomnumber} for r in rows], safe=False)


def fortunes(request):
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda f: f.message)
    return render(
        request, "fortunes.html", {"fortunes": rows}, content_type="text/html; charset=utf-8"
    )


def dashboard(request):
    auth = request.headers.get("Authorization", "")
    key = auth[7:] if auth.startswith("Bearer ") else ""
    account = Account.objects.filter(api_key=key).first() if key else None
    if account is None:
        return JsonResponse({"error": "unauthorized"}, status=401)
    totals = (
        Invoice.objects.filter(account=account)
        .values("status")
        .annotate(count=Count("id"), amount_cents=Sum("amount_cents"))
        .order_by("status")
    )
    latest = (
        Invoice.objects.filter(account=account)
        .select_related("customer")
        .order_by("-issued_on", "-id")[:20]
    )
    return JsonResponse(
        {
            "account": {"id": account.id, "name": account.name},
            "totals": [
                {"status": t["status"], "count": t["count"], "amount_cents": int(t["amount_cents"])}
                for t in totals
            ],
            "latest": [
                {
                    "id": i.id,
                    "number": i.number,
                    "status": i.status,
                    "amount_cents": i.amount_cents,
                    "currency": i.currency,
                    "issued_on": i.issued_on.isoformat(),
                    "customer": {"id": i.customer.id, "name": i.customer.name},
                }
                for i in latest
            ],
        }
    )


def upstream_view(request):
    started = time.perf_counter()
    try:
        response = upstream.get(os.environ["UPSTREAM_URL"])
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError):
        return JsonResponse({"error": "upstream failed"}, status=502)
    return JsonResponse({"upstream": body, "elapsed_ms": (time.perf_counter() - started) * 1000})
