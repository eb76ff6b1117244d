#!/usr/bin/env python3
"""The outcome of the orders a benchmark placed, read through the platform's API as their
customers see them: each benchmark account lists its orders (GET /api/orders through the
gateway, newest first), which carry their status, when they were placed (createdAt) and when
they last changed (updatedAt: for a CONFIRMED order, its confirmation, a final state).

Waits up to <drain seconds> for every order of <orders file> (one id a line) to be CONFIRMED or
CANCELLED, polling every <poll seconds>, then prints one tab-separated line:
placed, confirmed, cancelled, unfinished, placement-to-confirmation p50, p99 and max in ms
("-" without a confirmed order), confirmed orders per second (confirmed orders over the time
from the first placement to the last confirmation).

usage: order_outcomes.py <gateway> <access tokens file> <orders file> <drain seconds> <poll seconds>
"""
import datetime
import json
import sys
import time
import urllib.error
import urllib.request

FINAL = ("CONFIRMED", "CANCELLED")


def instant(text):
    """Epoch seconds of an ISO-8601 instant with up to nanoseconds ("2026-12-02T20:36:43.666155Z")."""
    seconds, _, fraction = text.rstrip("Z").partition(".")
    whole = datetime.datetime.fromisoformat(seconds).replace(tzinfo=datetime.timezone.utc).timestamp()
    return whole + (float("0." + fraction) if fraction else 0.0)


def orders_of(gateway, token, wanted, found):
    """Adds the account's orders among `wanted` to `found`, newest first, until every wanted
    order has been found or the listing ends."""
    page = 0
    while len(found) < len(wanted):
        request = urllib.request.Request(f"{gateway}/api/orders?size=100&page={page}",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
        for order in body["content"]:
            if order["id"] in wanted:
                found[order["id"]] = order
        page += 1
        if page >= body["totalPages"]:
            break


def percentile(values, fraction):
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    position = fraction * (len(values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)


def main():
    gateway, tokens_file, orders_file, drain, poll = sys.argv[1:6]
    tokens = [line.strip() for line in open(tokens_file) if line.strip()]
    wanted = {line.strip() for line in open(orders_file) if line.strip()}
    deadline = time.monotonic() + float(drain)
    while True:
        found = {}
        try:
            for token in tokens:
                orders_of(gateway, token, wanted, found)
        except (OSError, urllib.error.URLError) as failure:
            # a platform still working off a backlog may answer slowly or refuse: ask again
            # until the drain time is up, then count what could not be read as unfinished
            print(f"reading the orders failed ({failure}); asking again", file=sys.stderr)
            if time.monotonic() >= deadline:
                break
            time.sleep(float(poll))
            continue
        unfinished = [o for o in found.values() if o["status"] not in FINAL]
        if (not unfinished and len(found) == len(wanted)) or time.monotonic() >= deadline:
            break
        time.sleep(float(poll))
    confirmed = [o for o in found.values() if o["status"] == "CONFIRMED"]
    cancelled = sum(1 for o in found.values() if o["status"] == "CANCELLED")
    took = sorted((instant(o["updatedAt"]) - instant(o["createdAt"])) * 1000 for o in confirmed)
    if took:
        first_placed = min(instant(o["createdAt"]) for o in found.values())
        span = max(instant(o["updatedAt"]) for o in confirmed) - first_placed
        figures = [f"{percentile(took, 0.5):.1f}", f"{percentile(took, 0.99):.1f}", f"{took[-1]:.1f}",
                   f"{len(confirmed) / span:.2f}" if span > 0 else "-"]
    else:
        figures = ["-", "-", "-", "0"]
    # an order placed but not listed counts as unfinished
    print("\t".join(map(str, [len(wanted), len(confirmed), cancelled, len(wanted) - len(confirmed) - cancelled]
                        + figures)))


if __name__ == "__main__":
    main()
