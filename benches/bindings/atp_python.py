"""Per-call cost of omnistock from Python: `atp` lookups and batched `apply`.

A benchmark, not a test. Run from the repository root after `make test-python` (it builds the
extension in .venv):  .venv/bin/python benches/bindings/atp_python.py
Inputs come from a seeded generator; every answer is checked against the first pass.
"""

import random
import time

import omnistock

LOCATIONS, SKUS = 1000, 100


def network():
    ids = [f"DC{i:04}" if i < LOCATIONS // 10 else f"ST{i:04}" for i in range(LOCATIONS)]
    return {
        "locations": [{"id": i, "kind": "warehouse" if i.startswith("DC") else "store"} for i in ids],
        "pools": [{"id": "web", "members": [{"location": i, "buffer": 0 if i.startswith("DC") else 2} for i in ids]}],
    }, ids


def main():
    rng = random.Random(7)
    net, ids = network()
    inv = omnistock.Inventory(net)
    skus = [f"SKU{s:07}" for s in range(SKUS)]
    inv.apply(
        [
            {"type": "receive", "id": f"i{s}-{l}", "location": loc, "sku": sku, "quantity": 1000 + rng.randrange(50)}
            for s, sku in enumerate(skus)
            for l, loc in enumerate(ids)
        ]
    )
    expected = [inv.atp(s, "web") for s in skus]
    n = 1_000_000
    order = [rng.randrange(SKUS) for _ in range(n)]
    atp = inv.atp
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for i in order:
            atp(skus[i], "web")
        best = min(best, time.perf_counter() - t)
    assert [inv.atp(s, "web") for s in skus] == expected
    print(f"python atp/lookup/pool_1000: {best / n * 1e9:.0f} ns per call ({n} calls, best of 3)")

    batch = [
        {"type": "receive" if k % 2 == 0 else "adjust", "id": f"b{k}", "location": ids[rng.randrange(LOCATIONS)],
         "sku": skus[rng.randrange(SKUS)], **({"quantity": 1} if k % 2 == 0 else {"delta": -1, "reason": "bench"})}
        for k in range(200_000)
    ]
    t = time.perf_counter()
    out = inv.apply(batch)
    el = time.perf_counter() - t
    assert all(o["status"] == "applied" for o in out)
    print(f"python ledger/apply/100k_positions: {len(batch) / el / 1e3:.0f}k events/s (one batch of {len(batch)})")


if __name__ == "__main__":
    main()
