import json
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
