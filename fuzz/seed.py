"""Seeds fuzz/corpus/json_input/ from the shared test data: every golden vector's network,
event batches, promise requests, orders, histories and policies, and every bad-input case's
network and event, one JSON document per file (named by a hash of its content, so reseeding
adds nothing twice). The structured targets (ledger_ops, sourcing_ops, snapshot_plan) read
`arbitrary` bytes, not JSON: libFuzzer grows their corpora itself."""
import glob, hashlib, json, os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fuzz", "corpus", "json_input")
os.makedirs(OUT, exist_ok=True)
KEYS = ("events", "request", "requests", "orders", "history", "policies", "demand", "method", "plan", "data")


def put(value):
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    name = hashlib.sha1(text.encode()).hexdigest()[:16]
    path = os.path.join(OUT, f"seed-{name}")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(text)
        return 1
    return 0


added = 0
for path in sorted(glob.glob(os.path.join(ROOT, "testdata", "golden", "*", "*.json"))):
    vector = json.load(open(path))
    inp = vector.get("input", {})
    if "network" in inp:
        added += put(inp["network"])
    for step in inp.get("steps", []):
        for key in KEYS:
            if key in step:
                added += put(step[key])
bad = json.load(open(os.path.join(ROOT, "testdata", "bad_inputs", "cases.json")))
added += put(bad["network"])
for case in bad["cases"]:
    for key in ("network", "event"):
        if key in case:
            added += put(case[key])
    for key in KEYS + ("text",):
        if key in case.get("query", {}):
            added += put(case["query"][key])
print(f"fuzz/corpus/json_input: {added} seeds added, {len(os.listdir(OUT))} files")
