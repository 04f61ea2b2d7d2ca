"""The main example in Python: same data and same output as quickstart.rs.

Run from the repository root after `pip install ./bindings-python` (or in the test venv):
    python examples/quickstart.py
"""

import json
from pathlib import Path

import omnistock

DATA = Path(__file__).resolve().parent / "data"


def describe(o: dict) -> str:
    line = f"{o.get('id') or '?'}: {o['status']}"
    if "error" in o:
        line += f" ({o['error']['code']})"
    for c in o.get("changes", []):
        line += f" | {c['pool']} {c['sku']} {c['before']} -> {c['after']}"
        if "signal" in c:
            line += f" {c['signal']}"
    if o.get("expired"):
        line += " | expired " + ", ".join(o["expired"])
    return line


def main() -> None:
    network = json.loads((DATA / "network.json").read_text())
    inv = omnistock.Inventory(network)
    for o in inv.apply(json.loads((DATA / "events.json").read_text())):
        print(describe(o))
    print("ATP by channel")
    for ch in network["channels"]:
        parts = [f"{sku} {inv.atp(sku, ch['pool'])}" for sku in ("JEANS-32", "TSHIRT-M")]
        print(f"  {ch['id']} (pool {ch['pool']}): {', '.join(parts)}")
    print("online pool by location, TSHIRT-M")
    for row in inv.atp_by_location("TSHIRT-M", "online"):
        print(
            f"  {row['location']}: on hand {row['on_hand']}, reserved {row['reserved']}, "
            f"buffer {row['buffer']}, sellable {row['sellable']}, atp {row['atp']}"
        )
    ask = json.loads((DATA / "promise.json").read_text())
    t = ask["timeline"]
    timeline = inv.atp_timeline(t["sku"], t["pool"], ask["now"], t["days"])
    print(f"{t['sku']} through {t['pool']}, promisable by day (changes only)")
    last = None
    for b in timeline["buckets"]:
        if last != b["promisable"]:
            print(f"  {b['date']}: {b['promisable']} (supply {b['supply']}, demand {b['demand']})")
            last = b["promisable"]
    p = inv.promise(ask["request"], ask["now"])
    print(
        f"promise {p.get('id', '?')}: promised {str(p['promised']).lower()}, "
        f"date {p.get('date', 'none')}, shipments {p['shipments']}"
    )
    for line in p["lines"]:
        print(f"  {line['sku']} x{line['quantity']}: {line['promised']} promised")
        for s in line["sources"]:
            print(
                f"    {s['location']} x{s['quantity']} (reserve due {s['due']}), ships {s['ships']}, "
                f"arrives {s['date']}: {'; '.join(s['reasons'])}"
            )

    # Sourcing: allocate three orders, commit the plan, then a store rejects an order.
    job = json.loads((DATA / "orders.json").read_text())
    plan = inv.allocate(job["orders"], job["rules"], job["now"])
    print_plan("allocation", plan)
    done = inv.commit(plan)
    print(f"committed {', '.join(done['orders'])}: {len(done['reservations'])} reservations")
    order = job["reject"]["order"]
    at = next(o for o in plan["orders"] if o["order"]["id"] == order)["shipments"][0]["location"]
    moved = inv.reallocate(order, {**job["reject"]["event"], "location": at}, job["now"])
    print_plan(f"reallocation of {order} after {at} rejects it", moved)
    inv.commit(moved)
    for o in inv.open_orders():
        parts = [f"{s['location']} x{sum(l['quantity'] for l in s['lines'])}" for s in o["shipments"]]
        print(f"open {o['order']['id']}: {', '.join(parts)}")


def print_plan(title, plan):
    print(f"{title} (rules {plan['rules']['name']})")
    for op in plan["orders"]:
        print(f"  {op['order']['id']} {op['status']}: {op['explanation']['summary']}")
        for s in op["shipments"]:
            lines = ", ".join(f"{l['sku']} x{l['quantity']}" for l in s["lines"])
            print(
                f"    {s['location']} ships {s['ships']}, arrives {s['date']}: {lines}; "
                f"shipping {s['cost']['shipping']}, handling {s['cost']['handling']}"
            )
        for u in op["unallocated"]:
            print(f"    unallocated {u['sku']} x{u['quantity']}: {u['reason']}")
        for d in op["explanation"]["dropped"]:
            print(f"    dropped {d['location']}: {d['reason']}")


if __name__ == "__main__":
    main()
