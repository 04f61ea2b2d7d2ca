import json, os
OUT=os.path.join(os.path.dirname(__file__), '../../testdata')+'/golden/quota'
def w(name, desc, network, steps=None):
    v={"description": desc, "input": {"network": network}}
    if steps is not None: v["input"]["steps"]=steps
    json.dump(v, open(f"{OUT}/{name}.json","w"), indent=2)
def ev(i, **k):
    d={"id": f"e{i}"}; d.update(k); return d
def net(quotas):
    return {"locations":[{"id":"DC1","kind":"warehouse","capabilities":["ship"]}],
     "channels":[{"id":"shop","kind":"web","pool":"web"},{"id":"mkp","kind":"marketplace","pool":"web"},{"id":"flash","kind":"web","pool":"web"}],
     "pools":[{"id":"web","members":[{"location":"DC1"}],"quotas":quotas}]}
def res(i, r, q, ch, due=None, sku="A"):
    e=ev(i,type="reserve",reservation=r,sku=sku,quantity=q,channel=ch,kind="hard")
    if due: e["due"]=due
    return e
w("weekly_quota_exhausted_mid_period",
"The marketplace may reserve 5 units of A per ISO week (Monday to Sunday). Week of 2026-11-30: 3 due Wed 12-02 and 2 due Fri 12-04 use it up, so 1 due Sun 12-06 is refused (quota_exceeded) while 1 due Mon 12-07 opens the next week. The web shop has no quota. The channel timeline from Thu 12-03 shows 0 left until Sunday, then 4 (5 - 1). Releasing the 3 gives them back; shipping the 2 does not.",
net([{"channel":"mkp","sku":"A","quantity":5,"period":"week"}]),
[{"op":"apply","events":[ev(1,type="receive",location="DC1",sku="A",quantity=100),
   res(2,"m1",3,"mkp","2026-12-02"),res(3,"m2",2,"mkp","2026-12-04"),res(4,"m3",1,"mkp","2026-12-06"),
   res(5,"m4",1,"mkp","2026-12-07"),res(6,"w1",10,"shop","2026-12-02")]},
 {"op":"atp_timeline","sku":"A","channel":"mkp","now":"2026-12-03T08:00:00Z","days":6},
 {"op":"apply","events":[ev(7,type="release",reservation="m1"),ev(8,type="fulfil",reservation="m2",location="DC1")]},
 {"op":"atp_timeline","sku":"A","channel":"mkp","now":"2026-12-03T08:00:00Z","days":2},
 {"op":"restore_snapshot"},
 {"op":"apply","events":[res(9,"m5",4,"mkp","2026-12-01"),res(10,"m6",1,"mkp","2026-12-05")]}])
w("total_quota_per_sku",
"A flash sale may reserve at most 4 units of each SKU in total (no sku in the quota: each SKU counts apart; period total: no due date needed). 4 of A and 4 of B fit; 1 more of A is refused with quota_exceeded. A monthly quota needs a due date: without one the reservation is invalid_input naming `due`. A reservation made through the pool directly is not counted against the channel.",
{"locations":[{"id":"DC1","kind":"warehouse"}],
 "channels":[{"id":"flash","kind":"web","pool":"web"},{"id":"mkp","kind":"marketplace","pool":"web"}],
 "pools":[{"id":"web","members":[{"location":"DC1"}],"quotas":[{"channel":"flash","quantity":4,"period":"total"},{"channel":"mkp","quantity":10,"period":"month"}]}]},
[{"op":"apply","events":[ev(1,type="receive",location="DC1",sku="A",quantity=50),ev(2,type="receive",location="DC1",sku="B",quantity=50),
   res(3,"f1",4,"flash",sku="A"),res(4,"f2",4,"flash",sku="B"),res(5,"f3",1,"flash",sku="A"),
   res(6,"k1",1,"mkp"),ev(7,type="reserve",reservation="p1",sku="A",quantity=5,pool="web",kind="hard"),
   res(8,"k2",10,"mkp","2026-12-31"),res(9,"k3",1,"mkp","2026-12-01"),res(10,"k4",1,"mkp","2027-01-01")]},
 {"op":"atp_timeline","sku":"A","channel":"flash","now":"2026-12-30T08:00:00Z","days":3},
 {"op":"atp_timeline","sku":"A","channel":"mkp","now":"2026-12-30T08:00:00Z","days":3}])
w("quota_unknown_channel","A quota names a channel the network does not have: unknown_channel, naming the field.",
  net([{"channel":"nope","quantity":5,"period":"day"}]))
w("quota_channel_of_another_pool","A quota on pool `web` for a channel that sells from pool `stores` is refused: invalid_network.",
  {"locations":[{"id":"S1","kind":"store"}],"channels":[{"id":"cc","kind":"click_and_collect","pool":"stores"}],
   "pools":[{"id":"web","members":[{"location":"S1"}],"quotas":[{"channel":"cc","quantity":1,"period":"week"}]},{"id":"stores","members":[{"location":"S1"}]}]})
w("quota_negative","A negative quota is invalid_quantity.", net([{"channel":"mkp","quantity":-1,"period":"week"}]))
