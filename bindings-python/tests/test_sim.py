"""KPIs and simulation through the Python API (omnistock.kpis, simulate, generate,
comparison_table): what the binding adds to the core, i.e. conversions both ways (dicts, JSON
text, floats with the core's exact bits), the built-in rule sets as the default,
``outcomes=False``, error codes and fields, and the GIL released during a big simulation."""

import copy
import datetime
import inspect
import json

import pytest

import omnistock
from conftest import gil_progress


def outcome(order, rule_set, **fields):
    base = {
        "order": order, "channel": "web", "rule_set": rule_set, "placed": "2026-11-02T09:00:00Z",
        "promised": "2026-11-04",
        "lines": [{"line": "1", "sku": "A", "ordered": 2, "delivered": 2}],
        "shipments": [{"location": "DC", "kind": "warehouse", "units": 2, "shipped": "2026-11-02T15:00:00Z",
                       "delivered": "2026-11-03", "logistics_cost": "5.00"}],
        "revenue": "40", "cost_of_goods": "16", "logistics_cost": "5.00",
    }
    base.update(fields)
    return base


# SO-1 under rule sets a (from the DC, on time) and b (from a store, a day late, 1.50 cheaper);
# SO-2 (a) a pickup ready 6 hours after it was placed, 2 of its 3 units (1 out of stock).
OUTCOMES = [
    outcome("SO-1", "a"),
    outcome("SO-1", "b", shipments=[{"location": "S1", "kind": "store", "units": 2, "shipped": "2026-11-03T15:00:00Z",
                                     "delivered": "2026-11-05", "logistics_cost": "3.50"}], logistics_cost="3.50"),
    outcome("SO-2", "a", channel="click_and_collect", placed="2026-11-02T10:00:00Z", pickup=True,
            ready="2026-11-02T16:00:00Z", promised="2026-11-03",
            lines=[{"line": "1", "sku": "B", "ordered": 3, "delivered": 2, "cancelled": 1}],
            shipments=[{"location": "S1", "kind": "store", "units": 2, "shipped": "2026-11-02T16:00:00Z",
                        "delivered": "2026-11-02"}],
            cancellations=[{"at": "2026-11-02T11:00:00Z", "reason": "out_of_stock", "units": 1}],
            revenue="20", cost_of_goods="8", logistics_cost="0"),
]


def test_kpis_of_a_hand_made_list():
    k = omnistock.kpis(OUTCOMES, baseline="a")
    o = k["overall"]
    assert (o["orders"], o["closed"], o["open"], o["lines"], o["units"]) == (3, 3, 0, 3, 7)
    # 6 of the 7 units demanded were delivered: the very float Rust computes (6.0 / 7.0).
    assert o["fill_rate"]["units"] == 6 / 7
    assert o["otif"] == 1 / 3, "only SO-1 under a is filled and on time"
    assert o["cancellation_rate"] == 1 / 3 and o["cancellations"] == {"out_of_stock": 1}
    assert o["click_collect_hours"] == {"orders": 1, "median": 6.0, "p90": 6.0}
    assert o["ship_from_store"] == 0.5, "pickups are left out: 2 units of 4 shipped from a store"
    assert (o["revenue"], o["logistics_cost"], o["margin"]) == ("100", "8.50", "51.50")
    assert o["margin_pct"] == 0.515
    assert "avoided_logistics_cost" not in o
    assert k["baseline"] == "a"
    assert set(k["by_channel"]) == {"web", "click_and_collect"}, "channel ids are data: never renamed"
    assert k["by_rule_set"]["b"]["avoided_logistics_cost"] == "1.50"
    assert k["by_rule_set"]["a"]["avoided_logistics_cost"] == "0"
    assert list(k["by_day"]) == ["2026-11-02"]
    # Without a baseline: no avoided cost; JSON text and any iterable give the same answer.
    plain = omnistock.kpis(OUTCOMES)
    assert "baseline" not in plain and "avoided_logistics_cost" not in plain["by_rule_set"]["b"]
    assert omnistock.kpis(json.dumps(OUTCOMES)) == plain
    assert omnistock.kpis(iter(OUTCOMES)) == plain
    assert omnistock.kpis([]) == omnistock.kpis("[]")


@pytest.fixture(scope="module")
def tiny():
    return omnistock.generate(size="tiny")


@pytest.fixture(scope="module")
def tiny_sim(tiny):
    return omnistock.simulate(tiny)


def test_generate_is_seeded_and_takes_its_options():
    tiny = omnistock.generate(size="tiny")
    assert tiny == omnistock.generate(size="tiny", seed=7), "seed 7 is the core's default"
    assert tiny != omnistock.generate(size="tiny", seed=8)
    assert omnistock.generate(**{"size": "tiny", "seed": 3}) == omnistock.generate(size="tiny", seed=3)
    other = omnistock.generate(size="tiny", stores=2, skus=10, days=2, orders_per_day=5, start="2026-12-01")
    assert (other["days"], other["start"]) == (2, "2026-12-01T00:00:00Z")
    assert len(other["network"]["locations"]) == 2 + 2
    # Plain dicts and lists, exactly JSON (the `[min, max]` ranges are lists, not tuples).
    assert json.loads(json.dumps(tiny)) == tiny


def test_simulate_runs_the_built_in_rule_sets(tiny, tiny_sim):
    sim = tiny_sim
    assert [r["name"] for r in sim["runs"]] == ["priority", "closest", "balanced"]
    assert [r["allocation"] for r in sim["runs"]] == ["order", "order", "wave"]
    orders = sim["scenario"]["orders"]
    assert orders > 0
    for run in sim["runs"]:
        assert run["kpis"]["overall"]["orders"] == orders
        assert len(run["outcomes"]) == orders
        assert run["kpis"]["baseline"] == "priority"
    assert sim["comparison"]["names"] == ["priority", "closest", "balanced"]
    # Deterministic: the same input twice gives the same dict; JSON text gives it too.
    assert omnistock.simulate(tiny) == sim
    assert omnistock.simulate(json.dumps(tiny)) == sim
    # `None` is the core's built-in rule sets, spelled out.
    explicit = ["priority", "closest", {"rules": "balanced", "allocation": "wave", "wave_minutes": 60}]
    assert omnistock.simulate(tiny, explicit) == sim
    assert omnistock.simulate(tiny, None) == sim
    # Plain dicts and lists, with the core's floats.
    assert json.loads(json.dumps(sim)) == sim


def test_simulate_takes_rule_sets(tiny):
    sim = omnistock.simulate(tiny, ["closest", {"rules": {"name": "cheap-waves", "preset": "cheapest"},
                                                "allocation": "wave", "wave_minutes": 30}])
    assert [r["name"] for r in sim["runs"]] == ["closest", "cheap-waves"]
    assert sim["runs"][1]["rules"]["preset"] == "cheapest"
    assert sim["comparison"]["baseline"] == "closest"
    assert omnistock.simulate(tiny, ("closest",))["runs"][0] == omnistock.simulate(tiny, ["closest"])["runs"][0]


def test_outcomes_false_empties_the_lists_and_keeps_the_kpis(tiny, tiny_sim):
    lean = omnistock.simulate(tiny, outcomes=False)
    assert all(r["outcomes"] == [] for r in lean["runs"])
    full = copy.deepcopy(tiny_sim)
    for r in full["runs"]:
        r["outcomes"] = []
    assert lean == full


# The example of the core's `Comparison::table` doctest, and the text it asserts.
RUST_EXAMPLE = {
    "baseline": "a", "names": ["a", "b"],
    "rows": [{"metric": "otif", "values": [0.5, 0.625], "deltas": [0.0, 0.125]},
             {"metric": "margin", "values": [10.0, None], "deltas": [0.0, None]}],
}
RUST_TEXT = "KPI           a        b\notif      50.0%    62.5%\nmargin    10.00        -\n"


def test_comparison_table_is_the_text_rust_makes(tiny_sim):
    assert omnistock.comparison_table(RUST_EXAMPLE) == RUST_TEXT
    assert omnistock.comparison_table(json.dumps(RUST_EXAMPLE)) == RUST_TEXT
    comparison = tiny_sim["comparison"]
    text = omnistock.comparison_table(comparison)
    lines = text.splitlines()
    assert text.startswith("KPI") and text.endswith("\n")
    assert len(lines) == len(comparison["rows"]) + 1
    assert lines[0].split() == ["KPI", "priority", "closest", "balanced"]
    assert [line.split()[0] for line in lines[1:]] == [r["metric"] for r in comparison["rows"]]


def scenario_with(tiny, **changes):
    s = copy.deepcopy(tiny)
    s.update(changes)
    return s


def first_order_twice(tiny):
    s = copy.deepcopy(tiny)
    i = next(i for i, item in enumerate(s["stream"]) if item["type"] == "order")
    s["stream"].insert(i + 1, copy.deepcopy(s["stream"][i]))
    return s, i + 1


def bad_outcome(**line):
    return [outcome("SO-1", "a", lines=[{"line": "1", "sku": "A", "ordered": 2, **line}])]


@pytest.mark.parametrize(
    "call, code, field",
    [
        (lambda t: omnistock.kpis(bad_outcome(ordered=0)), "invalid_quantity", "[0].lines[0].ordered"),
        (lambda t: omnistock.kpis(bad_outcome(delivered=2, cancelled=1)), "invalid_quantity", "[0].lines[0].cancelled"),
        (lambda t: omnistock.kpis([outcome("SO-1", "a", lines=[{"line": "1", "sku": "A", "ordered": 1.5}])]),
         "invalid_input", "[0].lines[0].ordered"),
        (lambda t: omnistock.kpis([outcome("SO-1", "a", placed=datetime.datetime(2026, 11, 2))]), "invalid_input",
         "[0]"),
        (lambda t: omnistock.kpis([outcome("SO-1", "a"), outcome("SO-1", "a")]), "duplicate_id", "[1].order"),
        (lambda t: omnistock.kpis(OUTCOMES, baseline="z"), "invalid_input", "baseline"),
        (lambda t: omnistock.kpis({"order": "SO-1"}), "invalid_input", "outcomes"),
        (lambda t: omnistock.kpis("[1,"), "invalid_input", "outcomes"),
        # (The core names the preset under `rules` twice: its `RuleSet::from_value` error, placed
        # within the sim rule set's `rules`.)
        (lambda t: omnistock.simulate(t, ["fastest"]), "invalid_input", "rule_sets[0].rules"),
        (lambda t: omnistock.simulate(t, ["closest", "closest"]), "duplicate_id", "rule_sets[1].name"),
        (lambda t: omnistock.simulate(t, []), "invalid_input", "rule_sets"),
        (lambda t: omnistock.simulate(t, "closest"), "invalid_input", "rule_sets"),
        (lambda t: omnistock.simulate(scenario_with(t, days=0)), "invalid_input", "scenario.days"),
        (lambda t: omnistock.simulate(scenario_with(t, colour="red")), "invalid_input", "scenario.colour"),
        (lambda t: omnistock.simulate(first_order_twice(t)[0]), "duplicate_id",
         lambda t: f"scenario.stream[{first_order_twice(t)[1]}].order.id"),
        (lambda t: omnistock.simulate("{"), "invalid_input", "scenario"),
        (lambda t: omnistock.generate(size="huge"), "invalid_input", "size"),
        (lambda t: omnistock.generate(stores=0), "invalid_input", "stores"),
        (lambda t: omnistock.generate(colour="red"), "invalid_input", "colour"),
        (lambda t: omnistock.generate(start=datetime.date(2026, 11, 1)), "invalid_input", "start"),
        (lambda t: omnistock.comparison_table({"names": []}), "invalid_input", "comparison"),
    ],
)
def test_errors_carry_code_and_field(tiny, call, code, field):
    if callable(field):
        field = field(tiny)
    with pytest.raises(omnistock.OmnistockError) as e:
        call(tiny)
    assert e.value.code == code, e.value.message
    assert e.value.context.get("field") == field, e.value.message
    assert e.value.message.startswith(f"{field}: "), e.value.message


def test_gil_is_released_during_a_big_simulation():
    # The small retailer (10 stores, 300 SKUs, 7 days of 250 orders) under the three built-in
    # rule sets: about half a second in release mode.
    scenario = omnistock.generate(size="small")
    sim, control, during = gil_progress(lambda: omnistock.simulate(scenario, outcomes=False))
    assert [r["name"] for r in sim["runs"]] == ["priority", "closest", "balanced"]
    assert control == 0
    assert during > 0


def test_every_function_has_a_docstring_with_an_example():
    for f in (omnistock.kpis, omnistock.simulate, omnistock.generate, omnistock.comparison_table):
        doc = inspect.getdoc(f)
        assert doc and "Example::" in doc and "OmnistockError" in doc, f.__name__
    assert str(inspect.signature(omnistock.simulate)) == "(scenario, rule_sets=None, *, outcomes=True)"
    assert str(inspect.signature(omnistock.generate)) == "(**options)"
