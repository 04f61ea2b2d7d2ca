"""Error mapping: the code list, the exception class, and the conversions this binding adds."""

import decimal
import json

import pytest

import omnistock
from conftest import TESTDATA


def test_error_codes_match_the_shared_list():
    listed = json.loads((TESTDATA / "error_codes.json").read_text())["codes"]
    assert omnistock.ERROR_CODES == listed


def test_exception_is_a_value_error_with_code_message_context(small_network):
    inv = omnistock.Inventory(small_network)
    with pytest.raises(ValueError) as info:
        inv.atp("A", "nope")
    e = info.value
    assert isinstance(e, omnistock.OmnistockError)
    assert e.code == "unknown_pool"
    assert e.message == "unknown pool `nope`"
    assert e.context == {"pool": "nope"}
    assert str(e) == e.message


@pytest.mark.parametrize(
    "quantity",
    [1.0, 2.5, True, "3", None, [1]],
    ids=["float", "fraction", "bool", "string", "none", "list"],
)
def test_wrong_python_types_for_a_quantity_are_rejected(small_network, quantity):
    inv = omnistock.Inventory(small_network)
    [o] = inv.apply([{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": quantity}])
    assert o["status"] == "rejected"
    assert o["error"]["code"] == "invalid_input"
    assert inv.atp("A", "web") == 0


def test_huge_int_and_nan_are_rejected_per_event(small_network):
    inv = omnistock.Inventory(small_network)
    out = inv.apply(
        [
            {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 2**70},
            {"type": "receive", "id": "e2", "location": "DC1", "sku": "A", "quantity": float("nan")},
            {"type": "receive", "id": "e3", "location": "DC1", "sku": "A", "quantity": 2},
        ]
    )
    assert [o["status"] for o in out] == ["rejected", "rejected", "applied"]
    assert [o.get("error", {}).get("code") for o in out] == ["invalid_input", "invalid_input", None]
    assert inv.atp("A", "web") == 2


def test_int64_bounds_cross_exactly(small_network):
    inv = omnistock.Inventory(small_network)
    big = 2**63 - 1
    out = inv.apply([{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": big}])
    assert out[0]["status"] == "applied"
    assert inv.atp("A", "web") == big
    [o] = inv.apply([{"type": "receive", "id": "e2", "location": "DC1", "sku": "A", "quantity": 1}])
    assert o["error"]["code"] == "quantity_overflow"


def test_network_errors_raise(small_network):
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory('{"locations": [')
    assert info.value.code == "invalid_input"
    small_network["pools"][0]["members"].append({"location": "S9"})
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "unknown_location"
    assert info.value.context["location"] == "S9"


def test_network_dict_keys_must_be_strings(small_network):
    small_network[1] = "x"
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_input"


def test_decimal_share_is_exact_and_a_bad_one_is_refused(small_network):
    small_network["pools"][1]["max_share_pct"] = decimal.Decimal("33.33")
    inv = omnistock.Inventory(small_network)
    inv.apply([{"type": "receive", "id": "e1", "location": "S1", "sku": "A", "quantity": 100}])
    assert inv.atp("A", "cc") == 33
    small_network["pools"][1]["max_share_pct"] = decimal.Decimal("33.333")
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory(small_network)
    assert info.value.code == "invalid_network"


def test_events_must_be_a_list_or_json_array(small_network):
    inv = omnistock.Inventory(small_network)
    with pytest.raises(omnistock.OmnistockError) as info:
        inv.apply('{"type": "receive"}')
    assert info.value.code == "invalid_input"
    with pytest.raises(omnistock.OmnistockError):
        inv.apply(42)


def test_restore_garbage(small_network):
    with pytest.raises(omnistock.OmnistockError) as info:
        omnistock.Inventory.restore(b"\x00\x01")
    assert info.value.code == "invalid_snapshot"
