"""Wave allocation and backorder processing through the Python API: allocate_wave and
process_backorders give plans that commit, their arguments take the same forms as allocate's,
errors name their field, and the GIL is released during a big wave."""

import json

import pytest

import omnistock
from conftest import gil_progress
from test_sourcing import NETWORK, NOW, order


@pytest.fixture
def inv():
    inv = omnistock.Inventory(NETWORK)
    inv.apply([
        {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 5},
        {"type": "receive", "id": "e2", "location": "S1", "sku": "A", "quantity": 3},
    ])
    return inv


WAVE_KEYS = {"method", "scarcity", "orders", "units", "allocated", "score", "shipments", "split_orders",
             "repaired", "improved", "fallback"}


def test_a_wave_allocates_and_commits(inv):
    # 9 units asked, 8 in stock: the lower-priority order (priority 1) is the one left short.
    orders = [order("SO-1"), order("SO-2", qty=3), order("SO-3", qty=4, priority=1)]
    plan = inv.allocate_wave(orders, "cheapest", NOW)
    wave = plan["wave"]
    assert WAVE_KEYS <= set(wave)
    assert (wave["orders"], wave["units"], wave["allocated"], wave["scarcity"]) == (3, 9, 8, "priority")
    assert isinstance(wave["score"], str) and isinstance(wave["lower_bound"], str)
    assert set(wave["per_order"]) == {"score", "allocated", "shipments", "split_orders"}
    short = {o["order"]["id"]: o["unallocated"] for o in plan["orders"]}
    assert short["SO-3"] == [{"line": "1", "sku": "A", "quantity": 1, "reason": "scarcity"}]
    assert inv.atp("A", "online") == 8, "allocate_wave changes nothing"
    # The same wave from JSON text, and with `now` as a string: the same plan.
    assert inv.allocate_wave(json.dumps(orders), "cheapest", "2026-11-27T09:00:00Z") == plan
    done = inv.commit(plan)
    assert done["orders"] == ["SO-1", "SO-2", "SO-3"]
    assert inv.atp("A", "online") == 0
    assert [o["order"]["id"] for o in inv.open_orders()] == ["SO-1", "SO-2", "SO-3"]


def test_rules_take_scarcity_and_allow_later(inv):
    rules = {"name": "w", "preset": "cheapest", "scarcity": "fair_share", "allow_later": True}
    plan = inv.allocate_wave([order("SO-1")], rules, NOW)
    assert plan["wave"]["scarcity"] == "fair_share"
    assert plan["rules"]["scarcity"] == "fair_share" and plan["rules"]["allow_later"] is True
    inv.commit(plan)


def test_backorders_are_filled_when_supply_lands(inv):
    inv.commit(inv.allocate_wave([order("SO-1", qty=4), order("SO-2", qty=6, priority=1)], "cheapest", NOW))
    held = {o["order"]["id"]: sum(l["quantity"] for s in o["shipments"] for l in s["lines"]) for o in inv.open_orders()}
    assert held == {"SO-1": 4, "SO-2": 4}
    inv.apply([{"type": "receive", "id": "e3", "location": "DC1", "sku": "A", "quantity": 2}])
    before = inv.snapshot()
    backlog = [{"order": "SO-2", "category": "win"}, {"order": "SO-1", "category": "fill"},
               {"new": order("SO-3", qty=1)}]
    plan = inv.process_backorders(backlog, "cheapest", NOW)
    assert inv.snapshot() == before, "process_backorders changes nothing"
    assert plan == inv.process_backorders(json.dumps(backlog), "cheapest", "2026-11-27T09:00:00Z")
    assert plan == inv.process_backorders(iter(backlog), "cheapest", NOW)
    by_id = {o["order"]["id"]: o for o in plan["orders"]}
    assert by_id["SO-2"]["status"] == "allocated" and by_id["SO-2"]["replaces"]["generation"] == 1
    assert by_id["SO-3"]["status"] == "unallocated", "win is served before new orders (gain)"
    assert WAVE_KEYS <= set(plan["wave"])
    inv.commit(plan)
    held = {o["order"]["id"]: sum(l["quantity"] for s in o["shipments"] for l in s["lines"]) for o in inv.open_orders()}
    assert held == {"SO-1": 4, "SO-2": 6}


@pytest.mark.parametrize(
    "call, code, field",
    [
        (lambda inv: inv.allocate_wave([order("SO-1", channel="nope")], "cheapest", NOW), "unknown_channel",
         "orders[0].channel"),
        (lambda inv: inv.allocate_wave([order("SO-1"), order("SO-1")], "cheapest", NOW), "duplicate_id", "orders[1].id"),
        (lambda inv: inv.allocate_wave([order("SO-1", qty=1.5)], "cheapest", NOW), "invalid_input",
         "orders[0].lines[0].quantity"),
        (lambda inv: inv.allocate_wave({"id": "SO-1"}, "cheapest", NOW), "invalid_input", "orders"),
        (lambda inv: inv.allocate_wave([order("SO-1")], {"name": "w", "scarcity": "random"}, NOW), "invalid_input",
         "rules.scarcity"),
        (lambda inv: inv.process_backorders([{"order": "SO-9"}], "cheapest", NOW), "unknown_order", "backlog[0].order"),
        (lambda inv: inv.process_backorders([{"order": "SO-1", "new": order("SO-1")}], "cheapest", NOW),
         "invalid_input", "backlog[0]"),
        (lambda inv: inv.process_backorders([{"order": "SO-1", "category": "keep"}], "cheapest", NOW),
         "invalid_input", "backlog[0].category"),
        (lambda inv: inv.process_backorders({"order": "SO-1"}, "cheapest", NOW), "invalid_input", "backlog"),
        (lambda inv: inv.process_backorders("[1,", "cheapest", NOW), "invalid_input", "backlog"),
        (lambda inv: inv.process_backorders([{"new": order("SO-1", qty=0)}], "cheapest", NOW), "invalid_quantity",
         None),
        (lambda inv: inv.process_backorders([], {"name": "w", "allow_later": "yes"}, NOW), "invalid_input",
         "rules.allow_later"),
        (lambda inv: inv.process_backorders([], "cheapest", "tomorrow"), "invalid_input", "now"),
    ],
)
def test_errors_carry_code_and_field(inv, call, code, field):
    before = inv.snapshot()
    with pytest.raises(omnistock.OmnistockError) as e:
        call(inv)
    assert e.value.code == code, e.value.message
    if field is not None:
        assert e.value.context.get("field") == field, e.value.message
    assert inv.snapshot() == before


def wide_network(locations):
    """`locations` warehouses in one zone, each with its own handling and shipping rates."""
    locs = [
        {"id": f"L{i:02d}", "kind": "warehouse", "capabilities": ["ship"], "zone": "A", "priority": i,
         "handling": {"per_order": "1.00", "per_unit": f"0.{i % 10}0"},
         "shipping": {"standard": {"zones": {"A": {"base": f"{3 + i % 7}.00", "per_unit": "0.20"}}}}}
        for i in range(locations)
    ]
    return {
        "locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "online"}],
        "pools": [{"id": "online", "members": [{"location": loc["id"]} for loc in locs]}],
        "services": [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}],
    }


def test_gil_is_released_during_a_big_wave():
    # 1,000 orders over 50 locations and 50 SKUs (about 2 s in release mode: the core also
    # compares the wave with the per-order allocation below 2,000 orders).
    network = wide_network(50)
    inv = omnistock.Inventory(network)
    inv.apply([{"type": "receive", "id": f"r{loc['id']}-{k}", "location": loc["id"], "sku": f"S{k}", "quantity": 40}
               for loc in network["locations"] for k in range(50)])
    orders = [{"id": f"SO-{j}", "channel": "web", "service": "standard", "destination": {"zone": "A"},
               "lines": [{"id": "1", "sku": f"S{j % 50}", "quantity": 1 + j % 2}]} for j in range(1000)]
    plan, control, during = gil_progress(lambda: inv.allocate_wave(orders, "cheapest", NOW))
    assert plan["wave"]["orders"] == 1000 and plan["wave"]["allocated"] == plan["wave"]["units"]
    assert control == 0
    assert during > 0
