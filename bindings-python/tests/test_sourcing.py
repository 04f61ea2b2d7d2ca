"""Order sourcing through the Python API: allocate, commit, fulfil, release, reallocate,
capacity, and the errors a caller can make."""

import datetime
import threading

import pytest

import omnistock

NOW = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=datetime.timezone.utc)

NETWORK = {
    "locations": [
        {"id": "DC1", "kind": "warehouse", "capabilities": ["ship"], "zone": "A", "priority": 1,
         "capacity": {"orders_per_day": 2, "units_per_day": 10},
         "handling": {"per_order": "1.00", "per_unit": "0.10"},
         "shipping": {"standard": {"zones": {"A": {"base": "5.00", "per_unit": "0.20"}}}}},
        {"id": "S1", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "zone": "A", "priority": 2,
         "handling": {"per_order": "2.00", "per_unit": "0.30"},
         "shipping": {"standard": {"zones": {"A": {"base": "3.00", "per_unit": "0.20"}}}}},
    ],
    "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    "pools": [{"id": "online", "members": [{"location": "DC1"}, {"location": "S1"}]}],
    "services": [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}],
}


def order(oid, qty=2, sku="A", **extra):
    o = {"id": oid, "channel": "web", "service": "standard", "destination": {"zone": "A"},
         "lines": [{"id": "1", "sku": sku, "quantity": qty}]}
    o.update(extra)
    return o


@pytest.fixture
def inv():
    inv = omnistock.Inventory(NETWORK)
    inv.apply([
        {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 5},
        {"type": "receive", "id": "e2", "location": "S1", "sku": "A", "quantity": 3},
    ])
    return inv


def test_allocate_commit_fulfil_closes_the_order(inv):
    plan = inv.allocate([order("SO-1")], "cheapest", NOW)
    op = plan["orders"][0]
    assert op["status"] == "allocated"
    # The store: 3.00 + 0.40 shipping, 2.00 + 0.60 handling = 6.00; DC1: 5.40 + 1.20 = 6.60.
    assert [s["location"] for s in op["shipments"]] == ["S1"]
    assert op["cost"]["score"] == "6.00"
    assert op["explanation"]["runner_up"]["locations"] == ["DC1"]
    assert inv.atp("A", "online") == 8, "allocate changes nothing"
    done = inv.commit(plan)
    assert done["orders"] == ["SO-1"] and done["reservations"] == ["SO-1/1/S1/1"]
    assert done["changes"][0]["before"] == 8 and done["changes"][0]["after"] == 6
    assert inv.atp("A", "online") == 6
    [open_order] = inv.open_orders()
    assert open_order["order"]["id"] == "SO-1" and inv.open_order("SO-1") == open_order
    out = inv.apply([{"type": "fulfil", "id": "f1", "reservation": "SO-1/1/S1/1"}])
    assert out[0]["status"] == "applied"
    assert inv.open_orders() == [] and inv.open_order("SO-1") is None
    assert inv.capacity_used("S1", datetime.date(2026, 11, 27)) == {"orders": 1, "units": 2}


def test_release_order_restores_the_state(inv):
    before = inv.snapshot()
    inv.commit(inv.allocate([order("SO-1"), order("SO-2", qty=4)], "balanced", NOW))
    assert len(inv.open_orders()) == 2
    inv.release_order("SO-1")
    inv.release_order("SO-2")
    assert inv.snapshot() == before


def test_reallocate_after_a_rejection_and_offline(inv):
    inv.commit(inv.allocate([order("SO-1")], "cheapest", NOW))
    moved = inv.reallocate("SO-1", {"type": "reject", "location": "S1"}, NOW)
    op = moved["orders"][0]
    assert [s["location"] for s in op["shipments"]] == ["DC1"]
    assert op["replaces"]["release"] == [{"reservation": "SO-1/1/S1/1", "quantity": 2}]
    assert {"location": "S1", "reason": "rejected"} in op["explanation"]["dropped"]
    inv.commit(moved)
    assert inv.open_order("SO-1")["shipments"][0]["location"] == "DC1"
    plan = inv.reallocate_offline("DC1", "2026-11-27T09:00:00Z")
    # S1 is excluded for SO-1 (it rejected it): nowhere left to ship from.
    assert plan["orders"][0]["status"] == "unallocated"
    inv.commit(plan)
    assert inv.open_orders() == []


def test_capacity_runs_out_across_orders(inv):
    plan = inv.allocate([order(f"SO-{i}", qty=1) for i in range(4)], {"name": "dc", "preset": "priority"}, NOW)
    where = [op["shipments"][0]["location"] for op in plan["orders"]]
    assert where == ["DC1", "DC1", "S1", "S1"], "DC1 takes 2 orders a day"
    inv.commit(plan)
    assert inv.capacity_used("DC1", "2026-11-27") == {"orders": 2, "units": 2}


def test_a_stale_plan_is_refused_whole(inv):
    plan = inv.allocate([order("SO-1", qty=3)], "cheapest", NOW)
    inv.apply([{"type": "adjust", "id": "x", "location": "S1", "sku": "A", "delta": -1, "reason": "damaged"}])
    before = inv.snapshot()
    with pytest.raises(omnistock.OmnistockError) as e:
        inv.commit(plan)
    assert e.value.code == "stale_plan" and e.value.context["cause"] == "insufficient_stock"
    assert inv.snapshot() == before


def test_errors_name_the_field(inv):
    cases = [
        (lambda: inv.allocate([order("SO-1")], "fastest", NOW), "invalid_input", "rules"),
        (lambda: inv.allocate([order("SO-1")], {"name": "x", "wieghts": {}}, NOW), "invalid_input", "rules.wieghts"),
        (lambda: inv.allocate([order("SO-1"), order("SO-1")], "cheapest", NOW), "duplicate_id", "orders[1].id"),
        (lambda: inv.allocate([order("SO-1", qty=0)], "cheapest", NOW), "invalid_quantity", "orders[0].lines[0].quantity"),
        (lambda: inv.allocate([order("SO-1", qty=None)], "cheapest", NOW), "invalid_input", "orders[0].lines[0].quantity"),
        (lambda: inv.allocate([order("SO-1", qty=1.5)], "cheapest", NOW), "invalid_input", "orders[0].lines[0].quantity"),
        (lambda: inv.allocate({"id": "SO-1"}, "cheapest", NOW), "invalid_input", "orders"),
        (lambda: inv.allocate([order("SO-1", channel="nope")], "cheapest", NOW), "unknown_channel", "orders[0].channel"),
        (lambda: inv.allocate([order("SO-1")], "cheapest", datetime.datetime(2026, 11, 27)), "invalid_input", "now"),
        (lambda: inv.release_order("SO-9"), "unknown_order", None),
        (lambda: inv.reallocate("SO-9", {"type": "offline", "location": "S1"}, NOW), "unknown_order", None),
        (lambda: inv.reallocate_offline("NOPE", NOW), "unknown_location", None),
        (lambda: inv.capacity_used("S1", "27/11/2026"), "invalid_input", "date"),
        (lambda: inv.capacity_used("S1", NOW), "invalid_input", "date"),
        (lambda: inv.commit({"rules": "x"}), "invalid_input", None),
    ]
    for call, code, field in cases:
        with pytest.raises(omnistock.OmnistockError) as e:
            call()
        assert e.value.code == code, (code, e.value.message)
        if field is not None:
            assert e.value.context.get("field") == field, e.value.message


def test_committing_twice_is_a_duplicate(inv):
    plan = inv.allocate([order("SO-1")], "cheapest", NOW)
    inv.commit(plan)
    with pytest.raises(omnistock.OmnistockError) as e:
        inv.commit(plan)
    assert e.value.code == "duplicate_id"


def test_allocate_releases_the_gil(inv):
    # A big batch in one thread while another counts: the counter must move during the call.
    big = omnistock.Inventory(NETWORK)
    big.apply([{"type": "receive", "id": f"r{i}", "location": "DC1", "sku": f"S{i % 50}", "quantity": 5} for i in range(50)])
    orders = [order(f"SO-{i}", qty=1, sku=f"S{i % 50}") for i in range(3000)]
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=count)
    t.start()
    try:
        before = len(ticks)
        plan = big.allocate(orders, "cheapest", NOW)
        during = len(ticks) - before
    finally:
        stop.set()
        t.join()
    assert len(plan["orders"]) == 3000
    assert during > 0
