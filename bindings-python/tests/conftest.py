import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata"


def golden_files():
    return sorted((TESTDATA / "golden").glob("*/*.json"))


@pytest.fixture
def small_network():
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
