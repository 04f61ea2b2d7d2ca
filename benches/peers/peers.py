"""omnistock against its peers: Google OR-tools (exact or bounding solvers) and a plain-Python
greedy (what an ERP script would do), on the same seeded instances, in one process.

A benchmark, not a test. From the repository root (``make peers`` sets everything up):

    .venv/bin/python benches/peers/peers.py            # full sizes (SCIP and CP-SAT get 120 s each)
    .venv/bin/python benches/peers/peers.py --quick    # small sizes, a smoke test (< 30 s)
    .venv/bin/python benches/peers/peers.py --no-omnistock --json out.json

Every cost is an integer number of cents: per shipment the base rate of (location, destination
zone), plus the per-unit rate x units, plus the split penalty for each shipment of an order
beyond its first. omnistock receives the same rates as decimal strings ("12.34") and its
``cheapest`` preset with ``split`` = the penalty, so its score in currency units x 100 is the
same cost. Every plan (omnistock's, OR-tools', the greedy's) is re-costed here from the
instance data and checked (stock, order quantities, shipment limit); the engine's and the
solvers' reported objectives are printed next to the recomputed cost.

See benches/peers/README.md for the families and the columns.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, List, Optional, Tuple

NOW = "2026-11-27T09:00:00Z"
# With --soft-fill, the penalty per unfilled unit in the MIP and CP-SAT models (cents): far above
# any order's cost (< 10^4 cents), so the solvers fill every unit they can before minimising cost,
# as omnistock does (units first, then score). By default every unit must ship (the instances
# are feasible by construction), which is what the solvers handle best.
UNFILLED_PENALTY = 1_000_000


# --------------------------------------------------------------------------------------------
# Instances
# --------------------------------------------------------------------------------------------

@dataclass
class Order:
    id: str
    zone: int                              # index into Instance.zones
    lines: List[Tuple[str, str, int]]      # (line id, sku, quantity)
    max_shipments: int


@dataclass
class Instance:
    name: str
    family: str
    seed: int
    locations: List[str]
    zones: List[str]
    skus: List[str]
    base: List[List[int]]                  # [location][zone], cents per shipment
    unit: List[List[int]]                  # [location][zone], cents per unit
    stock: Dict[Tuple[int, str], int]      # (location index, sku) -> units, only > 0
    orders: List[Order]
    split: int                             # cents per shipment beyond an order's first
    max_shipments: int

    def units(self) -> int:
        return sum(q for o in self.orders for _, _, q in o.lines)

    def holders(self) -> Dict[str, List[int]]:
        """Per SKU, the locations with stock of it, by index."""
        h: Dict[str, List[int]] = {s: [] for s in self.skus}
        for (l, s), q in sorted(self.stock.items()):
            if q > 0:
                h[s].append(l)
        return h

    def digest(self) -> str:
        """A short hash of the data: the same seed and size give the same instance everywhere."""
        blob = json.dumps([self.locations, self.zones, self.skus, self.base, self.unit,
                           sorted([l, s, q] for (l, s), q in self.stock.items()),
                           [[o.id, o.zone, o.lines, o.max_shipments] for o in self.orders],
                           self.split, self.max_shipments], separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


# Timed calls are repeated this many times and the best kept (see run_omnistock, run_flow).
REPEAT = 3


def _names(prefix: str, n: int, width: int) -> List[str]:
    return [f"{prefix}{i + 1:0{width}}" for i in range(n)]


def _spread(rng: random.Random, total: int, holders: List[int]) -> Dict[int, int]:
    """`total` units over `holders`, proportional to random weights (each share floored, the
    remainder one unit at a time to random holders)."""
    if not holders or total <= 0:
        return {}
    w = [rng.random() + 0.05 for _ in holders]
    sw = sum(w)
    share = {l: int(total * wi / sw) for l, wi in zip(holders, w)}
    for _ in range(total - sum(share.values())):
        share[rng.choice(holders)] += 1
    return share


def transport(n_orders: int, n_locs: int, n_zones: int, seed: int) -> Instance:
    """Family 1: one SKU, splittable for free, no per-shipment cost: a transportation problem."""
    rng = random.Random(seed)
    locs, zones = _names("L", n_locs, 3), _names("Z", n_zones, 4)
    unit = [[rng.randint(1, 1000) for _ in zones] for _ in locs]
    base = [[0 for _ in zones] for _ in locs]
    orders = [Order(f"O{k + 1:05}", rng.randrange(n_zones), [("1", "X", rng.randint(1, 20))], n_locs)
              for k in range(n_orders)]
    demand = sum(o.lines[0][2] for o in orders)
    supply = (11 * demand + 9) // 10                               # ceil(1.1 x demand)
    stock = {(l, "X"): q for l, q in _spread(rng, supply, list(range(n_locs))).items() if q > 0}
    return Instance(f"transport {n_orders}x{n_locs} s{seed}", "transport", seed, locs, zones, ["X"],
                    base, unit, stock, orders, split=0, max_shipments=n_locs)


def _multi(name: str, family: str, seed: int, n_orders: int, n_locs: int, n_skus: int, n_zones: int,
           hold_p: float, min_holders: int, base_range: Tuple[int, int], unit_range: Tuple[int, int],
           lines_range: Tuple[int, int], qty_range: Tuple[int, int], supply_factor: Fraction) -> Instance:
    rng = random.Random(seed)
    locs, zones, skus = _names("L", n_locs, 3), _names("Z", n_zones, 4), _names("S", n_skus, 4)
    base = [[rng.randint(*base_range) for _ in zones] for _ in locs]
    unit = [[rng.randint(*unit_range) for _ in zones] for _ in locs]
    # Which locations hold which SKU: a random subset, at least `min_holders` per SKU.
    holders: Dict[str, List[int]] = {}
    for s in skus:
        h = [l for l in range(n_locs) if rng.random() < hold_p]
        while len(h) < min(min_holders, n_locs):
            l = rng.randrange(n_locs)
            if l not in h:
                h.append(l)
        holders[s] = sorted(h)
    orders = []
    for k in range(n_orders):
        n_lines = rng.randint(lines_range[0], min(lines_range[1], n_skus))
        chosen = rng.sample(skus, n_lines)
        lines = [(str(j + 1), s, rng.randint(*qty_range)) for j, s in enumerate(chosen)]
        orders.append(Order(f"O{k + 1:05}", rng.randrange(n_zones), lines, 3))
    # A planted plan makes "every unit shipped within the shipment limit" feasible: per order,
    # a cover of its SKUs by at most 3 holders (the one holding most of the uncovered SKUs
    # first, ties at random), each line's units stocked at one of them. Then each SKU gets
    # more units spread over its holders, up to ceil(supply_factor x demand).
    stock: Dict[Tuple[int, str], int] = {}
    hold = {s: set(h) for s, h in holders.items()}
    for o in orders:
        left = [s for _, s, _ in o.lines]
        chosen: List[int] = []
        while left and len(chosen) < o.max_shipments:
            score = [(sum(l in hold[s] for s in left), rng.random(), l) for l in range(n_locs)]
            best = max(score)
            if best[0] == 0:
                break
            chosen.append(best[2])
            left = [s for s in left if best[2] not in hold[s]]
        for s in left:                       # not coverable: the last chosen location stocks it too
            hold[s].add(chosen[-1])
        for _, s, q in o.lines:
            l = rng.choice([c for c in chosen if c in hold[s]])
            stock[(l, s)] = stock.get((l, s), 0) + q
    holders = {s: sorted(h) for s, h in hold.items()}
    demand = {s: 0 for s in skus}
    for o in orders:
        for _, s, q in o.lines:
            demand[s] += q
    for s in skus:
        extra = math.ceil(demand[s] * supply_factor) - demand[s]
        for l, q in _spread(rng, extra, holders[s]).items():
            if q > 0:
                stock[(l, s)] = stock.get((l, s), 0) + q
    return Instance(name, family, seed, locs, zones, skus, base, unit, stock, orders, split=500, max_shipments=3)


def split_family(n_orders: int, n_locs: int, n_skus: int, n_zones: int, seed: int) -> Instance:
    """Family 2: multi-line orders, a price per shipment and per extra shipment, scarce stock."""
    return _multi(f"split {n_orders}x{n_locs}x{n_skus} s{seed}", "split", seed, n_orders, n_locs, n_skus, n_zones,
                  hold_p=0.4, min_holders=3, base_range=(300, 900), unit_range=(20, 120),
                  lines_range=(1, 4), qty_range=(1, 3), supply_factor=Fraction(6, 5))


def mid_family(n_orders: int, n_locs: int, n_skus: int, n_zones: int, seed: int) -> Instance:
    """Family 3: bigger, dear shipments and cheap units, so most orders ship in one parcel."""
    return _multi(f"mid {n_orders}x{n_locs}x{n_skus} s{seed}", "mid", seed, n_orders, n_locs, n_skus, n_zones,
                  hold_p=0.5, min_holders=3, base_range=(500, 1500), unit_range=(10, 60),
                  lines_range=(1, 3), qty_range=(1, 2), supply_factor=Fraction(2))


SIZES = {
    # family: (full, quick), arguments of the generator after the seed-less sizes
    "transport": ((2000, 200, 100), (200, 20, 10)),
    # `split`: the size where SCIP still proves the optimum (about a minute here);
    # `split_large`: the same family where it finds no plan within its limit.
    "split": ((100, 15, 8, 8), (60, 10, 5, 5)),
    "split_large": ((500, 50, 20, 20), (150, 20, 10, 10)),
    "mid": ((5000, 100, 200, 50), (300, 20, 30, 10)),
}
GENERATORS = {"transport": transport, "split": split_family, "split_large": split_family, "mid": mid_family}
PEERS = {"transport": ["mcf"], "split": ["scip", "cpsat"], "split_large": ["scip", "cpsat"], "mid": ["relax"]}


# --------------------------------------------------------------------------------------------
# Solutions: one representation, one cost function, one checker for every solver
# --------------------------------------------------------------------------------------------

# order index -> location index -> line index -> units
Solution = Dict[int, Dict[int, Dict[int, int]]]


def evaluate(inst: Instance, sol: Solution) -> Dict[str, Any]:
    """Cost (cents) and counts of a solution, with every violated constraint listed."""
    cost = shipments = split_orders = extra = filled = 0
    used: Dict[Tuple[int, str], int] = {}
    errors: List[str] = []
    for oi, by_loc in sol.items():
        o = inst.orders[oi]
        got = [0] * len(o.lines)
        n = 0
        for l, by_line in by_loc.items():
            units = 0
            for li, q in by_line.items():
                if q <= 0:
                    continue
                sku = o.lines[li][1]
                got[li] += q
                units += q
                used[(l, sku)] = used.get((l, sku), 0) + q
                cost += inst.unit[l][o.zone] * q
            if units:
                n += 1
                cost += inst.base[l][o.zone]
        if n > o.max_shipments:
            errors.append(f"{o.id}: {n} shipments > {o.max_shipments}")
        for li, (lid, _, need) in enumerate(o.lines):
            if got[li] > need:
                errors.append(f"{o.id} line {lid}: {got[li]} > {need}")
        filled += sum(got)
        shipments += n
        extra += max(0, n - 1)
        split_orders += n > 1
        cost += inst.split * max(0, n - 1)
    for key, q in used.items():
        if q > inst.stock.get(key, 0):
            errors.append(f"{inst.locations[key[0]]}/{key[1]}: {q} taken > {inst.stock.get(key, 0)} in stock")
    return {"cost": cost, "shipments": shipments, "extra_shipments": extra, "split_orders": split_orders,
            "unfilled": inst.units() - filled, "valid": not errors, "errors": errors}


def _put(sol: Solution, oi: int, l: int, li: int, q: int) -> None:
    if q > 0:
        d = sol.setdefault(oi, {}).setdefault(l, {})
        d[li] = d.get(li, 0) + q


# --------------------------------------------------------------------------------------------
# The greedy baseline (plain Python, first come first served)
# --------------------------------------------------------------------------------------------

def run_greedy(inst: Instance) -> Dict[str, Any]:
    """Orders in id order. One location that ships every line in full: the cheapest such (base
    + units). Otherwise line by line, units from the cheapest location with stock, then the
    next: a location already shipping for the order costs its units only, a new one its base too;
    a new location beyond the order's shipment limit is skipped (its units stay unfilled)."""
    t0 = time.perf_counter()
    stock = dict(inst.stock)
    holders = inst.holders()
    sol: Solution = {}
    for oi, o in enumerate(inst.orders):
        z = o.zone
        full = None
        cands = set(holders[o.lines[0][1]])
        for _, s, _q in o.lines[1:]:
            cands &= set(holders[s])
        for l in sorted(cands):
            if all(stock.get((l, s), 0) >= q for _, s, q in o.lines):
                c = inst.base[l][z] + sum(inst.unit[l][z] * q for _, _, q in o.lines)
                if full is None or c < full[0]:
                    full = (c, l)
        if full is not None:
            l = full[1]
            for li, (_, s, q) in enumerate(o.lines):
                stock[(l, s)] -= q
                _put(sol, oi, l, li, q)
            continue
        used: List[int] = []
        for li, (_, s, need) in enumerate(o.lines):
            rem = need
            order_ = sorted((l for l in holders[s] if stock.get((l, s), 0) > 0),
                            key=lambda l: ((0 if l in used else inst.base[l][z]) + inst.unit[l][z] * rem, l))
            for l in order_:
                if rem == 0:
                    break
                if l not in used:
                    if len(used) >= o.max_shipments:
                        continue
                    used.append(l)
                take = min(rem, stock[(l, s)])
                stock[(l, s)] -= take
                rem -= take
                _put(sol, oi, l, li, take)
    el = time.perf_counter() - t0
    ev = evaluate(inst, sol)
    ev["time_s"] = el
    return ev


# --------------------------------------------------------------------------------------------
# omnistock
# --------------------------------------------------------------------------------------------

def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02}"


def cents(value: Any) -> Decimal:
    return Decimal(str(value)) * 100


def omnistock_inputs(inst: Instance) -> Dict[str, Any]:
    """The network, the stock events, the orders and the rule set, as the binding takes them."""
    locations = [{
        "id": lid, "kind": "warehouse", "zone": lid, "capabilities": ["ship"],
        "shipping": {"standard": {"zones": {
            zid: {"base": money(inst.base[l][z]), "per_unit": money(inst.unit[l][z]), "days": 1}
            for z, zid in enumerate(inst.zones)}}},
    } for l, lid in enumerate(inst.locations)]
    network = {
        "locations": locations,
        "channels": [{"id": "web", "kind": "web", "pool": "all"}],
        "pools": [{"id": "all", "members": [{"location": lid} for lid in inst.locations]}],
        # Service.transit is a required field today; the zone rates' `days` override it.
        "services": [{"id": "standard", "transit": {}}],
    }
    events = [{"type": "receive", "id": f"r-{inst.locations[l]}-{s}", "location": inst.locations[l], "sku": s,
               "quantity": q} for (l, s), q in sorted(inst.stock.items())]
    orders = [{"id": o.id, "channel": "web", "service": "standard", "destination": {"zone": inst.zones[o.zone]},
               "lines": [{"id": lid, "sku": s, "quantity": q} for lid, s, q in o.lines],
               "max_shipments": o.max_shipments} for o in inst.orders]
    rules = {"name": "peers", "preset": "cheapest", "weights": {"split": money(inst.split)},
             "max_shipments": inst.max_shipments}
    return {"network": network, "events": events, "orders": orders, "rules": rules}


def read_plan(inst: Instance, plan: Dict[str, Any]) -> Dict[str, Any]:
    """Re-costs an omnistock plan from the instance data; the engine's score beside it."""
    index = {o.id: i for i, o in enumerate(inst.orders)}
    locs = {lid: l for l, lid in enumerate(inst.locations)}
    sol: Solution = {}
    engine = Decimal(0)
    errors: List[str] = []
    for op in plan["orders"]:
        oid = op["order"]["id"] if "order" in op else op["id"]
        oi = index[oid]
        line_index = {lid: li for li, (lid, _, _) in enumerate(inst.orders[oi].lines)}
        engine += cents(op["cost"]["score"])
        for sh in op.get("shipments", []):
            l = locs[sh["location"]]
            for ln in sh["lines"]:
                li = line_index[ln["line"]]
                if inst.orders[oi].lines[li][1] != ln["sku"]:
                    errors.append(f"{oid} line {ln['line']}: sku {ln['sku']}")
                _put(sol, oi, l, li, int(ln["quantity"]))
    ev = evaluate(inst, sol)
    ev["errors"] = errors + ev["errors"]
    ev["valid"] = not ev["errors"]
    ev["engine_score"] = engine                                   # Σ orders' scores, cents
    return ev


def run_omnistock(inst: Instance, omnistock: Any) -> Dict[str, Any]:
    """Builds the inventory (not timed), then times `allocate_wave` and `allocate`, each the
    whole call (conversion of the inputs and of the plan included). Never raises: a failing
    call is reported in its entry's "error"."""
    out: Dict[str, Any] = {}
    data = omnistock_inputs(inst)
    t0 = time.perf_counter()
    inv = omnistock.Inventory(data["network"])
    outcomes = inv.apply(data["events"])
    out["setup_s"] = time.perf_counter() - t0
    bad = [o for o in outcomes if o.get("status") != "applied"]
    if bad:
        raise RuntimeError(f"stock events not applied: {bad[:3]}")
    orders, rules = data["orders"], data["rules"]

    wave: Dict[str, Any] = {}
    if not hasattr(inv, "allocate_wave"):
        wave["error"] = "this build of omnistock has no Inventory.allocate_wave"
    else:
        try:
            # Best of REPEAT calls (a call under 10 s is repeated): the first call of a
            # process also pays for fresh memory pages; its time is kept beside.
            times = []
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                plan = inv.allocate_wave(orders, rules, NOW)
                times.append(time.perf_counter() - t0)
                if times[0] > 10:
                    break
            wave["time_s"] = min(times)
            wave["first_call_s"] = times[0]
            wave.update(read_plan(inst, plan))
            w = plan.get("wave", {})
            wave["reported"] = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in w.items()}
            wave["wave_score"] = cents(w["score"]) if "score" in w else None
            wave["lower_bound"] = cents(w["lower_bound"]) if "lower_bound" in w else None
            wave["gap"] = Decimal(str(w["gap"])) if "gap" in w else None
        except Exception as e:  # noqa: BLE001 - reported in the table, the other runs go on
            wave["error"] = f"{type(e).__name__}: {getattr(e, 'code', '')} {e}"
    out["wave"] = wave

    alloc: Dict[str, Any] = {}
    try:
        t0 = time.perf_counter()
        plan = inv.allocate(orders, rules, NOW)
        alloc["time_s"] = time.perf_counter() - t0
        alloc.update(read_plan(inst, plan))
    except Exception as e:  # noqa: BLE001
        alloc["error"] = f"{type(e).__name__}: {getattr(e, 'code', '')} {e}"
    out["allocate"] = alloc
    return out


# --------------------------------------------------------------------------------------------
# OR-tools
# --------------------------------------------------------------------------------------------

def run_flow(inst: Instance) -> Dict[str, Any]:
    """Min-cost flow, source -> (location, SKU) [stock] -> (order, line) [need].

    Without per-shipment costs (the transport family) this is the problem itself: its flow is
    a plan. Otherwise it is the splittable relaxation: a unit from l costs unit[l] + base[l]/Q
    (Q = the order's units: a shipment of q <= Q units pays base >= base x q/Q), splits are
    free and unlimited, so its value is a lower bound. Costs are scaled by the lcm of the
    orders' Q to stay integral."""
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    exact = all(b == 0 for row in inst.base for b in row) and inst.split == 0
    scale = 1
    if not exact:
        for o in inst.orders:
            scale = math.lcm(scale, sum(q for _, _, q in o.lines))
    holders = inst.holders()
    node: Dict[Tuple[int, str], int] = {}
    tails: List[int] = []
    heads: List[int] = []
    caps: List[int] = []
    costs: List[int] = []
    for (l, s), q in sorted(inst.stock.items()):
        node[(l, s)] = 1 + len(node)
        tails.append(0)
        heads.append(node[(l, s)])
        caps.append(q)
        costs.append(0)
    first_line = 1 + len(node)
    line_nodes: List[Tuple[int, int, int]] = []                  # (node, order, line)
    arcs: List[Tuple[int, int, int]] = []                        # per arc from here: (order, line, location)
    supplies_nodes, supplies = [0], [0]
    demand = 0
    for oi, o in enumerate(inst.orders):
        total = sum(q for _, _, q in o.lines)
        for li, (_, s, need) in enumerate(o.lines):
            n = first_line + len(line_nodes)
            line_nodes.append((n, oi, li))
            supplies_nodes.append(n)
            supplies.append(-need)
            demand += need
            for l in holders[s]:
                tails.append(node[(l, s)])
                heads.append(n)
                caps.append(need)
                c = inst.unit[l][o.zone] * scale + (0 if exact else inst.base[l][o.zone] * scale // total)
                costs.append(c)
                arcs.append((oi, li, l))
    supplies[0] = demand
    prep = time.perf_counter() - t0
    # Best of REPEAT builds and solves (as for omnistock).
    build, solve = float("inf"), float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        smcf = min_cost_flow.SimpleMinCostFlow()
        smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        smcf.set_nodes_supplies(supplies_nodes, supplies)
        build = min(build, prep + time.perf_counter() - t0)
        t0 = time.perf_counter()
        status = smcf.solve()
        if status != smcf.OPTIMAL:                      # not every unit can be served: serve the most
            status = smcf.solve_max_flow_with_min_cost()
        solve = min(solve, time.perf_counter() - t0)
    res: Dict[str, Any] = {"solver": "min-cost flow" if exact else "min-cost flow (relaxation)",
                           "status": status.name, "build_s": build, "solve_s": solve, "exact": exact,
                           "arcs": len(tails)}
    if status != smcf.OPTIMAL:
        return res
    value = Fraction(smcf.optimal_cost(), scale)
    sol: Solution = {}
    first_arc = len(node)
    for k, (oi, li, l) in enumerate(arcs):
        f = smcf.flow(first_arc + k)
        if f:
            _put(sol, oi, l, li, f)
    ev = evaluate(inst, sol)
    if exact:
        res.update(ev)
        res["objective"] = value
        res["bound"] = value
    else:
        res["bound"] = math.ceil(value)             # every plan's cost is an integer
        res["objective"] = value
        # The flow as a plan, costed for real: it may exceed the shipment limit, nothing else.
        over = [x for x in ev["errors"] if "shipments >" in x]
        ev["errors"] = [x for x in ev["errors"] if "shipments >" not in x]
        ev["valid"] = not ev["errors"]
        ev["orders_over_shipment_limit"] = len(over)
        res["relaxed_plan"] = ev
    return res


def warm_up() -> None:
    """Loads what OR-tools loads on first use (numpy conversions of the arc arrays: ~0.2 s on
    the first `add_arcs_with_capacity_and_unit_cost`; SCIP's and CP-SAT's libraries), so that no
    instance's build or solve time includes it."""
    from ortools.graph.python import min_cost_flow
    from ortools.linear_solver import pywraplp
    from ortools.sat.python import cp_model

    f = min_cost_flow.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost([0], [1], [1], [1])
    f.set_nodes_supplies([0, 1], [1, -1])
    f.solve()
    mip = pywraplp.Solver.CreateSolver("SCIP")
    v = mip.IntVar(0, 1, "")
    mip.Minimize(v)
    mip.Solve()
    m = cp_model.CpModel()
    b = m.new_bool_var("")
    m.minimize(b)
    cp_model.CpSolver().solve(m)


def _mip_index(inst: Instance):
    """Variables of the split model: y[o, l] for the locations holding one of o's SKUs,
    x[o, line, l] for those holding the line's SKU."""
    holders = inst.holders()
    ys: List[Tuple[int, int]] = []
    xs: List[Tuple[int, int, int]] = []
    for oi, o in enumerate(inst.orders):
        locs = sorted({l for _, s, _ in o.lines for l in holders[s]})
        ys.extend((oi, l) for l in locs)
        for li, (_, s, _) in enumerate(o.lines):
            xs.extend((oi, li, l) for l in holders[s])
    return ys, xs


def run_scip(inst: Instance, time_limit: float, soft: bool) -> Dict[str, Any]:
    """The split model as a MIP for SCIP (pywraplp):
    min Σ (base + split)·y + unit·x − split·|orders|     (= Σ base·y + unit·x + split·(Σ_l y − 1))
    s.t. x[o,i,l] <= min(need, stock)·y[o,l]; Σ_l x[o,i,l] = need; Σ x at (l, sku) <= stock;
    Σ_l y[o,l] <= max_shipments; x integer, y binary.
    With `soft`, Σ_l x + u = need and M·u in the objective (u: unfilled units)."""
    from ortools.linear_solver import pywraplp

    t0 = time.perf_counter()
    solver = pywraplp.Solver.CreateSolver("SCIP")
    ys, xs = _mip_index(inst)
    inf = solver.infinity()
    obj = solver.Objective()
    y = {}
    for oi, l in ys:
        v = solver.BoolVar("")
        y[(oi, l)] = v
        obj.SetCoefficient(v, inst.base[l][inst.orders[oi].zone] + inst.split)
    x = {}
    for oi, li, l in xs:
        need = inst.orders[oi].lines[li][2]
        v = solver.IntVar(0, need, "")
        x[(oi, li, l)] = v
        obj.SetCoefficient(v, inst.unit[l][inst.orders[oi].zone])
        c = solver.Constraint(-inf, 0)
        c.SetCoefficient(v, 1)
        c.SetCoefficient(y[(oi, l)], -min(need, inst.stock[(l, inst.orders[oi].lines[li][1])]))
    u = {}
    fill = {}
    for oi, o in enumerate(inst.orders):
        for li, (_, _, need) in enumerate(o.lines):
            c = solver.Constraint(need, need)
            fill[(oi, li)] = c
            if soft:
                v = solver.IntVar(0, need, "")
                u[(oi, li)] = v
                obj.SetCoefficient(v, UNFILLED_PENALTY)
                c.SetCoefficient(v, 1)
        fill[("ship", oi)] = solver.Constraint(-inf, o.max_shipments)
    for (oi, l), v in y.items():
        fill[("ship", oi)].SetCoefficient(v, 1)
    stock_c = {key: solver.Constraint(-inf, q) for key, q in inst.stock.items()}
    for (oi, li, l), v in x.items():
        fill[(oi, li)].SetCoefficient(v, 1)
        stock_c[(l, inst.orders[oi].lines[li][1])].SetCoefficient(v, 1)
    obj.SetOffset(-inst.split * len(inst.orders))
    obj.SetMinimization()
    solver.SetTimeLimit(int(time_limit * 1000))
    # pywraplp stops at a 0.01 % relative gap by default; "OPTIMAL" here means proven optimal.
    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    status = solver.Solve(params)
    solve = time.perf_counter() - t0
    names = {pywraplp.Solver.OPTIMAL: "OPTIMAL", pywraplp.Solver.FEASIBLE: "FEASIBLE",
             pywraplp.Solver.INFEASIBLE: "INFEASIBLE", pywraplp.Solver.UNBOUNDED: "UNBOUNDED",
             pywraplp.Solver.ABNORMAL: "ABNORMAL", pywraplp.Solver.NOT_SOLVED: "NOT_SOLVED"}
    res: Dict[str, Any] = {"solver": "SCIP (MIP)", "status": names.get(status, str(status)), "build_s": build,
                           "solve_s": solve, "exact": True, "variables": solver.NumVariables(),
                           "constraints": solver.NumConstraints(), "time_limit_s": time_limit}
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        if status == pywraplp.Solver.NOT_SOLVED:    # the limit hit before any solution: the bound so far
            # (pywraplp gave 0 here in our runs, even after SCIP's log showed a root bound: a
            # bound of 0 or less says nothing, so none is shown)
            bound = obj.BestBound()
            if math.isfinite(bound) and 0 < bound < 1e15:
                res["bound"] = math.ceil(bound - 1e-6)
            res["status"] = "NO SOLUTION at the limit"
        return res
    xv = {k: int(round(v.solution_value())) for k, v in x.items()}
    yv = {k: int(round(v.solution_value())) for k, v in y.items()}
    uv = {k: int(round(v.solution_value())) for k, v in u.items()}
    res["objective"] = Fraction(round(obj.Value()))
    res["bound"] = math.ceil(obj.BestBound() - 1e-6)
    return _finish_model(inst, res, xv, yv, uv)


def run_cpsat(inst: Instance, time_limit: float, workers: int, soft: bool) -> Dict[str, Any]:
    """The same model for CP-SAT."""
    from ortools.sat.python import cp_model

    t0 = time.perf_counter()
    m = cp_model.CpModel()
    ys, xs = _mip_index(inst)
    y = {k: m.new_bool_var("") for k in ys}
    x = {}
    for oi, li, l in xs:
        need = inst.orders[oi].lines[li][2]
        v = m.new_int_var(0, need, "")
        x[(oi, li, l)] = v
        m.add(v <= min(need, inst.stock[(l, inst.orders[oi].lines[li][1])]) * y[(oi, l)])
    u = {}
    per_line: Dict[Tuple[int, int], List[Any]] = {}
    per_stock: Dict[Tuple[int, str], List[Any]] = {}
    per_order: Dict[int, List[Any]] = {}
    for (oi, li, l), v in x.items():
        per_line.setdefault((oi, li), []).append(v)
        per_stock.setdefault((l, inst.orders[oi].lines[li][1]), []).append(v)
    for (oi, l), v in y.items():
        per_order.setdefault(oi, []).append(v)
    for oi, o in enumerate(inst.orders):
        for li, (_, _, need) in enumerate(o.lines):
            terms = list(per_line.get((oi, li), []))
            if soft:
                u[(oi, li)] = m.new_int_var(0, need, "")
                terms.append(u[(oi, li)])
            m.add(cp_model.LinearExpr.sum(terms) == need)
        if per_order.get(oi):
            m.add(cp_model.LinearExpr.sum(per_order[oi]) <= o.max_shipments)
    for key, vs in per_stock.items():
        m.add(cp_model.LinearExpr.sum(vs) <= inst.stock[key])
    vs: List[Any] = []
    cs: List[int] = []
    for (oi, l), v in y.items():
        vs.append(v)
        cs.append(inst.base[l][inst.orders[oi].zone] + inst.split)
    for (oi, li, l), v in x.items():
        vs.append(v)
        cs.append(inst.unit[l][inst.orders[oi].zone])
    for v in u.values():
        vs.append(v)
        cs.append(UNFILLED_PENALTY)
    m.minimize(cp_model.LinearExpr.weighted_sum(vs, cs) - inst.split * len(inst.orders))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    status = solver.solve(m)
    solve = time.perf_counter() - t0
    res: Dict[str, Any] = {"solver": f"CP-SAT ({workers} workers)", "status": solver.status_name(status),
                           "build_s": build, "solve_s": solve, "exact": True, "time_limit_s": time_limit}
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return res
    xv = {k: solver.value(v) for k, v in x.items()}
    yv = {k: solver.value(v) for k, v in y.items()}
    uv = {k: solver.value(v) for k, v in u.items()}
    res["objective"] = Fraction(int(round(solver.objective_value)))
    res["bound"] = math.ceil(solver.best_objective_bound - 1e-6)
    return _finish_model(inst, res, xv, yv, uv)


def _finish_model(inst: Instance, res: Dict[str, Any], xv, yv, uv) -> Dict[str, Any]:
    """Re-costs a model solution: the plan its x values describe, costed by `evaluate`, and the
    model objective recomputed from x, y and u (which must equal the solver's objective)."""
    sol: Solution = {}
    for (oi, li, l), q in xv.items():
        _put(sol, oi, l, li, q)
    model_obj = (sum((inst.base[l][inst.orders[oi].zone] + inst.split) * v for (oi, l), v in yv.items())
                 + sum(inst.unit[l][inst.orders[oi].zone] * q for (oi, li, l), q in xv.items())
                 + UNFILLED_PENALTY * sum(uv.values()) - inst.split * len(inst.orders))
    res.update(evaluate(inst, sol))
    res["model_objective_recomputed"] = model_obj
    # The plan's own cost, comparable with everyone's: the objective less the unfilled penalty
    # (it differs from the re-costed plan only if the solver opened a location it ships nothing
    # from, or left an order wholly unfilled). The bound is the model's: with `soft`, a bound
    # on cost for plans that fill every unit.
    res["objective_cost"] = res["objective"] - UNFILLED_PENALTY * sum(uv.values())
    return res


# --------------------------------------------------------------------------------------------
# The run and the tables
# --------------------------------------------------------------------------------------------

def fmt(v: Any, digits: int = 0) -> str:
    if v is None:
        return "—"
    if isinstance(v, (Fraction, Decimal)):
        v = float(v) if (isinstance(v, Fraction) and v.denominator != 1) or (
            isinstance(v, Decimal) and v != v.to_integral_value()) else int(v)
    if isinstance(v, float):
        return f"{v:,.{digits}f}" if digits else f"{v:,.1f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def secs(v: Optional[float]) -> str:
    if v is None:
        return "—"
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def _frac(v: Any) -> Fraction:
    return Fraction(str(v)) if isinstance(v, Decimal) else Fraction(v)


def pct(a: Any, b: Any) -> str:
    """(a − b) / b in %, signed."""
    if a is None or b is None or b == 0:
        return "—"
    return f"{float((_frac(a) - _frac(b)) / _frac(b) * 100):+.2f}"


def run_instance(inst: Instance, args, omnistock: Any) -> Dict[str, Any]:
    rec: Dict[str, Any] = {"instance": inst.name, "family": inst.family, "seed": inst.seed, "digest": inst.digest(),
                           "orders": len(inst.orders), "locations": len(inst.locations), "skus": len(inst.skus),
                           "units": inst.units(), "peers": []}
    say(f"{inst.name} [{rec['digest']}]: {rec['units']:,} units, {len(inst.stock):,} stocked positions")
    if omnistock is not None:
        rec["omnistock"] = run_omnistock(inst, omnistock)
        w = rec["omnistock"]["wave"]
        say(f"  omnistock allocate_wave: {secs(w.get('time_s'))} s {w.get('error', '')}")
        say(f"  omnistock allocate: {secs(rec['omnistock']['allocate'].get('time_s'))} s "
            f"{rec['omnistock']['allocate'].get('error', '')}")
    for peer in PEERS[inst.family]:
        if peer == "cpsat" and args.no_cpsat:
            continue
        if peer in ("mcf", "relax"):
            r = run_flow(inst)
        elif peer == "scip":
            r = run_scip(inst, args.time_limit, args.soft_fill)
        else:
            r = run_cpsat(inst, args.time_limit, args.workers, args.soft_fill)
        say(f"  {r['solver']}: {r['status']}, build {secs(r['build_s'])} s, solve {secs(r['solve_s'])} s")
        rec["peers"].append(r)
    rec["greedy"] = run_greedy(inst)
    say(f"  greedy: {secs(rec['greedy']['time_s'])} s")
    return rec


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def tables(records: List[Dict[str, Any]]) -> str:
    out: List[str] = []
    out.append("### omnistock against OR-tools (costs in cents)\n")
    out.append("| instance | peer | status | peer cost | peer bound | omnistock | method | gap % | omnistock s "
               "| peer build s | peer solve s | ratio to solve | ratio to build + solve | omnistock LB | omnistock gap % |")
    out.append("|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rec in records:
        w = rec.get("omnistock", {}).get("wave", {})
        ok = "cost" in w
        om = w.get("cost") if ok else None
        for p in rec["peers"]:
            pc = p.get("cost") if p.get("exact") else None
            ref = pc if pc is not None else p.get("bound")
            gap = pct(om, ref) if ok else "—"
            if ok and pc is None and ref is not None:
                gap += " (vs bound)"
            if ok and w.get("unfilled"):
                gap += f" ({w['unfilled']} units unfilled)"
            ratio = f"{w['time_s'] / p['solve_s']:.3g}" if ok and p.get("solve_s") else "—"
            both = p.get("solve_s", 0) + p.get("build_s", 0)
            ratio2 = f"{w['time_s'] / both:.3g}" if ok and both else "—"
            method = (w.get("reported") or {}).get("method", "—") if ok else "—"
            ogap = f"{float(w['gap'] * 100):.2f}" if w.get("gap") is not None else "—"
            status = p["status"]
            if p.get("unfilled"):
                status += f", {p['unfilled']} unfilled"
            omni = fmt(om) if ok else w.get("error", "—")[:60]
            out.append(f"| {rec['instance']} | {p['solver']} | {status} | {fmt(pc)} | {fmt(p.get('bound'))} "
                       f"| {omni} | {method} | {gap} | {secs(w.get('time_s'))} "
                       f"| {secs(p['build_s'])} | {secs(p['solve_s'])} | {ratio} | {ratio2} | {fmt(w.get('lower_bound'))} "
                       f"| {ogap} |")
    out.append("")
    out.append("### omnistock against first-come-first-served (costs in cents; ships = shipments, split = orders "
               "in more than one shipment, extra = shipments beyond each order's first)\n")
    out.append("| instance | omnistock wave | ships / split / extra | unfilled | omnistock allocate "
               "| ships / split / extra | unfilled | allocate s | greedy (Python) | ships / split / extra "
               "| unfilled | greedy s |")
    out.append("|---|---:|---|---:|---:|---|---:|---:|---:|---|---:|---:|")

    def trio(e: Dict[str, Any]) -> str:
        return f"{e['shipments']:,} / {e['split_orders']:,} / {e['extra_shipments']:,}" if "cost" in e else "—"

    for rec in records:
        o = rec.get("omnistock", {})
        w, a, g = o.get("wave", {}), o.get("allocate", {}), rec["greedy"]
        out.append(f"| {rec['instance']} | {fmt(w.get('cost'))} | {trio(w)} | {fmt(w.get('unfilled'))} "
                   f"| {fmt(a.get('cost'))} | {trio(a)} | {fmt(a.get('unfilled'))} | {secs(a.get('time_s'))} "
                   f"| {fmt(g['cost'])} | {trio(g)} | {fmt(g['unfilled'])} | {secs(g['time_s'])} |")
    out.append("")
    out.append("### Cross-checks: reported objective against the plan re-costed from the instance data\n")
    out.append("| instance | solver | reported | recomputed | agree | plan valid |")
    out.append("|---|---|---:|---:|---|---|")
    for rec in records:
        o = rec.get("omnistock", {})
        for label, e, rep in (("omnistock allocate_wave (wave.score)", o.get("wave", {}), "wave_score"),
                              ("omnistock allocate_wave (Σ order scores)", o.get("wave", {}), "engine_score"),
                              ("omnistock allocate (Σ order scores)", o.get("allocate", {}), "engine_score")):
            if "cost" in e and e.get(rep) is not None:
                out.append(f"| {rec['instance']} | {label} | {fmt(e[rep])} | {fmt(e['cost'])} "
                           f"| {'yes' if e[rep] == e['cost'] else '**NO**'} | {valid(e)} |")
        for p in rec["peers"]:
            if p.get("exact") and "cost" in p:
                reported = p.get("objective_cost", p.get("objective"))
                agree = reported == p["cost"]
                note = ""
                if "model_objective_recomputed" in p and p["model_objective_recomputed"] != p["objective"]:
                    agree, note = False, f" (model objective from values {fmt(p['model_objective_recomputed'])})"
                out.append(f"| {rec['instance']} | {p['solver']} | {fmt(reported)} | {fmt(p['cost'])} "
                           f"| {'yes' if agree else '**NO**'}{note} | {valid(p)} |")
            elif "relaxed_plan" in p:
                rp = p["relaxed_plan"]
                other = rp["errors"]
                fills = "fills all" if not rp["unfilled"] else f"{rp['unfilled']} unfilled"
                out.append(f"| {rec['instance']} | {p['solver']}: bound {fmt(p['bound'])} (value {fmt(p['objective'])})"
                           f" | — | flow as a plan: {fmt(rp['cost'])} ({rp['extra_shipments']:,} extra shipments) "
                           f"| bound ≤ plan: {'yes' if p['bound'] <= rp['cost'] else '**NO**'} "
                           f"| {fills}{', **' + other[0] + '**' if other else ''} |")
        g = rec["greedy"]
        out.append(f"| {rec['instance']} | greedy | — | {fmt(g['cost'])} | — | {valid(g)} |")
    return "\n".join(out)


def valid(e: Dict[str, Any]) -> str:
    errors = e.get("errors", [])
    more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return "yes" if e.get("valid") else f"**NO**: {'; '.join(errors[:3])}{more}"


def jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else float(v)
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else str(v)
    return v


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke test in under 30 s")
    ap.add_argument("--json", metavar="PATH", help="also write the raw numbers there")
    ap.add_argument("--no-omnistock", action="store_true", help="OR-tools and the greedy only")
    ap.add_argument("--no-cpsat", action="store_true", help="skip CP-SAT on the split families")
    ap.add_argument("--families", default="transport,split,split_large,mid",
                    help="comma-separated (transport, split, split_large, mid)")
    ap.add_argument("--seeds", default="1", help="comma-separated seeds, one instance per family and seed")
    ap.add_argument("--time-limit", type=float, default=None, help="SCIP and CP-SAT limit, s (120; --quick 5)")
    ap.add_argument("--workers", type=int, default=2, help="CP-SAT workers (2: this machine has 2 cores)")
    ap.add_argument("--soft-fill", action="store_true",
                    help="SCIP/CP-SAT may leave units unfilled at a penalty of 10,000.00 per unit "
                         "(default: every unit shipped, a hard constraint, feasible by construction)")
    args = ap.parse_args(argv)
    if args.time_limit is None:
        args.time_limit = 5.0 if args.quick else 120.0
    families = [f.strip() for f in args.families.split(",") if f.strip()]
    for f in families:
        if f not in GENERATORS:
            ap.error(f"unknown family {f!r} (transport, split, split_large, mid)")
    seeds = [int(s) for s in args.seeds.split(",")]

    omnistock = None
    if not args.no_omnistock:
        try:
            import omnistock  # type: ignore[import-not-found]
        except ImportError as e:
            ap.error(f"cannot import omnistock ({e}): build it (make peers) or pass --no-omnistock")
    try:
        import ortools
        ortools_version = ortools.__version__
    except ImportError as e:
        ap.error(f"cannot import ortools ({e}): pip install -r benches/peers/requirements.txt")

    warm_up()
    records = []
    for f in families:
        for seed in seeds:
            inst = GENERATORS[f](*SIZES[f][1 if args.quick else 0], seed)
            records.append(run_instance(inst, args, omnistock))
    header = (f"omnistock {getattr(omnistock, '__version__', '—') if omnistock else 'not run'}, "
              f"OR-tools {ortools_version}, Python {sys.version.split()[0]}, "
              f"{'quick' if args.quick else 'full'} sizes, seeds {args.seeds}, "
              f"MIP/CP-SAT limit {args.time_limit:g} s, CP-SAT workers {args.workers}\n")
    print(header)
    print(tables(records))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"header": header.strip(), "records": jsonable(records)}, fh, indent=1)
    bad = [r["instance"] for r in records
           if not r["greedy"]["valid"] or any("cost" in p and not p["valid"] for p in r["peers"])
           or any("cost" in e and not e["valid"] for e in r.get("omnistock", {}).values() if isinstance(e, dict))]
    if bad:
        say(f"invalid plans in: {', '.join(bad)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
