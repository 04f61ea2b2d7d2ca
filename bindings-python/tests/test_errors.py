"""Error mapping: the code list, the exception class, and the conversion errors this binding
adds (Python values that have no exact JSON form)."""

import decimal
import json

import pytest

import omnistock
from conftest import TESTDATA


def receive(quantity, id="e1"):
    return {"type": "receive", "id": id, "location": "DC1", "sku": "A", "quantity": quantity}


def test_error_codes_match_the_shared_list():
    listed = json.loads((TESTDATA / "error_codes.json").read_text())["codes"]
    assert omnistock.ERROR_CODES == listed


def test_exception_is_a_value_error_with_code_message_context(small_network):
    assert issubclass(omnistock.OmnistockError, ValueError)
    inv = omnistock.Inventory(small_network)
    with pytest.raises(ValueError) as info:
        inv.atp("A", "nope")
    e = info.value
    assert isinstance(e, omnistock.OmnistockError)
    assert e.code == "unknown_pool"
    assert e.code in omnistock.ERROR_CODES
    assert e.message == "unknown pool `nope`"
    assert e.context == {"pool": "nope"}
    assert str(e) == e.message


def test_every_raising_method_maps_its_code(small_network):
    inv = omnistock.Inventory(small_network)
    cases = [
        (lambda: inv.atp("A", "nope"), "unknown_pool"),
        (lambda: inv.atp_many(["A"], "nope"), "unknown_pool"),
        (lambda: inv.atp_by_location("A", "nope"), "unknown_pool"),
        (lambda: inv.position("NOPE", "A"), "unknown_location"),
        (lambda: omnistock.Inventory.restore(b"\x00\x01"), "invalid_snapshot"),
        (lambda: omnistock.Inventory.restore(b'{"format": "omnistock-snapshot", "version": 99}'), "invalid_snapshot"),
    ]
    for call, code in cases:
        with pytest.raises(omnistock.OmnistockError) as info:
            call()
        assert info.value.code == code


@pytest.mark.parametrize(
    "quantity",
    [1.0, 2.5, True, False, "3", None, [1], {"n": 1}],
    ids=["float", "fraction", "true", "false", "string", "none", "list", "dict"],
)
def test_wrong_python_types_for_a_quantity_are_rejected_per_event(small_network, quantity):
    inv = omnistock.Inventory(small_network)
    out = inv.apply([receive(quantity), receive(2, id="e2")])
    assert out[0]["status"] == "rejected"
    assert out[0]["id"] == "e1"
    assert out[0]["error"]["code"] == "invalid_input"
    assert out[1]["status"] == "applied"
    assert inv.atp("A", "web") == 2


@pytest.mark.parametrize(
    "quantity",
    [2**63, 2**70, -(2**63) - 1, float("nan"), float("inf"), decimal.Decimal("1"), object(), {1, 2}, b"1"],
    ids=["2**63", "2**70", "below-i64", "nan", "inf", "decimal", "object", "set", "bytes"],
)
def test_values_with_no_exact_form_are_rejected_per_event_keeping_the_id(small_network, quantity):
    inv = omnistock.Inventory(small_network)
    out = inv.apply([receive(quantity), receive(2, id="e2")])
    assert out[0] == {"id": "e1", "status": "rejected", "error": out[0]["error"]}
    assert out[0]["error"]["code"] == "invalid_input"
    assert out[1]["status"] == "applied"
    assert inv.atp("A", "web") == 2


def test_unreadable_event_without_a_string_id_has_no_id(small_network):
    inv = omnistock.Inventory(small_network)
    [a, b, c] = inv.apply([{"id": 7, "quantity": float("nan")}, 42, {"type": "receive", 1: 2}])
    assert a["id"] is None and b["id"] is None and c["id"] is None
    assert {a["error"]["code"], b["error"]["code"], c["error"]["code"]} == {"invalid_input"}


def test_int64_bounds_cross_exactly(small_network):
    inv = omnistock.Inventory(small_network)
    big = 2**63 - 1
    out = inv.apply([receive(big)])
    assert out[0]["status"] == "applied"
    assert inv.atp("A", "web") == big
    [o] = inv.apply([receive(1, id="e2")])
    assert o["error"]["code"] == "quantity_overflow"


def test_integer_like_objects_cross_as_integers(small_network):
    class Index:  # what NumPy integers look like: not an int, but with __index__
        def __init__(self, v):
            self.v = v

        def __index__(self):
            return self.v

    inv = omnistock.Inventory(small_network)
    out = inv.apply([receive(Index(3)), receive(Index(2**64), id="e2")])
    assert out[0]["status"] == "applied"
    assert out[1]["error"]["code"] == "invalid_input"
    assert inv.atp("A", "web") == 3


def test_strings_that_are_not_unicode_are_invalid_input(small_network):
    inv = omnistock.Inventory(small_network)
    [o] = inv.apply([{"type": "receive", "id": "e1", "location": "DC1", "sku": "\ud800", "quantity": 1}])
    assert o["error"]["code"] == "invalid_input"
    with pytest.raises(omnistock.OmnistockError) as info:
        inv.apply('[{"id": "\ud800"}]')
    assert info.value.code == "invalid_input"


def test_nesting_is_bounded(small_network):
    deep = []
    for _ in range(100_000):
        deep = [deep]
    inv = omnistock.Inventory(small_network)
    [o] = inv.apply([{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 1, "x": deep}])
    assert o["error"]["code"] == "invalid_input"
    small_network["extra"] = deep
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_input"


def test_network_errors_raise(small_network):
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory('{"locations": [')
    assert info.value.code == "invalid_input"
    assert "line" in info.value.context
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory("[1, 2]")
    assert info.value.code == "invalid_input"
    small_network["pools"][0]["members"].append({"location": "S9"})
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "unknown_location"
    assert info.value.context["location"] == "S9"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda n: n.__setitem__(1, "x"),
        lambda n: n["pools"][0]["members"][1].__setitem__("buffer", 2**70),
        lambda n: n["pools"][0]["members"][1].__setitem__("buffer", 1.0),
        lambda n: n["pools"][0]["members"][1].__setitem__("buffer", True),
        lambda n: n["pools"][1].__setitem__("max_share_pct", float("nan")),
        lambda n: n["pools"][1].__setitem__("max_share_pct", True),
        lambda n: n.__setitem__("locations", {"DC1"}),
    ],
    ids=["int-key", "huge-int", "float-buffer", "bool-buffer", "nan-share", "bool-share", "set"],
)
def test_network_values_with_no_exact_form_raise_invalid_input(small_network, mutate):
    mutate(small_network)
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_input"


def test_a_bad_decimal_share_is_refused_by_the_core(small_network):
    small_network["pools"][1]["max_share_pct"] = decimal.Decimal("33.333")
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_network"
    small_network["pools"][1]["max_share_pct"] = decimal.Decimal("NaN")
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_input"


@pytest.mark.parametrize("events", ['{"type": "receive"}', "[1, 2", {"type": "receive"}, b"[]", 42, None])
def test_events_must_be_a_list_or_a_json_array(small_network, events):
    inv = omnistock.Inventory(small_network)
    with pytest.raises(omnistock.OmnistockError) as info:
        inv.apply(events)
    assert info.value.code == "invalid_input"
