"""Replenishment through Python: rows and columns give the same answer, the GIL is released
during a big call, errors carry their code and field."""

import pytest

import omnistock
from conftest import gil_progress

NOW = "2026-11-27T09:00:00Z"


def store_network(stores=1):
    ids = ["DC"] + [f"S{i}" for i in range(stores)]
    return {
        "locations": [{"id": i, "kind": "warehouse" if i == "DC" else "store"} for i in ids],
        "pools": [{"id": "all", "members": [{"location": i} for i in ids]}],
        "lanes": [{"from": "DC", "to": i, "days": 2} for i in ids[1:]],
    }


POLICIES = {"defaults": {"type": "reorder_point", "source": "DC", "forecast": {"method": "ses", "alpha": 0.3}},
            "rules": [{"location": "DC", "supplier": "ACME", "lead_time_days": 5}]}


def test_columns_and_rows_give_the_same_proposals():
    inv = omnistock.Inventory(store_network())
    inv.apply([{"type": "receive", "id": "e1", "location": "DC", "sku": "A", "quantity": 100},
               {"type": "receive", "id": "e2", "location": "S0", "sku": "A", "quantity": 3}])
    dates = [f"2026-11-{d}" for d in range(20, 27)]
    sales = [2, 3, 1, 4, 2, 3, 5]
    rows = [{"location": "S0", "sku": "A", "date": d, "sales": s} for d, s in zip(dates, sales)]
    columns = {"location": ["S0"] * 7, "sku": ["A"] * 7, "date": dates, "sales": sales}
    by_rows = inv.replenish(rows, POLICIES, NOW)
    assert by_rows == inv.replenish(columns, POLICIES, NOW)
    (p,) = by_rows["proposals"]
    assert (p["kind"], p["from"], p["location"]) == ("transfer", "DC", "S0")
    assert p["quantity"] == p["numbers"]["need"] > 0


def test_gil_is_released_during_a_big_replenish():
    inv = omnistock.Inventory(store_network(50))
    skus = [f"SKU{k:04d}" for k in range(400)]
    inv.apply([{"type": "receive", "id": f"r{k}", "location": "DC", "sku": s, "quantity": 1000}
               for k, s in enumerate(skus)])
    n = 50 * 400 * 30
    columns = {
        "location": [f"S{i}" for i in range(50) for _ in range(400 * 30)],
        "sku": [s for _ in range(50) for s in skus for _ in range(30)],
        "date": [f"2026-10-{d:02d}" for _ in range(50 * 400) for d in range(1, 31)],
        "sales": [(k * 7) % 5 for k in range(n)],
    }
    out, control, during = gil_progress(lambda: inv.replenish(columns, POLICIES, NOW))
    assert len(out["proposals"]) == 50 * 400
    assert control == 0
    assert during > 0


@pytest.mark.parametrize(
    "history, policies, code, field",
    [
        ([{"location": "S0", "sku": "A", "date": "2026-11-20", "sales": 1.5}], {}, "invalid_input", "history[0].sales"),
        ({"location": ["S0"], "sku": ["A"], "date": [], "sales": [1]}, {}, "invalid_history", "history.date"),
        ([], {"rules": [{"sku": "A", "moq": 0}]}, "invalid_quantity", "policies.rules[0].moq"),
        ([], {"defaults": {"forecast": {"method": "croston", "alpha": 1.5}}}, "invalid_policy",
         "policies.defaults.forecast.alpha"),
    ],
)
def test_errors_name_their_field(history, policies, code, field):
    inv = omnistock.Inventory(store_network())
    for call in (inv.replenish, inv.alerts):
        with pytest.raises(omnistock.OmnistockError) as e:
            call(history, policies, NOW)
        assert (e.value.code, e.value.context["field"]) == (code, field)


def test_forecast_refuses_floats_and_bad_parameters():
    assert omnistock.forecast([4, 2, 6], {"method": "moving_average", "window": 2})["mean"] == 4.0
    with pytest.raises(omnistock.OmnistockError) as e:
        omnistock.forecast([1.0, 2], {"method": "ses", "alpha": 0.5})
    assert e.value.code == "invalid_input"
    with pytest.raises(omnistock.OmnistockError) as e:
        omnistock.forecast([1, 2], {"method": "ses", "alpha": 0})
    assert (e.value.code, e.value.context["field"]) == ("invalid_policy", "method.alpha")


def _stocked():
    inv = omnistock.Inventory(store_network(2))
    inv.apply([{"type": "receive", "id": "e1", "location": "DC", "sku": "A", "quantity": 100},
               {"type": "receive", "id": "e2", "location": "S0", "sku": "A", "quantity": 3},
               {"type": "receive", "id": "e3", "location": "S1", "sku": "B", "quantity": 1}])
    return inv


DATES = [f"2026-11-{d}" for d in range(20, 27)]
COLUMNS = {
    "location": ["S0"] * 7 + ["S1"] * 7,
    "sku": ["A"] * 7 + ["B"] * 7,
    "date": DATES + DATES,
    "sales": [2, 3, 1, 4, 2, 3, 5] + [0, 1, 0, 0, 2, 0, 1],
    "lost_sales": [0] * 13 + [2],
}


def test_a_history_read_once_gives_the_answers_of_rows_and_columns():
    inv = _stocked()
    rows = [dict(zip(COLUMNS, values)) for values in zip(*COLUMNS.values())]
    h = omnistock.History(COLUMNS)
    assert len(h) == 2 and repr(h) == "History(series=2)"
    assert len(omnistock.History(rows)) == 2
    expected = inv.replenish(rows, POLICIES, NOW)
    assert expected["proposals"]
    assert inv.replenish(h, POLICIES, NOW) == expected == inv.replenish(COLUMNS, POLICIES, NOW)
    assert inv.alerts(h, POLICIES, NOW) == inv.alerts(rows, POLICIES, NOW)
    # the same object serves another inventory too
    assert _stocked().replenish(h, POLICIES, NOW) == expected


def test_columns_the_fast_path_does_not_take_are_read_the_general_way():
    np = pytest.importorskip("numpy")
    inv = _stocked()
    expected = inv.replenish(COLUMNS, POLICIES, NOW)
    # NumPy integers and a tuple: not plain lists of str / int
    odd = dict(COLUMNS, sales=[np.int64(v) for v in COLUMNS["sales"]], sku=tuple(COLUMNS["sku"]))
    assert inv.replenish(odd, POLICIES, NOW) == expected
    assert inv.replenish(dict(COLUMNS, lost_sales=None), POLICIES, NOW) == inv.replenish(
        {k: v for k, v in COLUMNS.items() if k != "lost_sales"}, POLICIES, NOW)


@pytest.mark.parametrize(
    "change, code, field",
    [
        ({"date": DATES + DATES[:6] + ["2026-02-30"]}, "invalid_input", "history.date[13]"),
        ({"sales": [True] + COLUMNS["sales"][1:]}, "invalid_input", "history.sales[0]"),
        ({"sales": [2.0] + COLUMNS["sales"][1:]}, "invalid_input", "history.sales[0]"),
        ({"sales": COLUMNS["sales"][:3] + [-1] + COLUMNS["sales"][4:]}, "invalid_quantity", "history.sales[3]"),
        ({"location": ["S0"] * 14 + ["S1"]}, "invalid_history", "history.sku"),
        ({"location": [None] + ["S0"] * 13}, "invalid_input", "history.location[0]"),
        ({"extra": [1] * 14}, "invalid_input", "history.extra"),
    ],
)
def test_history_errors_name_their_row(change, code, field):
    bad = dict(COLUMNS, **change)
    for call in (lambda: omnistock.History(bad), lambda: _stocked().replenish(bad, POLICIES, NOW)):
        with pytest.raises(omnistock.OmnistockError) as err:
            call()
        assert (err.value.code, err.value.context.get("field")) == (code, field), err.value.message
