"""Every golden vector of testdata/golden, through the Python API, must give the expected
output (the same runner semantics as core/tests/golden.rs)."""

import json

import pytest

import omnistock
from conftest import golden_files, load


def err(e):
    return {"error": {"code": e.code}}


def strip_outcome_errors(outcomes):
    for o in outcomes:
        if "error" in o:
            o["error"] = {"code": o["error"]["code"]}
    return outcomes


def run(vector):
    inp = vector["input"]
    try:
        inv = omnistock.Inventory(inp["network"])
    except omnistock.OmnistockError as e:
        return None, {"code": e.code}
    out = []
    for step in inp.get("steps", []):
        op = step["op"]
        try:
            if op == "apply":
                v = strip_outcome_errors(inv.apply(step["events"]))
            elif op == "atp":
                v = inv.atp(step["sku"], step["pool"])
            elif op == "atp_many":
                v = inv.atp_many(step["skus"], step["pool"])
            elif op == "atp_by_location":
                v = inv.atp_by_location(step["sku"], step["pool"])
            elif op == "position":
                v = inv.position(step["location"], step["sku"])
            elif op == "restore":
                inv = omnistock.Inventory.restore(step["data"].encode())
                v = None
            elif op == "restore_snapshot":
                data = inv.snapshot()
                inv = omnistock.Inventory.restore(data)
                assert inv.snapshot() == data
                v = None
            else:
                raise AssertionError(f"unknown op {op}")
        except omnistock.OmnistockError as e:
            v = err(e)
        out.append(v)
    return out, None


def canonical(v):
    return json.dumps(v, sort_keys=True)


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_vector(path):
    vector = load(path)
    if "python" in vector.get("skip", {}):
        pytest.skip(vector["skip"]["python"])
    got, error = run(vector)
    if "error" in vector:
        assert error == vector["error"]
    else:
        assert error is None, f"network refused: {error}"
        assert canonical(got) == canonical(vector["expected"])


def test_there_are_at_least_30_vectors():
    assert len(golden_files()) >= 30
