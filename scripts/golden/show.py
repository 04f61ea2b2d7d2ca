import json, glob, os, sys
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "../../testdata/golden", sys.argv[1], "*.json"))):
    if len(sys.argv)>2 and sys.argv[2] not in f: continue
    v=json.load(open(f)); print("==",f.split('/')[-1], v.get("error"))
    for out in v.get("expected",[]):
        outs = out if isinstance(out,list) and out and isinstance(out[0],dict) and "lines" in out[0] else [out]
        for out in outs:
            if isinstance(out,dict) and "lines" in out:
                print(f"  PROMISE promised={out['promised']} date={out.get('date')} ship={out['shipments']} reasons={out['reasons']}")
                for l in out["lines"]:
                    print(f"    line {l['line']} {l['sku']} {l['promised']}/{l['quantity']} date={l.get('date')} reasons={l['reasons']}")
                    for s in l["sources"]:
                        print(f"      {s['location']} q={s['quantity']} due={s['due']} ships={s['ships']} date={s['date']} :: {'; '.join(s['reasons'])}")
            elif isinstance(out,dict) and "buckets" in out:
                print("  TIMELINE now",out["atp_now"],[(b["date"][5:],b["supply"],b["demand"],b["promisable"]) for b in out["buckets"]])
            elif isinstance(out,list):
                print("  apply:", [(o["id"],o["status"],(o.get("error") or {}).get("code")) for o in out])
            else: print("  ",out)
