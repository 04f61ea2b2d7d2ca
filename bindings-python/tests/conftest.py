import json
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata"
PACKAGE = ROOT / "bindings-python" / "python" / "omnistock"


def golden_files():
    """Every vector, testdata/golden/<concept>/<case>.json, sorted like the Rust runner."""
    return sorted(p for p in (TESTDATA / "golden").glob("*/*.json") if p.parent.is_dir())


@pytest.fixture
def small_network():
    """Two overlapping pools: `web` (DC1, S1 with a buffer of 1) and `cc` (S1, 50 % share)."""
    return {
        "locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "S1", "kind": "store"}],
        "channels": [{"id": "shop", "kind": "web", "pool": "web"}, {"id": "cc", "kind": "click_and_collect", "pool": "cc"}],
        "pools": [
            {"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 1}]},
            {"id": "cc", "members": [{"location": "S1"}], "max_share_pct": "50"},
        ],
    }


def load(path):
    return json.loads(Path(path).read_text())


@pytest.fixture
def promise_network():
    """A warehouse in Lyon (ships, cut-off 14:00, Mon-Fri, Christmas off), a Paris store that
    ships and takes pickups (a buffer of 1 in the pool), a Paris pickup-only store reached by
    lanes; two carrier services; a marketplace channel with a weekly quota of 3."""
    return {
        "locations": [
            {
                "id": "DC-LYON", "kind": "warehouse", "zone": "69", "priority": 1, "capabilities": ["ship"],
                "time_zone": "Europe/Paris", "cutoff": "14:00", "working_days": ["mon", "tue", "wed", "thu", "fri"],
                "holidays": ["2026-12-25", "2027-01-01"],
            },
            {
                "id": "PARIS-01", "kind": "store", "zone": "75", "priority": 2, "capabilities": ["ship_from_store", "pickup"],
                "time_zone": "Europe/Paris", "processing": {"hours": 2},
                "working_days": ["mon", "tue", "wed", "thu", "fri", "sat"],
            },
            {
                "id": "PARIS-02", "kind": "store", "zone": "75", "priority": 3, "capabilities": ["pickup"],
                "time_zone": "Europe/Paris", "processing": {"hours": 1},
            },
        ],
        "channels": [
            {"id": "web", "kind": "web", "pool": "online"},
            {"id": "cc", "kind": "click_and_collect", "pool": "online"},
            {"id": "mkp", "kind": "marketplace", "pool": "online"},
        ],
        "pools": [
            {
                "id": "online", "time_zone": "Europe/Paris",
                "members": [{"location": "DC-LYON"}, {"location": "PARIS-01", "buffer": 1}, {"location": "PARIS-02"}],
                "quotas": [{"channel": "mkp", "quantity": 3, "period": "week"}],
            }
        ],
        "services": [
            {"id": "standard", "transit": {"zones": {"69": {"69": 1, "75": 2}, "75": {"69": 2, "75": 1}}}},
            {"id": "express", "transit": {"zones": {"69": {"69": 1, "75": 1}, "75": {"75": 1}}}},
        ],
        "lanes": [{"from": "DC-LYON", "to": "PARIS-02", "days": 2}, {"from": "PARIS-01", "to": "PARIS-02", "days": 1}],
    }


@pytest.fixture
def stocked():
    """Stock for `promise_network`: 10 shirts in Lyon, 3 in PARIS-01, 2 mugs in PARIS-01 and
    20 mugs expected in Lyon on 2026-12-03 (PO-7)."""
    return [
        {"type": "receive", "id": "e1", "location": "DC-LYON", "sku": "SHIRT", "quantity": 10},
        {"type": "receive", "id": "e2", "location": "PARIS-01", "sku": "SHIRT", "quantity": 3},
        {"type": "receive", "id": "e3", "location": "PARIS-01", "sku": "MUG", "quantity": 2},
        {"type": "supply_add", "id": "e4", "supply": "PO-7", "location": "DC-LYON", "sku": "MUG", "quantity": 20,
         "expected": "2026-12-03"},
    ]


def gil_progress(call):
    """Runs `call()` while a counter thread runs; returns (result, control, during).

    A counter thread makes progress only while the main thread does not hold the GIL: the
    switch interval is raised so the interpreter never takes the GIL away from the main thread
    by itself, and the counter then advances only where the main thread lets go of it.
    `control` is the counter's progress during a long builtin call that keeps the GIL (0 if
    the method works), `during` its progress during `call()` (> 0 if the GIL was released)."""
    counter = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counter[0] += 1
            time.sleep(0.0001)  # releases the GIL, so the main thread takes it back at once

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    t = threading.Thread(target=count)
    try:
        t.start()
        while counter[0] == 0:
            time.sleep(0.001)
        before = counter[0]
        sorted(range(2_000_000), key=lambda v: -v)
        control = counter[0] - before
        before = counter[0]
        result = call()
        during = counter[0] - before
    finally:
        stop.set()
        t.join()
        sys.setswitchinterval(old)
    return result, control, during
