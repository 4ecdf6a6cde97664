"""Many visitors posting for one slot at the same instant: the booking race the tests run."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import httpx


def race_for_one_slot(
    servers: list[str], racers: int, headers: Callable[[int], dict[str, str]] | None = None
) -> Counter[int]:
    """Release `racers` bookings for the first open slot at once, spread over the servers in
    turn; the status codes they got, counted."""
    slot = httpx.get(f"{servers[0]}/api/slots").json()["slots"][0]["start"]
    barrier = threading.Barrier(racers)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        body = {
            "start": slot,
            "name": f"Visitor {i}",
            "email": f"v{i}@example.com",
            "consent": True,
        }
        with httpx.Client(timeout=120) as client:
            barrier.wait()
            answer = client.post(
                f"{servers[i % len(servers)]}/api/bookings",
                json=body,
                headers=headers(i) if headers else None,
            )
        with lock:
            statuses.append(answer.status_code)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return Counter(statuses)
