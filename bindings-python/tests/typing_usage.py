"""Type-checked with `mypy --strict` against the stubs by test.sh (not collected by pytest)."""

import datetime
import decimal
from typing import Any, Dict, List, Optional

import omnistock

network: Dict[str, Any] = {"pools": [{"id": "web", "members": [], "max_share_pct": decimal.Decimal("30")}]}
inv: omnistock.Inventory = omnistock.Inventory({"locations": []})
inv2 = omnistock.Inventory('{"locations": []}')
out: List[Dict[str, Any]] = inv.apply([])
out = inv.apply('[{"type": "receive"}]')
out = inv.apply(e for e in [{"type": "receive"}])
n: int = inv.atp("A", "web")
many: List[int] = inv.atp_many(["A"], "web")
rows: List[Dict[str, Any]] = inv.atp_by_location("A", "web")
now = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc)
timeline: Dict[str, Any] = inv.atp_timeline("A", "web", now, 7)
timeline = inv.atp_timeline("A", "web", "2026-11-30T09:00:00Z", 7)
timeline = inv.atp_timeline_for_channel("A", "shop", now, 7)
request: Dict[str, Any] = {"channel": "shop", "lines": [{"sku": "A", "quantity": 1}], "pickup": "S1"}
promise: Dict[str, Any] = inv.promise(request, now)
promise = inv.promise(request, "2026-11-30T09:00:00Z")
promises: List[Dict[str, Any]] = inv.promise_many([request, request], now)
promises = inv.promise_many((r for r in [request]), "2026-11-30T09:00:00Z")
order: Dict[str, Any] = {"id": "SO-1", "channel": "shop", "pickup": "S1", "lines": [{"id": "1", "sku": "A", "quantity": 1}]}
plan: Dict[str, Any] = inv.allocate([order], "balanced", now)
plan = inv.allocate((o for o in [order]), {"name": "r", "preset": "cheapest"}, "2026-11-30T09:00:00Z")
done: Dict[str, Any] = inv.commit(plan)
plan = inv.allocate_wave([order], {"name": "w", "preset": "cheapest", "scarcity": "fair_share"}, now)
plan = inv.allocate_wave('[{"id": "SO-1"}]', "cheapest", "2026-11-30T09:00:00Z")
plan = inv.process_backorders([{"order": "SO-1", "category": "win"}, {"new": order}], "cheapest", now)
plan = inv.process_backorders((b for b in [{"order": "SO-1"}]), {"name": "r", "allow_later": True}, now)
done = inv.release_order("SO-1")
plan = inv.reallocate("SO-1", {"type": "reject", "location": "S1"}, now)
plan = inv.reallocate_offline("S1", now)
open_orders: List[Dict[str, Any]] = inv.open_orders()
one: Optional[Dict[str, Any]] = inv.open_order("SO-1")
used: Dict[str, int] = inv.capacity_used("S1", datetime.date(2026, 11, 30))
used = inv.capacity_used("S1", "2026-11-30")
pos: Optional[Dict[str, Any]] = inv.position("DC1", "A")
held: List[Dict[str, Any]] = inv.reservations()
seen: bool = inv.has_applied("e1")
data: bytes = inv.snapshot()
copy: omnistock.Inventory = omnistock.Inventory.restore(data)
codes: List[str] = omnistock.ERROR_CODES
version: int = omnistock.SNAPSHOT_VERSION
try:
    inv.atp("A", "nope")
except omnistock.OmnistockError as e:
    code: str = e.code
    message: str = e.message
    context: Dict[str, str] = e.context

# KPIs and simulation.
outcomes: List[Dict[str, Any]] = [{"order": "SO-1", "channel": "web", "placed": "2026-11-02T09:00:00Z",
                                   "lines": [{"line": "1", "sku": "A", "ordered": 1}]}]
kpis: Dict[str, Any] = omnistock.kpis(outcomes)
kpis = omnistock.kpis("[]", baseline="closest")
scenario: Dict[str, Any] = omnistock.generate(size="tiny", seed=3, orders_per_day=10, start="2026-11-01")
sim: Dict[str, Any] = omnistock.simulate(scenario)
sim = omnistock.simulate(scenario, ["closest", {"rules": "balanced", "allocation": "wave"}], outcomes=False)
sim = omnistock.simulate('{"days": 1}', None)
table: str = omnistock.comparison_table(sim["comparison"])
