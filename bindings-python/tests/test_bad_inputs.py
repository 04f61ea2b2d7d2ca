"""The bad-input matrix of testdata/bad_inputs/cases.json through the Python API (Rust and Node
run the same file): each case gets its code, names its field when the case says so, and leaves
the state byte-identical."""

import json

import pytest

import omnistock
from conftest import TESTDATA

NOW = "2026-11-27T09:00:00Z"  # `now` of the sourcing queries
DOC = json.loads((TESTDATA / "bad_inputs" / "cases.json").read_text())


def base():
    inv = omnistock.Inventory(DOC["network"])
    assert all(o["status"] == "applied" for o in inv.apply(DOC["setup"]))
    return inv


def test_matrix_has_at_least_50_cases():
    assert len(DOC["cases"]) >= 50


def run(inv, case):
    """The error (code, message, context) the case produces, or None if it was accepted."""
    if "network" in case:
        try:
            omnistock.Inventory(case["network"])
        except omnistock.OmnistockError as e:
            return e.code, e.message, e.context
        return None
    if "event" in case:
        [out] = inv.apply([case["event"]])
        if out["status"] != "rejected":
            return None
        err = out["error"]
        return err["code"], err["message"], err.get("context", {})
    q = case["query"]
    try:
        op = q["op"]
        if op == "atp":
            inv.atp(q["sku"], q["pool"])
        elif op == "atp_many":
            inv.atp_many(q["skus"], q["pool"])
        elif op == "atp_by_location":
            inv.atp_by_location(q["sku"], q["pool"])
        elif op == "position":
            inv.position(q["location"], q["sku"])
        elif op == "apply_text":
            inv.apply(q["text"])
        elif op == "restore":
            omnistock.Inventory.restore(q["text"].encode())
        elif op == "allocate":
            inv.allocate(q["orders"], q["rules"], NOW)
        elif op == "allocate_wave":
            inv.allocate_wave(q["orders"], q["rules"], NOW)
        elif op == "process_backorders":
            inv.process_backorders(q["backlog"], q["rules"], NOW)
        elif op == "commit":
            inv.commit(q["plan"])
        elif op == "reallocate":
            inv.reallocate(q["order"], q["event"], NOW)
        elif op == "release_order":
            inv.release_order(q["order"])
        elif op == "replenish":
            inv.replenish(q["history"], q["policies"], NOW)
        elif op == "alerts":
            inv.alerts(q["history"], q["policies"], NOW)
        elif op == "forecast":
            omnistock.forecast(q["demand"], q["method"])
        elif op == "kpis":
            omnistock.kpis(q["outcomes"], q.get("baseline"))
        elif op == "simulate":
            omnistock.simulate(q["scenario"], q.get("rule_sets"), outcomes=False)
        elif op == "generate":
            omnistock.generate(**q["options"])
        else:
            raise AssertionError(f"unknown op {op}")
    except omnistock.OmnistockError as e:
        return e.code, e.message, e.context
    return None


@pytest.mark.parametrize("case", DOC["cases"], ids=lambda c: c["name"])
def test_bad_input(case):
    if "python" in case.get("skip", {}):
        pytest.skip(case["skip"]["python"])
    inv = base()
    before = inv.snapshot()
    got = run(inv, case)
    assert got is not None, "accepted"
    code, message, context = got
    assert code == case["code"], message
    assert message
    if "field" in case:
        assert context.get("field") == case["field"], (message, context)
        assert case["field"] in message
    assert inv.snapshot() == before
