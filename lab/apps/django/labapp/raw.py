"""The database endpoints in SQL through Django's own connection (psycopg), no ORM.

Django documents this path ("Performing raw SQL queries" / `connection.cursor()`) for code where
the ORM's model building costs too much; measuring it beside the ORM separates what the
framework costs from what its data layer costs.
"""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from labapp.views import count_of, random_id

READ = "SELECT id, randomnumber FROM world WHERE id = %s"


def _row(cursor, world_id):
    cursor.execute(READ, (world_id,))
    found = cursor.fetchone()
    return {"id": found[0], "randomNumber": found[1]}


def db(request):
    with connection.cursor() as cursor:
        return JsonResponse(_row(cursor, random_id()))


def queries(request):
    with connection.cursor() as cursor:
        rows = [_row(cursor, random_id()) for _ in range(count_of(request))]
    return JsonResponse(rows, safe=False)


def updates(request):
    # Autocommit, no atomic block: each read stands alone and the writes go as one batch
    # (README: transaction scope).
    with connection.cursor() as cursor:
        rows = [_row(cursor, random_id()) for _ in range(count_of(request))]
        for row in rows:
            row["randomNumber"] = random_id()
        # One UPDATE per drawn row, an id drawn twice included, in id order so that concurrent
        # requests lock their rows in the same order and cannot deadlock.
        cursor.executemany(
            "UPDATE world SET randomnumber = %s WHERE id = %s",
            [(row["randomNumber"], row["id"]) for row in sorted(rows, key=lambda r: r["id"])],
        )
    return JsonResponse(rows, safe=False)


def fortunes(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, message FROM fortune")
        rows = [{"id": i, "message": m} for i, m in cursor.fetchall()]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])
    return render(
        request, "fortunes.html", {"fortunes": rows}, content_type="text/html; charset=utf-8"
    )


def dashboard(request):
    auth = request.headers.get("Authorization", "")
    key = auth[7:] if auth.startswith("Bearer ") else ""
    with connection.cursor() as cursor:
        account = None
        if key:
            cursor.execute("SELECT id, name FROM accounts WHERE api_key = %s", (key,))
            account = cursor.fetchone()
        if account is None:
            return JsonResponse({"error": "unauthorized"}, status=401)
        cursor.execute(
            "SELECT status, count(*), sum(amount_cents)::bigint FROM invoices "
            "WHERE account_id = %s GROUP BY status ORDER BY status",
            (account[0],),
        )
        totals = cursor.fetchall()
        cursor.execute(
            "SELECT i.id, i.number, i.status, i.amount_cents, i.currency, i.issued_on, c.id, c.name "
            "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.account_id = %s "
            "ORDER BY i.issued_on DESC, i.id DESC LIMIT 20",
            (account[0],),
        )
        latest = cursor.fetchall()
    return JsonResponse(
        {
            "account": {"id": account[0], "name": account[1]},
            "totals": [{"status": s, "count": n, "amount_cents": a} for s, n, a in totals],
            "latest": [
                {
                    "id": r[0],
                    "number": r[1],
                    "status": r[2],
                    "amount_cents": r[3],
                    "currency": r[4],
                    "issued_on": r[5].isoformat(),
                    "customer": {"id": r[6], "name": r[7]},
                }
                for r in latest
            ],
        }
    )
