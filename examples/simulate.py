"""The main example in Python: a month of a synthetic retailer under three rule sets, the
KPIs side by side. Same output as simulate.rs.

Run from the repository root after `pip install ./bindings-python` (or in the test venv):
    python examples/simulate.py [tiny|small|month|large]
"""

import sys
import time

import omnistock


def main() -> None:
    size = sys.argv[1] if len(sys.argv) > 1 else "month"
    start = time.perf_counter()
    scenario = omnistock.generate(size=size)
    sim = omnistock.simulate(scenario, outcomes=False)
    s = sim["scenario"]
    print(s["name"])
    print(f"{s['orders']} orders, {s['lines']} lines, {len(s['locations'])} locations")
    for run in sim["runs"]:
        c = run["counts"]
        print(
            f"{run['name']}: {c['allocations']} allocations, {c['waves']} waves, {c['reallocations']} reallocations, "
            f"{c['rejections']} rejections, {c['backorders_filled']} backorders filled, "
            f"{c['replenishments']} replenishments, {c['cancellations']} cancellations"
        )
    print(omnistock.comparison_table(sim["comparison"]), end="")
    print(f"generated and simulated in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
