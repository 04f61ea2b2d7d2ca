import json, os
OUT=os.path.join(os.path.dirname(__file__), '../../testdata')+'/golden/atp_time'
os.makedirs(OUT, exist_ok=True)
def w(name, desc, network, steps):
    json.dump({"description": desc, "input": {"network": network, "steps": steps}}, open(f"{OUT}/{name}.json","w"), indent=2)
def ev(i, **k):
    d={"id": f"e{i}"}; d.update(k); return d
NOW="2026-11-30T09:00:00Z"
one={"locations":[{"id":"DC1","kind":"warehouse","capabilities":["ship"]}],"channels":[{"id":"shop","kind":"web","pool":"web"}],"pools":[{"id":"web","members":[{"location":"DC1"}]}]}
evs=[ev(1,type="receive",location="DC1",sku="A",quantity=20),
 ev(2,type="supply_add",supply="PO-1",location="DC1",sku="A",quantity=30,expected="2026-12-02"),
 ev(3,type="supply_add",supply="PO-2",location="DC1",sku="A",quantity=30,expected="2026-12-05"),
 ev(4,type="supply_add",supply="PO-3",location="DC1",sku="A",quantity=10,expected="2026-12-10")]
res=[("r0",5,None),("r1",8,"2026-12-01"),("r2",12,"2026-12-02"),("r3",25,"2026-12-03"),("r4",10,"2026-12-05"),("r5",15,"2026-12-06"),("r6",5,"2026-12-12")]
for i,(r,q,d) in enumerate(res):
    e=ev(10+i,type="reserve",reservation=r,sku="A",quantity=q,pool="web",kind="hard")
    if d: e["due"]=d
    evs.append(e)
w("textbook_backward_consumption",
"""Worked ATP table, one pool of one warehouse, today 2026-11-30, 7 daily buckets. Supply: 20 on hand; PO-1 30 on 12-02; PO-2 30 on 12-05; PO-3 10 on 12-10 (after the horizon). Demand held by the pool: r0 5 undated (counts today); r1 8 due 12-01; r2 12 due 12-02; r3 25 due 12-03; r4 10 due 12-05; r5 15 due 12-06; r6 5 due 12-12 (after the horizon). Net S-D per day: 11-30 20-5=15; 12-01 -8; 12-02 30-12=18; 12-03 -25; 12-04 0; 12-05 30-10=20; 12-06 -15; later +10-5. Running net: 15, 7, 25, 0, 0, 20, 5, then 15 (12-10) and 10 (12-12). Discrete ATP with backward consumption, from the last day back: 12-06's -15 is taken from 12-05 (20-15=5); 12-03's -25 from 12-02 (18-25=-7), which passes -7 on to 12-01 (-8-7=-15), which takes 15 from 11-30 (15-15=0). Discrete: 0,0,0,0,0,5,0. Cumulative with look-ahead (running sum = least running net from that day on): 0,0,0,0,0,5,5. So although 15 units are physically free today, nothing can be promised before 12-05 without breaking r3 on 12-03; ATP now is 0. Then: 1 more due 12-04 is refused (insufficient_stock), 5 due 12-05 fit, and the timeline shows 12-05 and 12-06 at 0 after that.""",
one,[{"op":"apply","events":evs},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":7},
 {"op":"atp","sku":"A","pool":"web"},
 {"op":"apply","events":[ev(30,type="reserve",reservation="x1",sku="A",quantity=1,pool="web",kind="hard",due="2026-12-04"),
                         ev(31,type="reserve",reservation="x2",sku="A",quantity=5,pool="web",kind="hard",due="2026-12-05"),
                         ev(32,type="reserve",reservation="x3",sku="A",quantity=1,pool="web",kind="hard")]},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":7}])

# Table 2: two locations with a buffer at the store.
two={"locations":[{"id":"DC1","kind":"warehouse","capabilities":["ship"]},{"id":"S1","kind":"store","capabilities":["ship_from_store","pickup"]}],
     "channels":[{"id":"shop","kind":"web","pool":"web"}],
     "pools":[{"id":"web","members":[{"location":"DC1"},{"location":"S1","buffer":2}]}]}
evs=[ev(1,type="receive",location="S1",sku="B",quantity=3),
 ev(2,type="supply_add",supply="T-1",location="S1",sku="B",quantity=4,expected="2026-12-01"),
 ev(3,type="supply_add",supply="PO-9",location="DC1",sku="B",quantity=10,expected="2026-12-03"),
 ev(4,type="reserve",reservation="c1",sku="B",quantity=1,pool="web",kind="hard"),
 ev(5,type="reserve",reservation="c2",sku="B",quantity=6,pool="web",kind="hard",due="2026-12-02"),
 ev(6,type="reserve",reservation="c3",sku="B",quantity=9,pool="web",kind="hard",due="2026-12-04")]
w("textbook_buffers_and_two_sites",
"""Worked ATP table over a pool of a warehouse and a store keeping a buffer of 2, today 2026-11-30, 5 buckets. Supply the pool may use: 11-30: S1 has 3, less the buffer 2 = 1; 12-01: transfer T-1 brings 4 to S1, making 7, less 2 = 5, so the pool gains 5-1 = 4; 12-03: PO-9 brings 10 to DC1 (no buffer): +10. Demand held by the pool: c1 1 undated (today), c2 6 due 12-02, c3 9 due 12-04. c2 is checked first: by 12-02 the running net is 1-1+4 = 4 < 6, so c2 is refused (insufficient_stock) and never counted. c3 fits: by 12-04 the running net is 0+4+10 = 14 >= 9. Net S-D per day: 1-1=0; 4; 0; 10; -9. Running net: 0, 4, 4, 14, 5. Discrete with backward consumption, from the back: 12-04's -9 is taken from 12-03 (10-9=1). Discrete: 0, 4, 0, 1, 0; cumulative with look-ahead: 0, 4, 4, 5, 5. ATP now is 0 (the one unit over the buffer is held by c1).""",
two,[{"op":"apply","events":evs},
 {"op":"atp_timeline","sku":"B","pool":"web","now":NOW,"days":5},
 {"op":"atp","sku":"B","pool":"web"}])

# overlapping pools (flow) timeline
ov={"locations":[{"id":"DC1","kind":"warehouse"},{"id":"S1","kind":"store"}],
    "channels":[{"id":"web","kind":"web","pool":"web"},{"id":"cc","kind":"click_and_collect","pool":"stores"}],
    "pools":[{"id":"web","members":[{"location":"DC1"},{"location":"S1"}]},{"id":"stores","members":[{"location":"S1"}],"max_share_pct":"50"}]}
w("overlapping_pools_over_time",
"Two pools share store S1: web = DC1 + S1, stores = S1 (share cap 50%). S1 has 4, DC1 none; 6 are expected at DC1 on 12-02. web holds 7 due 12-03: the time-expanded flow serves it with the 6 of the supply plus 1 from S1. stores then holds 1 (undated) of S1; 2 would be refused: stores could take 3 of S1 in all, and its cap of 50% lets it promise floor(3 x 0.5) = 1. After that, web can still take 2 of S1 now (4 - 1 for its own hold - 1 for stores) and the same every day: the supply on 12-02 is all needed by its hold on 12-03. The cumulative columns are each pool taken alone (web: 4 now + 6 on 12-02 - 7 on 12-03 = 3); promisable is the binding number once the pools compete for S1. The cc channel sells from stores.",
ov,[{"op":"apply","events":[ev(1,type="receive",location="S1",sku="A",quantity=4),
     ev(2,type="supply_add",supply="PO",location="DC1",sku="A",quantity=6,expected="2026-12-02"),
     ev(3,type="reserve",reservation="w1",sku="A",quantity=7,pool="web",kind="hard",due="2026-12-03"),
     ev(4,type="reserve",reservation="c1",sku="A",quantity=2,pool="stores",kind="hard"),
     ev(5,type="reserve",reservation="c1",sku="A",quantity=1,pool="stores",kind="hard")]},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":5},
 {"op":"atp_timeline","sku":"A","pool":"stores","now":NOW,"days":5},
 {"op":"atp_timeline","sku":"A","channel":"cc","now":NOW,"days":2}])
w("timeline_errors",
"atp_timeline refuses 0 days and more than 3660 (invalid_input), an unknown pool (unknown_pool) and an unknown channel (unknown_channel). A SKU never seen has an all-zero timeline.",
one,[{"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":0},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":3661},
 {"op":"atp_timeline","sku":"A","pool":"nope","now":NOW,"days":2},
 {"op":"atp_timeline","sku":"A","channel":"nope","now":NOW,"days":2},
 {"op":"atp_timeline","sku":"NEVER","pool":"web","now":NOW,"days":2}])
tz={"locations":[{"id":"DC1","kind":"warehouse"}],"pools":[{"id":"web","time_zone":"Asia/Tokyo","members":[{"location":"DC1"}]}]}
w("pool_time_zone_sets_today",
"A pool's today is the date of now in its time zone: at 2026-11-30T20:00Z it is already 12-01 in Tokyo, so the supply expected 12-01 counts in the first bucket.",
tz,[{"op":"apply","events":[ev(1,type="supply_add",supply="PO",location="DC1",sku="A",quantity=5,expected="2026-12-01")]},
 {"op":"atp_timeline","sku":"A","pool":"web","now":"2026-11-30T20:00:00Z","days":2},
 {"op":"atp_timeline","sku":"A","pool":"web","now":"2026-11-30T10:00:00Z","days":2}])
w("dated_holds_lifecycle",
"Dated holds in the ledger: a hold due 12-02 rests on PO-1 (expected 12-01); cancelling PO-1 is refused (would_oversell) while the hold counts on it. Receiving PO-1 early turns it into stock; then the hold ships (fulfil from DC1) and a soft dated hold expires. A hold at a location with a due date is still covered by that location's stock on hand (its date is only recorded): 3 held at DC1 with due 12-09 lower ATP now at once. Over-long dates behave: a hold due 9999-12-31 is just far in the future.",
one,[{"op":"apply","events":[ev(1,type="receive",location="DC1",sku="A",quantity=2),
   ev(2,type="supply_add",supply="PO-1",location="DC1",sku="A",quantity=10,expected="2026-12-01"),
   ev(3,type="reserve",reservation="h1",sku="A",quantity=8,pool="web",kind="hard",due="2026-12-02"),
   ev(4,type="supply_cancel",supply="PO-1"),
   ev(5,type="reserve",reservation="h2",sku="A",quantity=2,pool="web",kind="soft",expires_at="2026-11-30T12:00:00Z",due="2026-12-05")]},
 {"op":"atp","sku":"A","pool":"web"},
 {"op":"apply","events":[ev(6,type="supply_receive",supply="PO-1"),ev(7,type="fulfil",reservation="h1",location="DC1",quantity=5),
   ev(8,type="expire",now="2026-11-30T12:00:00Z"),
   ev(9,type="reserve",reservation="h3",sku="A",quantity=3,pool="web",location="DC1",kind="hard",due="2026-12-09"),
   ev(10,type="reserve",reservation="h4",sku="A",quantity=1,pool="web",kind="hard",due="9999-12-31")]},
 {"op":"atp","sku":"A","pool":"web"},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":3},
 {"op":"restore_snapshot"},
 {"op":"atp","sku":"A","pool":"web"}])
two_sites={"locations":[{"id":"DC1","kind":"warehouse"},{"id":"S1","kind":"store"}],"pools":[{"id":"web","members":[{"location":"DC1"},{"location":"S1"}]}]}
w("transfer_and_dated_holds",
"A hold due 12-05 of 5 units rests on DC1's 5 on hand. A transfer of all 5 to S1 arriving 12-03 keeps it covered (the units are back in the pool before the due date), so it is accepted; ATP now drops to 0 and comes back to 0 after the hold on 12-03. A transfer arriving 12-06, after the due date, is refused (would_oversell). Cancelling the accepted transfer gives the units back to DC1.",
two_sites,[{"op":"apply","events":[ev(1,type="receive",location="DC1",sku="A",quantity=5),
   ev(2,type="reserve",reservation="h",sku="A",quantity=5,pool="web",kind="hard",due="2026-12-05"),
   ev(3,type="transfer",supply="T-late",**{"from":"DC1"},to="S1",sku="A",quantity=5,expected="2026-12-06"),
   ev(4,type="transfer",supply="T-1",**{"from":"DC1"},to="S1",sku="A",quantity=5,expected="2026-12-03")]},
 {"op":"atp_timeline","sku":"A","pool":"web","now":NOW,"days":7},
 {"op":"apply","events":[ev(5,type="supply_cancel",supply="T-1")]},
 {"op":"position","location":"DC1","sku":"A"}])
