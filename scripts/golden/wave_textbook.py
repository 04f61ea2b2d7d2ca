"""Inputs of the textbook transportation-problem vectors (testdata/golden/wave/textbook_*.json).

Each vector is a classical transportation problem from an OR textbook, course material or a
vendor manual, with its published optimal cost, solved through `allocate_wave` under the
`cheapest` preset: source i is a warehouse holding its supply of SKU X, destination j an order
of its demand to zone Dj, and c[i][j] the warehouse's zone rate (`base` 0, `per_unit` c[i][j],
1 day). With no handling cost the wave's total score is sum(units x per_unit), the
transportation objective, so the runners assert that it equals `published.optimum`.

Every published optimum is re-derived here, independently, by three exact computations over
Fractions (standard library only):

1. min-cost flow by successive shortest paths (Bellman-Ford on the residual graph);
2. the transportation simplex (MODI / u-v method) from the northwest-corner basis, with
   Bland's rule so degenerate pivots cannot cycle (a zero-cost dummy column absorbs surplus);
3. an LP duality certificate from the simplex's multipliers: dual feasible
   (u_i + v_j <= c_ij, u_i <= 0 where supply is left over) with the dual objective equal to
   the primal cost.

The script refuses to write anything if a published optimum (or a published plan's cost and
feasibility) disagrees. `published.plan` lists [i, j, units] with 0-based i (source, in
`locations` order) and j (destination, zone D{j+1}, in `orders` order).

The writer keeps an existing vector's `expected` key (filled in by the Rust runner:
UPDATE_GOLDEN=1 cargo test -p omnistock --test golden).

Run: python3 scripts/golden/wave_textbook.py
"""
import json
import os
from fractions import Fraction

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../testdata/golden/wave")
NOW = "2026-11-27T09:00:00Z"

# ---------------------------------------------------------------------------------------------
# The problems. costs: ints, or strings for decimals (kept verbatim as the per_unit rates).
# ---------------------------------------------------------------------------------------------

TEXTBOOK = [
    dict(
        name="pt_company",
        source="Hillier & Lieberman, Introduction to Operations Research (9th/10th ed.), "
               "Section 9.1, P&T Company (Table 9.2 data, optimal solution Fig. 9.4: total "
               "shipping cost $152,535; truckloads of canned peas)",
        sources=[("BELLINGHAM", 75), ("EUGENE", 125), ("ALBERT-LEA", 100)],
        destinations=[("SACRAMENTO", 80), ("SALT-LAKE-CITY", 65), ("RAPID-CITY", 70),
                      ("ALBUQUERQUE", 85)],
        costs=[[464, 513, 654, 867],
               [352, 416, 690, 791],
               [995, 682, 388, 685]],
        optimum="152535",
        plan=[[0, 1, 20], [0, 3, 55], [1, 0, 80], [1, 1, 45], [2, 2, 70], [2, 3, 30]],
    ),
    dict(
        name="sunray_transport",
        source="Taha, Operations Research: An Introduction (10th ed.), Example 5.3-1 SunRay "
               "Transport (Table 5.8; optimum $435 in Example 5.3-5 / Table 5.17, costs in "
               "hundreds of dollars per truckload)",
        sources=[("SILO-1", 15), ("SILO-2", 25), ("SILO-3", 10)],
        destinations=[("MILL-1", 5), ("MILL-2", 15), ("MILL-3", 15), ("MILL-4", 15)],
        costs=[[10, 2, 20, 11],
               [12, 7, 9, 20],
               [4, 14, 16, 18]],
        optimum="435",
        plan=[[0, 1, 5], [0, 3, 10], [1, 1, 10], [1, 2, 15], [2, 0, 5], [2, 3, 5]],
    ),
    dict(
        name="mg_auto",
        source="Taha, Operations Research: An Introduction (10th ed.), Example 5.1-1 MG Auto "
               "(Table 5.2 cost per car; optimal solution Fig. 5.2: $313,200)",
        sources=[("LOS-ANGELES", 1000), ("DETROIT", 1500), ("NEW-ORLEANS", 1200)],
        destinations=[("DENVER", 2300), ("MIAMI", 1400)],
        costs=[[80, 215],
               [100, 108],
               [102, 68]],
        optimum="313200",
        # The text prints "1200 from New Orleans to Miami (x32 = 1000)"; 1200 is the amount its
        # own cost sum (1200 x $68) and the balance use, so 1200 is recorded.
        plan=[[0, 0, 1000], [1, 0, 1300], [1, 1, 200], [2, 1, 1200]],
    ),
    dict(
        name="boralis_production_inventory",
        source="Taha, Operations Research: An Introduction (10th ed.), Example 5.2-1 Boralis "
               "production-inventory control as a transportation model (Table 5.6: $40 a "
               "pack, +$0.50 per month held, +$2.00 per month back-ordered; total cost "
               "$31,455)",
        sources=[("PRODUCTION-MAR", 50), ("PRODUCTION-APR", 180), ("PRODUCTION-MAY", 280),
                 ("PRODUCTION-JUN", 270)],
        destinations=[("DEMAND-MAR", 100), ("DEMAND-APR", 200), ("DEMAND-MAY", 180),
                      ("DEMAND-JUN", 300)],
        costs=[["40.00", "40.50", "41.00", "41.50"],
               ["42.00", "40.00", "40.50", "41.00"],
               ["44.00", "42.00", "40.00", "40.50"],
               ["46.00", "44.00", "42.00", "40.00"]],
        optimum="31455",
        plan=None,  # given only as a figure
    ),
    dict(
        name="powerco",
        source="Winston, Operations Research: Applications and Algorithms (4th ed.), Section "
               "7.1, Example 1 Powerco (cost per million kWh; optimal z = $1020)",
        sources=[("PLANT-1", 35), ("PLANT-2", 50), ("PLANT-3", 40)],
        destinations=[("CITY-1", 45), ("CITY-2", 20), ("CITY-3", 30), ("CITY-4", 30)],
        costs=[[8, 6, 10, 9],
               [9, 12, 13, 7],
               [14, 9, 16, 5]],
        optimum="1020",
        # x12 = 10, x13 = 25, x21 = 45, x23 = 5, x32 = 10, x34 = 30 (also reproduced, with the
        # same cost, at brainden.com/forum/topic/16274-powerco).
        plan=[[0, 1, 10], [0, 2, 25], [1, 0, 45], [1, 2, 5], [2, 1, 10], [2, 3, 30]],
    ),
    dict(
        name="foster_generators",
        source="Anderson, Sweeney, Williams et al., An Introduction to Management Science "
               "(Chapter 6, Distribution and Network Models), Foster Generators "
               "transportation problem (cost per unit; total transportation cost $39,500)",
        sources=[("CLEVELAND", 5000), ("BEDFORD", 6000), ("YORK", 2500)],
        destinations=[("BOSTON", 6000), ("CHICAGO", 4000), ("ST-LOUIS", 2000),
                      ("LEXINGTON", 1500)],
        costs=[[3, 2, 7, 6],
               [7, 5, 2, 3],
               [2, 5, 4, 5]],
        optimum="39500",
        plan=None,  # the shipping plan was not checked against a copy of the book
    ),
    dict(
        name="pulp_beer_distribution",
        source="PuLP documentation, case study 'A Transportation Problem' (The Beer "
               "Distribution Problem, coin-or/pulp examples/BeerDistributionProblem.py, "
               "Mitchell & Phillips 2007: 'Total Cost of Transportation = 8600.0'); supply "
               "5000 crates > demand 4100",
        sources=[("WAREHOUSE-A", 1000), ("WAREHOUSE-B", 4000)],
        destinations=[("BAR-1", 500), ("BAR-2", 900), ("BAR-3", 1800), ("BAR-4", 200),
                      ("BAR-5", 700)],
        costs=[[2, 4, 5, 2, 1],
               [3, 1, 3, 2, 3]],
        optimum="8600",
        plan=[[0, 0, 300], [0, 4, 700], [1, 0, 200], [1, 1, 900], [1, 2, 1800], [1, 3, 200]],
    ),
    dict(
        name="dantzig_trnsport",
        source="Dantzig, Linear Programming and Extensions (1963), Section 3.3, as the GAMS "
               "model library's TRNSPORT (Rosenthal, A GAMS Tutorial, 1988): cost = $90 per "
               "case per thousand miles x distance, in thousands of dollars; objective "
               "153.675; supply 950 cases > demand 900",
        sources=[("SEATTLE", 350), ("SAN-DIEGO", 600)],
        destinations=[("NEW-YORK", 325), ("CHICAGO", 300), ("TOPEKA", 275)],
        costs=[["0.225", "0.153", "0.162"],
               ["0.225", "0.162", "0.126"]],
        optimum="153.675",
        plan=[[0, 0, 50], [0, 1, 300], [1, 0, 275], [1, 2, 275]],
    ),
    dict(
        name="nag_h03ab",
        source="NAG Library Manual, h03ab (nag_mip_transportation, stepping-stone method), "
               "example program data and results: total cost 77",
        sources=[("SOURCE-1", 1), ("SOURCE-2", 5), ("SOURCE-3", 6)],
        destinations=[("DEST-1", 4), ("DEST-2", 4), ("DEST-3", 4)],
        costs=[[8, 8, 11],
               [5, 8, 14],
               [4, 3, 10]],
        optimum="77",
        plan=[[2, 1, 4], [2, 2, 2], [1, 2, 1], [0, 2, 1], [1, 0, 4]],
    ),
]

COMPUTED = "computed by the script's exact solver"
DEGENERATE = [
    dict(
        name="ties_plateau",
        source="Hand-made degenerate case with ties (no published source): SOUTH ships its 5 "
               "to D3 at 1 each; NORTH-A and NORTH-B cover D1 and D2 where "
               "c11 + c22 = c12 + c21 (1 + 3 = 2 + 2), so NORTH-A -> D1 t, NORTH-A -> D2 5-t, "
               "NORTH-B -> D1 5-t, NORTH-B -> D2 t costs 20 for every t in 0..5 (six optimal "
               "integer plans, all scoring the same)",
        sources=[("NORTH-A", 5), ("NORTH-B", 5), ("SOUTH", 5)],
        destinations=[("ORDER-1", 5), ("ORDER-2", 5), ("ORDER-3", 5)],
        costs=[[1, 2, 9],
               [2, 3, 9],
               [9, 9, 1]],
        optimum=None,
        plan=None,
        expect="25",
    ),
    dict(
        name="cheap_source_runs_out",
        source="Hand-made case with supply > demand and a clearly cheapest source that runs "
               "out (no published source): CHEAP (4 units) costs 1 everywhere; it saves 1 a "
               "unit at ORDER-1 (MIDDLE costs 2), 5 at ORDER-2 (MIDDLE 6) and 3 at ORDER-3 "
               "(MIDDLE 4), so it serves ORDER-2 3 and ORDER-3 1; MIDDLE ships ORDER-1 3 and "
               "ORDER-3 2; FAR ships nothing (3 x 1 + 1 x 1 + 3 x 2 + 2 x 4 = 18). Serving the "
               "orders one by one, cheapest first, would give 28",
        sources=[("CHEAP", 4), ("MIDDLE", 10), ("FAR", 10)],
        destinations=[("ORDER-1", 3), ("ORDER-2", 3), ("ORDER-3", 3)],
        costs=[[1, 1, 1],
               [2, 6, 4],
               [3, 7, 9]],
        optimum=None,
        plan=[[0, 1, 3], [0, 2, 1], [1, 0, 3], [1, 2, 2]],
        expect="18",
    ),
]

# Looked at and not written, with the reason (checked below, so the reason stays true).
DROPPED = [
    dict(
        name="ozgrid_paper",
        source="ozgrid.com 'Transportation problem' (Detroit/Pittsburgh/Buffalo paper to "
               "Boston/New York/Chicago/Indianapolis, solved with Excel Solver), states 'Total "
               "Cost of Transportation is $7780'",
        supply=[250, 130, 235],
        demand=[75, 230, 240, 70],
        costs=[[15, 20, 16, 21], [25, 13, 5, 11], [15, 15, 7, 17]],
        stated="7780",
        # The printed plan: its Pittsburgh row sums to 127 (not 130) and its Chicago column to
        # 237 (not 240), and it costs 7765: a garbled transcription of one of several optimal
        # plans. The stated total matches the exact optimum, but the page is neither a textbook
        # nor consistent, so it is left out.
        stated_plan=[[0, 0, "75"], [0, 1, "175"], [1, 1, "21.34"], [1, 2, "35.66"],
                     [1, 3, "70"], [2, 1, "33.66"], [2, 2, "201.34"]],
    ),
]


# ---------------------------------------------------------------------------------------------
# Exact solvers.
# ---------------------------------------------------------------------------------------------

def frac(x):
    return Fraction(x) if not isinstance(x, str) else Fraction(x)


def ssp(supply, demand, cost):
    """Min-cost flow by successive shortest paths, Bellman-Ford on the residual graph.
    Nodes: 0 = s, 1..m sources, m+1..m+n destinations, m+n+1 = t."""
    m, n = len(supply), len(demand)
    N = m + n + 2
    s, t = 0, m + n + 1
    graph = [[] for _ in range(N)]  # edges: [to, cap, cost, rev_index]

    def add(u, v, cap, c):
        graph[u].append([v, cap, c, len(graph[v])])
        graph[v].append([u, 0, -c, len(graph[u]) - 1])

    for i in range(m):
        add(s, 1 + i, supply[i], Fraction(0))
    for j in range(n):
        add(1 + m + j, t, demand[j], Fraction(0))
    big = sum(demand)
    for i in range(m):
        for j in range(n):
            add(1 + i, 1 + m + j, big, cost[i][j])
    need, total = sum(demand), Fraction(0)
    while need > 0:
        dist = [None] * N
        prev = [None] * N
        dist[s] = Fraction(0)
        for _ in range(N - 1):
            changed = False
            for u in range(N):
                if dist[u] is None:
                    continue
                for k, (v, cap, c, _) in enumerate(graph[u]):
                    if cap > 0 and (dist[v] is None or dist[u] + c < dist[v]):
                        dist[v], prev[v], changed = dist[u] + c, (u, k), True
            if not changed:
                break
        if dist[t] is None:
            raise ValueError("demand cannot be met")
        push, v = need, t
        while v != s:
            u, k = prev[v]
            push = min(push, graph[u][k][1])
            v = u
        v = t
        while v != s:
            u, k = prev[v]
            e = graph[u][k]
            e[1] -= push
            graph[v][e[3]][1] += push
            v = u
        need -= push
        total += push * dist[t]
    flow = [[0] * n for _ in range(m)]
    for i in range(m):
        for v, cap, c, rev in graph[1 + i]:
            if 1 + m <= v <= m + n:
                flow[i][v - 1 - m] = big - cap
    return total, flow


def transportation_simplex(supply, demand, cost):
    """NW-corner start, then MODI pivots (Bland's rule). Surplus supply goes to a zero-cost
    dummy column. Returns (cost, plan m x n, u, v) with v including the dummy's multiplier."""
    m = len(supply)
    a = list(supply)
    b = list(demand)
    c = [list(row) for row in cost]
    surplus = sum(a) - sum(b)
    if surplus < 0:
        raise ValueError("demand exceeds supply")
    if surplus > 0:
        b.append(surplus)
        for row in c:
            row.append(Fraction(0))
    n = len(b)
    x = {}
    # Northwest corner: exactly m + n - 1 basic cells (zeros kept when degenerate).
    ra, rb, i, j = list(a), list(b), 0, 0
    while True:
        q = min(ra[i], rb[j])
        x[(i, j)] = q
        ra[i] -= q
        rb[j] -= q
        if i == m - 1 and j == n - 1:
            break
        if ra[i] == 0 and i < m - 1:
            i += 1
        else:
            j += 1
    assert len(x) == m + n - 1

    def multipliers():
        u, v = [None] * m, [None] * n
        u[0] = Fraction(0)
        changed = True
        while changed:
            changed = False
            for (i, j) in x:
                if u[i] is not None and v[j] is None:
                    v[j] = c[i][j] - u[i]
                    changed = True
                elif v[j] is not None and u[i] is None:
                    u[i] = c[i][j] - v[j]
                    changed = True
        assert None not in u and None not in v, "basis is not a spanning tree"
        return u, v

    def cycle(enter):
        # Path in the basis tree from the entering cell's row to its column, alternating
        # row -> column -> row ... (nodes: ('r', i) and ('c', j)).
        adj = {}
        for (i, j) in x:
            adj.setdefault(("r", i), []).append(("c", j))
            adj.setdefault(("c", j), []).append(("r", i))
        start, goal = ("r", enter[0]), ("c", enter[1])
        parent, stack = {start: None}, [start]
        while stack:
            node = stack.pop()
            if node == goal:
                break
            for nxt in adj.get(node, []):
                if nxt not in parent:
                    parent[nxt] = node
                    stack.append(nxt)
        path, node = [], goal
        while node is not None:
            path.append(node)
            node = parent[node]
        path.reverse()  # r(enter_i), c, r, ..., c(enter_j)
        cells = []
        for k in range(len(path) - 1):
            p, q = path[k], path[k + 1]
            cells.append((p[1], q[1]) if p[0] == "r" else (q[1], p[1]))
        # enter (+), then cells along the path alternate -, +, -, ...
        return cells

    for _ in range(10000):
        u, v = multipliers()
        enter = None
        for i in range(m):
            for j in range(n):
                if (i, j) not in x and c[i][j] - u[i] - v[j] < 0:
                    enter = (i, j)  # Bland: the first improving cell
                    break
            if enter:
                break
        if enter is None:
            plan = [[x.get((i, j), 0) for j in range(len(demand))] for i in range(m)]
            total = sum(x[k] * c[k[0]][k[1]] for k in x)
            return total, plan, u, v
        path = cycle(enter)
        minus = path[0::2]
        plus = path[1::2]
        theta = min(x[k] for k in minus)
        leave = min(k for k in minus if x[k] == theta)  # Bland: the first cell among ties
        for k in minus:
            x[k] -= theta
        for k in plus:
            x[k] += theta
        del x[leave]
        x[enter] = theta
    raise RuntimeError("transportation simplex did not terminate")


def certify(supply, demand, cost, plan, u, v, total):
    """Weak + strong duality: the plan is feasible, (u, v) dual feasible, and equal objectives."""
    m, n = len(supply), len(demand)
    for i in range(m):
        assert sum(plan[i]) <= supply[i]
    for j in range(n):
        assert sum(plan[i][j] for i in range(m)) == demand[j]
    assert all(plan[i][j] >= 0 for i in range(m) for j in range(n))
    for i in range(m):
        for j in range(n):
            assert u[i] + v[j] <= cost[i][j], "dual infeasible"
    surplus = sum(supply) - sum(demand)
    if surplus > 0:  # dummy column: u_i + v_dummy <= 0; shift so v_dummy = 0 (u_i <= 0)
        vd = v[n]
        u = [ui + vd for ui in u]
        v = [vj - vd for vj in v[:n]]
        assert all(ui <= 0 for ui in u), "dual infeasible on the supply bounds"
    dual = sum(supply[i] * u[i] for i in range(m)) + sum(demand[j] * v[j] for j in range(n))
    primal = sum(plan[i][j] * cost[i][j] for i in range(m) for j in range(n))
    assert primal == total == dual, (primal, total, dual)


def solve(supply, demand, cost):
    c = [[frac(x) for x in row] for row in cost]
    t1, flow = ssp(supply, demand, c)
    t2, plan, u, v = transportation_simplex(supply, demand, c)
    certify(supply, demand, c, plan, u, v, t2)
    m, n = len(supply), len(demand)
    assert sum(flow[i][j] * c[i][j] for i in range(m) for j in range(n)) == t1
    assert t1 == t2, (t1, t2)
    return t1, plan


def plan_cost(p, supply, demand, cost):
    m, n = len(supply), len(demand)
    x = [[0] * n for _ in range(m)]
    for i, j, q in p:
        assert q > 0 and x[i][j] == 0
        x[i][j] = q
    for i in range(m):
        assert sum(x[i]) <= supply[i], f"plan over supply at source {i}"
    for j in range(n):
        assert sum(x[i][j] for i in range(m)) == demand[j], f"plan misses demand {j}"
    return sum(x[i][j] * frac(cost[i][j]) for i in range(m) for j in range(n))


def dec(f):
    """Exact decimal string of a Fraction whose denominator divides a power of 10."""
    f = Fraction(f)
    k = next(k for k in range(40) if (10 ** k) % f.denominator == 0)
    sign, n = ("-" if f < 0 else ""), abs(f.numerator) * 10 ** k // f.denominator
    if k == 0:
        return f"{sign}{n}"
    digits = f"{n:0{k + 1}d}"
    return f"{sign}{digits[:-k]}.{digits[-k:]}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------
# Vectors.
# ---------------------------------------------------------------------------------------------

def vector(p, optimum, source):
    srcs, dsts, costs = p["sources"], p["destinations"], p["costs"]
    m, n = len(srcs), len(dsts)
    zones = [f"D{j + 1}" for j in range(n)]
    how = ("published optimum" if p["optimum"] is not None else "optimum")
    tail = "" if p["optimum"] is not None else " (computed by the script's exact solver)"
    desc = (f"{p['source']}. {m} sources × {n} destinations; {how} {optimum}{tail}. Solved "
            "through allocate_wave with a zone-matrix cost model: source i is a warehouse with "
            "its supply of SKU X, destination j an order of its demand to zone Dj, the cost "
            "matrix is each warehouse's per-unit zone rate.")
    locations = []
    for i, (sid, _) in enumerate(srcs):
        rates = {zones[j]: {"base": "0", "per_unit": str(costs[i][j]), "days": 1} for j in range(n)}
        locations.append({"id": sid, "kind": "warehouse", "zone": sid, "capabilities": ["ship"],
                          "shipping": {"standard": {"zones": rates}}})
    network = {
        "locations": locations,
        "channels": [{"id": "web", "kind": "web", "pool": "all"}],
        "pools": [{"id": "all", "members": [{"location": sid} for sid, _ in srcs]}],
        # Service.transit has no serde default in core/src/schedule.rs, so an empty one is
        # given; the zone rates' `days` set the transit.
        "services": [{"id": "standard", "transit": {}}],
    }
    receive = [{"type": "receive", "id": f"r{i + 1}", "location": sid, "sku": "X", "quantity": q}
               for i, (sid, q) in enumerate(srcs)]
    orders = [{"id": did, "channel": "web", "service": "standard",
               "destination": {"zone": zones[j]},
               "lines": [{"id": "1", "sku": "X", "quantity": q}]}
              for j, (did, q) in enumerate(dsts)]
    steps = [
        {"op": "apply", "events": receive},
        {"op": "allocate_wave", "now": NOW,
         "rules": {"name": "textbook", "preset": "cheapest", "max_shipments": m},
         "orders": orders},
    ]
    return {
        "description": desc,
        "published": {"optimum": optimum, "source": source, "plan": p["plan"]},
        "input": {"network": network, "steps": steps},
    }


def check_ids(p):
    ids = [s for s, _ in p["sources"]] + [d for d, _ in p["destinations"]]
    assert len(set(ids)) == len(ids), ids
    for x in ids:
        assert x.strip() and "/" not in x, x


def write(name, doc):
    path = f"{OUT}/textbook_{name}.json"
    if os.path.exists(path):
        old = json.load(open(path, encoding="utf-8"))
        if "expected" in old:
            doc["expected"] = old["expected"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return path


def main():
    docs = []
    for p in TEXTBOOK + DEGENERATE:
        check_ids(p)
        supply = [q for _, q in p["sources"]]
        demand = [q for _, q in p["destinations"]]
        assert sum(supply) >= sum(demand), p["name"]
        assert len(p["costs"]) == len(supply) and all(len(r) == len(demand) for r in p["costs"])
        best, _ = solve(supply, demand, p["costs"])
        if p["optimum"] is not None:
            assert Fraction(p["optimum"]) == best, (p["name"], p["optimum"], best)
            optimum, source = p["optimum"], p["source"]
        else:
            assert Fraction(p["expect"]) == best, (p["name"], p["expect"], best)
            optimum, source = dec(best), COMPUTED
        if p["plan"] is not None:
            assert plan_cost(p["plan"], supply, demand, p["costs"]) == best, p["name"]
        docs.append((p["name"], vector(p, optimum, source)))
        print(f"{p['name']:32} {len(supply)}x{len(demand)}  optimum {dec(best):>10}"
              f"  {'plan checked' if p['plan'] else 'no plan'}")
    for d in DROPPED:
        best, _ = solve(d["supply"], d["demand"], d["costs"])
        try:
            plan_cost([[i, j, Fraction(q)] for i, j, q in d["stated_plan"]],
                      d["supply"], d["demand"], d["costs"])
            feasible = True
        except AssertionError:
            feasible = False
        assert Fraction(d["stated"]) == best and not feasible
        print(f"{d['name']:32} dropped: stated optimum {d['stated']} (exact {dec(best)}), "
              "printed plan infeasible")
    os.makedirs(OUT, exist_ok=True)
    for name, doc in docs:
        write(name, doc)
    print(f"wrote {len(docs)} vectors to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
