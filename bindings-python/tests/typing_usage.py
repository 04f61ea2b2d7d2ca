"""Type-checked with `mypy --strict` against the stubs (not run by pytest)."""

from typing import Any, Dict, List

import omnistock

inv: omnistock.Inventory = omnistock.Inventory({"locations": []})
out: List[Dict[str, Any]] = inv.apply([])
n: int = inv.atp("A", "web")
many: List[int] = inv.atp_many(["A"], "web")
data: bytes = inv.snapshot()
copy: omnistock.Inventory = omnistock.Inventory.restore(data)
codes: List[str] = omnistock.ERROR_CODES
try:
    inv.atp("A", "nope")
except omnistock.OmnistockError as e:
    code: str = e.code
