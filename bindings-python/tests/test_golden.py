"""Every golden vector of testdata/golden, through the Python API, must give the expected
output: the runner semantics of core/tests/golden.rs, step for step.

Each vector runs twice, once with dicts and lists and once with JSON strings (network and
events), and both runs must match the expectation. The time-phased steps take ``now`` as an
aware ``datetime.datetime`` in the first run and as the vector's RFC 3339 string in the
second, so every vector also checks that both forms give the same answer. A vector with a
``published.optimum`` (textbook transportation problems) also checks that its wave's score is
that optimum, as a decimal.

The module functions are steps too (the vector's inventory is left alone): ``kpis {outcomes,
baseline?}``, ``generate {options}`` (``generate(**options)``) and ``simulate {scenario | step,
rule_sets?}`` (the given scenario, or the output of step ``step``; ``rule_sets`` missing or
null: the built-in ones, ``rule_sets=None``); in the JSON run, outcomes and scenarios go in as
JSON text. Outputs are compared as canonical JSON text, where a float is written as the
shortest text that reads back to it (``repr``): equal text is equal bits, so KPI ratios must
be the very floats Rust computed."""

import datetime
import decimal
import json

import pytest

import omnistock
from conftest import golden_files, load


class VectorError(Exception):
    """The whole vector fails (the Rust runner's `?`): compared with the vector's `error`."""

    def __init__(self, code):
        self.code = code


def err(e):
    return {"error": {"code": e.code}}


def strip_outcome_errors(outcomes):
    for o in outcomes:
        if isinstance(o.get("error"), dict) and "code" in o["error"]:
            o["error"] = {"code": o["error"]["code"]}
    return outcomes


def aware(text):
    """The vector's RFC 3339 `now` as an aware datetime (`fromisoformat` takes "Z" only from 3.11)."""
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    assert value.utcoffset() is not None, text
    return value


def run_steps(network, steps, as_json):
    try:
        inv = omnistock.Inventory(json.dumps(network) if as_json else network)
    except omnistock.OmnistockError as e:
        raise VectorError(e.code) from e
    out = []
    last_plan = None
    for step in steps:

        def s(key):
            v = step.get(key)
            return v if isinstance(v, str) else ""

        op = step["op"]
        if op == "restore_snapshot":
            data = inv.snapshot()
            try:
                inv = omnistock.Inventory.restore(data)
            except omnistock.OmnistockError as e:
                raise VectorError(e.code) from e
            assert inv.snapshot() == data, "snapshot -> restore -> snapshot must be identical"
            out.append(None)
            continue
        try:
            if op == "apply":
                events = step["events"]
                v = strip_outcome_errors(inv.apply(json.dumps(events) if as_json else events))
            elif op == "atp":
                v = inv.atp(s("sku"), s("pool"))
            elif op == "atp_many":
                v = inv.atp_many(step["skus"], s("pool"))
            elif op == "atp_by_location":
                v = inv.atp_by_location(s("sku"), s("pool"))
            elif op == "atp_timeline":
                now = s("now") if as_json else aware(s("now"))
                if "channel" in step:
                    v = inv.atp_timeline_for_channel(s("sku"), step["channel"], now, step["days"])
                else:
                    v = inv.atp_timeline(s("sku"), s("pool"), now, step["days"])
            elif op == "promise":
                v = inv.promise(step["request"], s("now") if as_json else aware(s("now")))
            elif op == "promise_many":
                v = inv.promise_many(step["requests"], s("now") if as_json else aware(s("now")))
            elif op == "position":
                v = inv.position(s("location"), s("sku"))
            elif op == "restore":
                inv = omnistock.Inventory.restore(s("data").encode())
                v = None
            elif op in ("allocate", "allocate_wave", "process_backorders", "reallocate", "reallocate_offline"):
                now = s("now") if as_json else aware(s("now"))
                if op == "allocate":
                    orders = json.dumps(step["orders"]) if as_json else step["orders"]
                    v = inv.allocate(orders, step["rules"], now)
                elif op == "allocate_wave":
                    orders = json.dumps(step["orders"]) if as_json else step["orders"]
                    v = inv.allocate_wave(orders, step["rules"], now)
                elif op == "process_backorders":
                    backlog = json.dumps(step["backlog"]) if as_json else step["backlog"]
                    v = inv.process_backorders(backlog, step["rules"], now)
                elif op == "reallocate":
                    v = inv.reallocate(s("order"), step["event"], now)
                else:
                    v = inv.reallocate_offline(s("location"), now)
                last_plan = v
            elif op == "commit":
                if "plan" in step:
                    v = inv.commit(step["plan"])
                elif "step" in step:
                    v = inv.commit(out[step["step"]])
                else:
                    v = inv.commit(last_plan)
            elif op == "release_order":
                v = inv.release_order(s("order"))
            elif op == "open_orders":
                v = inv.open_orders()
            elif op == "forecast":
                v = omnistock.forecast(step["demand"], step["method"])
            elif op == "replenish":
                v = inv.replenish(step["history"], step["policies"], step["now"])
            elif op == "alerts":
                v = inv.alerts(step["history"], step["policies"], step["now"])
            elif op == "kpis":
                outcomes = json.dumps(step["outcomes"]) if as_json else step["outcomes"]
                v = omnistock.kpis(outcomes, step.get("baseline"))
            elif op == "generate":
                v = omnistock.generate(**step["options"])
            elif op == "simulate":
                scenario = step["scenario"] if "scenario" in step else out[step["step"]]
                v = omnistock.simulate(json.dumps(scenario) if as_json else scenario, step.get("rule_sets"))
            elif op == "capacity_used":
                day = s("date") if as_json else datetime.date.fromisoformat(s("date"))
                v = inv.capacity_used(s("location"), day)
            else:
                raise AssertionError(f"unknown op {op}")
        except omnistock.OmnistockError as e:
            v = err(e)
        out.append(v)
    return out


def run(vector, as_json):
    """(expected-like output, None) or (None, {"code": ...}) when the vector fails whole."""
    inp = vector["input"]
    try:
        return run_steps(inp["network"], inp.get("steps") or [], as_json), None
    except VectorError as e:
        return None, {"code": e.code}


def canonical(v):
    """JSON text with sorted keys; floats as ``repr`` writes them (the shortest text reading back
    to the same bits, so two floats give equal text only if they are equal bits; ``-0.0`` and
    ``0.0`` differ), and an int never looks like a float."""
    return json.dumps(v, sort_keys=True, allow_nan=False)


def check_published_optimum(vector, outputs, form):
    """Textbook problems (as the Rust runner): the first wave step's score is the published
    optimum, compared as decimals."""
    published = vector.get("published")
    optimum = published.get("optimum") if isinstance(published, dict) else None
    if not isinstance(optimum, str):
        return
    scores = [o["wave"]["score"] for o in outputs or [] if isinstance(o, dict) and isinstance(o.get("wave"), dict)]
    assert scores, f"{form}: no wave step, but a published optimum"
    assert decimal.Decimal(scores[0]) == decimal.Decimal(optimum), (
        f"{form}: the wave's score {scores[0]} is not the published optimum {optimum}"
    )


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_vector(path):
    vector = load(path)
    assert vector.get("description"), f"{path}: no description"
    for as_json in (False, True):
        got, error = run(vector, as_json)
        form = "json" if as_json else "python"
        if error is not None:
            assert canonical(error) == canonical(vector.get("error")), f"{form}: vector failed with {error}"
        else:
            assert "expected" in vector, f"{form}: expected the error {vector.get('error')}, got outputs"
            assert canonical(got) == canonical(vector["expected"]), form
        check_published_optimum(vector, got, form)


def test_there_are_vectors():
    # The Rust runner requires at least 30; this runner must see the same files.
    assert len(golden_files()) >= 30
