import json, os
OUT=os.path.join(os.path.dirname(__file__), '../../testdata')+'/golden/promise'
os.makedirs(OUT, exist_ok=True)
def w(name, desc, network, steps):
    json.dump({"description": desc, "input": {"network": network, "steps": steps}}, open(f"{OUT}/{name}.json","w"), indent=2)
def ev(i, **k):
    d={"id": f"e{i}"}; d.update(k); return d
WD=["mon","tue","wed","thu","fri"]
STD={"id":"standard","transit":{"zones":{"69":{"75":2,"69":1},"75":{"75":1,"69":2}},"distance_bands":[{"max_km":50,"days":1},{"max_km":600,"days":2},{"max_km":1500,"days":3}]}}
EXP={"id":"express","transit":{"zones":{"69":{"75":1,"69":1},"75":{"75":1}}}}
FR={"locations":[
  {"id":"DC-LYON","kind":"warehouse","capabilities":["ship"],"priority":1,"zone":"69","position":{"lat":45.764,"lon":4.8357},
   "time_zone":"Europe/Paris","cutoff":"14:00","working_days":WD,"holidays":["2026-12-25","2027-01-01"]},
  {"id":"PARIS-01","kind":"store","capabilities":["ship_from_store","pickup"],"priority":2,"zone":"75","position":{"lat":48.8566,"lon":2.3522},
   "time_zone":"Europe/Paris","processing":{"hours":2},"working_days":["mon","tue","wed","thu","fri","sat"]},
  {"id":"PARIS-02","kind":"store","capabilities":["pickup"],"priority":3,"zone":"75","time_zone":"Europe/Paris","processing":{"hours":1}}],
 "channels":[{"id":"web","kind":"web","pool":"online"},{"id":"cc","kind":"click_and_collect","pool":"online"}],
 "pools":[{"id":"online","time_zone":"Europe/Paris","members":[{"location":"DC-LYON"},{"location":"PARIS-01","buffer":1},{"location":"PARIS-02"}]}],
 "services":[STD,EXP],
 "lanes":[{"from":"DC-LYON","to":"PARIS-02","days":2},{"from":"PARIS-01","to":"PARIS-02","days":1}]}
STOCK=[ev(1,type="receive",location="DC-LYON",sku="SHIRT",quantity=10),
 ev(2,type="receive",location="PARIS-01",sku="SHIRT",quantity=3),
 ev(3,type="receive",location="PARIS-01",sku="MUG",quantity=2),
 ev(4,type="supply_add",supply="PO-7",location="DC-LYON",sku="MUG",quantity=20,expected="2026-12-03")]
def req(lines, **k):
    r={"channel":"web","lines":[{"sku":s,"quantity":q} for s,q in lines],"destination":{"zone":"75"},"service":"standard"}
    r.update(k); return r
THU_AM="2026-11-26T09:00:00Z"  # 10:00 Paris, Thursday
THU_PM="2026-11-26T13:00:00Z"  # 14:00 Paris: cut-off
w("cutoff_boundary",
"DC-LYON ships the same working day for an order placed strictly before 14:00 Paris time. Thursday 2026-11-26 at 13:59:59 Paris (12:59:59Z): 10 shirts, too many for PARIS-01 (3 less a buffer of 1), ship from DC-LYON on Thursday, 2 days standard transit (zone 69 to 75, Friday and Monday for a Mon-Fri carrier) so delivered Monday 11-30. At exactly 14:00:00 the cut-off is missed: ships Friday, delivered Tuesday 12-01.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("SHIRT",10)]),"now":"2026-11-26T12:59:59Z"},
 {"op":"promise","request":req([("SHIRT",10)]),"now":THU_PM}])
w("weekend_and_holiday",
"An order placed Friday 2026-12-25 (a holiday at DC-LYON) is accepted Monday 12-28; one placed Thursday 2026-12-31 after the cut-off is accepted on the next working day, skipping the 2027-01-01 holiday and the weekend: Monday 2027-01-04 (year end). Express (1 day, zones) from Monday delivers Tuesday.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("SHIRT",10)],service="express"),"now":"2026-12-25T09:00:00Z"},
 {"op":"promise","request":req([("SHIRT",10)],service="express"),"now":"2026-12-31T15:00:00Z"}])
w("split_vs_ship_complete",
"A cart of 2 shirts and 4 mugs, Thursday 10:00 Paris. Shirts: PARIS-01 has 3 (2 over its buffer) and ships the same day with 2 h of processing, 1 day standard within zone 75: Friday 11-27. Mugs: PARIS-01 has 2 (1 over its buffer), so at least 3 must come from PO-7, expected at DC-LYON on Thursday 12-03, shipping that day, 2 days: Monday 12-07. Since DC-LYON alone delivers all 4 by that same date, one source is preferred to a split. Split allowed: shirts Friday from PARIS-01, mugs 12-07 from DC-LYON; cart date 12-07, 2 shipments. Ship complete: PARIS-01 cannot cover 4 mugs; DC-LYON can (shirts on hand, mugs from PO-7): everything waits for the mugs and ships together on 12-03, delivered 12-07, one shipment.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("SHIRT",2),("MUG",4)]),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",2),("MUG",4)],ship_complete=True),"now":THU_AM}])
w("latest_date_and_short",
"latest: the same 4 mugs cannot arrive by 12-04 (earliest 12-07): not promised, with the reason. 30 mugs: only 21 exist (1 at PARIS-01 over its buffer, 20 on PO-7): the line promises 21 and the cart is not promised. A SKU never seen promises nothing.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("MUG",4)],latest="2026-12-04"),"now":THU_AM},
 {"op":"promise","request":req([("MUG",30)]),"now":THU_AM},
 {"op":"promise","request":req([("NEVER",1)]),"now":THU_AM}])
w("pickup_and_transfer",
"Click-and-collect at PARIS-02 (no stock of its own, 1 h processing, every day): a shirt from PARIS-01 via the 1-day lane, or from DC-LYON via the 2-day lane. Thursday 10:00: PARIS-01 ships Thursday (2 h), arrives at PARIS-02 Friday, ready Friday. At PARIS-01 itself (a pickup store with stock): ready Thursday after 2 h. Pickup at DC-LYON is refused (no pickup capability).",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":{"channel":"cc","lines":[{"sku":"SHIRT","quantity":1}],"pickup":"PARIS-02"},"now":THU_AM},
 {"op":"promise","request":{"channel":"cc","lines":[{"sku":"SHIRT","quantity":2}],"pickup":"PARIS-01"},"now":THU_AM},
 {"op":"promise","request":{"channel":"cc","lines":[{"sku":"SHIRT","quantity":1}],"pickup":"DC-LYON"},"now":THU_AM}])
w("supply_arriving_on_promise_date",
"Promise then reserve: 3 mugs from PO-7 are promised with due 2026-12-03 (the supply's expected date). Reserving them through the channel with that due date is accepted; the next promise no longer counts those units: 17 are left on PO-7 and the one at PARIS-01. Reserving PARIS-01's 1 mug due today is accepted; 1 more due 12-02 is refused (nothing else is available before PO-7). A promise of 18 then finds only the 17 left on PO-7, and the timeline shows 17 promisable from 12-03.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("MUG",3)]),"now":THU_AM},
 {"op":"apply","events":[ev(10,type="reserve",reservation="o1",sku="MUG",quantity=3,channel="web",kind="hard",due="2026-12-03"),
                         ev(11,type="reserve",reservation="o2",sku="MUG",quantity=1,channel="web",kind="hard",due="2026-11-26"),
                         ev(12,type="reserve",reservation="o3",sku="MUG",quantity=1,channel="web",kind="hard",due="2026-12-02")]},
 {"op":"promise","request":req([("MUG",18)]),"now":THU_AM},
 {"op":"atp_timeline","sku":"MUG","pool":"online","now":THU_AM,"days":9}])
w("bad_requests",
"Requests are checked before anything is computed: no lines (invalid_input), zero quantity (invalid_quantity, naming lines[0].quantity), unknown channel, unknown service, a delivery without a service, both destination and pickup, a destination with an out-of-range latitude, and an unreachable destination (no zone match, no position): the line is simply not promised (no route is a reason, not an error). promise_many names the failing request's index.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":{"channel":"web","lines":[],"destination":{"zone":"75"},"service":"standard"},"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",0)]),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",1)],channel="nope"),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",1)],service="drone"),"now":THU_AM},
 {"op":"promise","request":{"channel":"web","lines":[{"sku":"SHIRT","quantity":1}],"destination":{"zone":"75"}},"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",1)],pickup="PARIS-01"),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",1)],destination={"position":{"lat":95,"lon":2}}),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",1)],destination={"zone":"13"}),"now":THU_AM},
 {"op":"promise_many","requests":[req([("SHIRT",1)]),req([("SHIRT",-1)])],"now":THU_AM}])

# --- more vectors ---
DST={"locations":[{"id":"S-PARIS","kind":"store","capabilities":["pickup","ship_from_store"],"zone":"75","time_zone":"Europe/Paris","processing":{"hours":3}},
                  {"id":"S-NY","kind":"store","capabilities":["pickup"],"time_zone":"America/New_York","cutoff":"18:00","processing":{"hours":1}}],
     "channels":[{"id":"cc","kind":"click_and_collect","pool":"stores"}],
     "pools":[{"id":"stores","members":[{"location":"S-PARIS"},{"location":"S-NY"}]}]}
DSTSTOCK=[ev(1,type="receive",location="S-PARIS",sku="A",quantity=5),ev(2,type="receive",location="S-NY",sku="A",quantity=5)]
def pick(store, q=1): return {"channel":"cc","lines":[{"sku":"A","quantity":q}],"pickup":store}
w("dst_and_local_dates",
"Pickup readiness follows each store's own zone and clock. Paris, 3 h of processing: on 2026-03-28 at 22:30 Paris (21:30Z) the order is ready at 01:30 on the 29th, after clocks jumped from 02:00 to 03:00 (ready 2026-03-29); on 2026-10-24 at 20:30 Paris (18:30Z, summer time) ready 23:30 the same day (2026-10-24); at 22:30 (20:30Z) ready 01:30 on the 25th, the night clocks go back. New York, cut-off 18:00: at 2026-11-27T02:00Z it is still 21:00 on the 26th in New York, after the cut-off, so accepted the 27th; at 2026-11-26T22:59:59Z (17:59:59 local) accepted and ready the 26th.",
DST,[{"op":"apply","events":DSTSTOCK},
 {"op":"promise","request":pick("S-PARIS"),"now":"2026-03-28T21:30:00Z"},
 {"op":"promise","request":pick("S-PARIS"),"now":"2026-10-24T18:30:00Z"},
 {"op":"promise","request":pick("S-PARIS"),"now":"2026-10-24T20:30:00Z"},
 {"op":"promise","request":pick("S-NY"),"now":"2026-11-27T02:00:00Z"},
 {"op":"promise","request":pick("S-NY"),"now":"2026-11-26T22:59:59Z"}])
QNET=json.loads(json.dumps(FR))
QNET["channels"].append({"id":"mkp","kind":"marketplace","pool":"online"})
QNET["pools"][0]["quotas"]=[{"channel":"mkp","sku":"SHIRT","quantity":4,"period":"week"}]
w("quota_moves_the_promise",
"The marketplace may take 4 shirts per ISO week. 3 are already reserved for this week (due Thursday 11-26), so a promise of 3 shirts on Thursday 2026-11-26 gets 1 this week and the other 2 only from Monday 11-30, when next week's quota opens: the line splits by due date (1 due 11-26, 2 due 11-30) and arrives by 12-02. Reserving each source with its due is accepted; one more due this week is refused (quota_exceeded). The web channel has no quota.",
QNET,[{"op":"apply","events":STOCK+[ev(5,type="reserve",reservation="m0",sku="SHIRT",quantity=3,channel="mkp",kind="hard",due="2026-11-26")]},
 {"op":"promise","request":req([("SHIRT",3)],channel="mkp"),"now":THU_AM},
 {"op":"apply","events":[ev(6,type="reserve",reservation="m1",sku="SHIRT",quantity=1,channel="mkp",kind="hard",due="2026-11-26"),
                         ev(7,type="reserve",reservation="m2",sku="SHIRT",quantity=2,channel="mkp",kind="hard",due="2026-11-30"),
                         ev(8,type="reserve",reservation="m3",sku="SHIRT",quantity=1,channel="mkp",kind="hard",due="2026-11-29")]},
 {"op":"promise","request":req([("SHIRT",3)]),"now":THU_AM}])
w("distance_band_and_express",
"Destination given by position only (Marseille, 43.2965 N 5.3698 E, no zone): the zone matrix cannot answer, the distance bands do. DC-LYON is 278 km away (band up to 600 km: 2 days), PARIS-01 661 km (up to 1500 km: 3 days). Express has no distance bands and no zone for this destination: no route, the line is not promised, with the reason. promise_many answers both requests against the same state.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise_many","requests":[req([("SHIRT",1)],destination={"position":{"lat":43.2965,"lon":5.3698}}),
                                   req([("SHIRT",1)],destination={"position":{"lat":43.2965,"lon":5.3698}},service="express")],"now":THU_AM}])
w("ship_complete_no_single_location",
"Ship complete with 11 shirts: DC-LYON has 10 and PARIS-01 can give 2; no location holds 11, so the cart is not promised as one shipment; the answer still shows how a split would serve it, with the reason.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":req([("SHIRT",11)],ship_complete=True),"now":THU_AM},
 {"op":"promise","request":req([("SHIRT",11)]),"now":THU_AM}])
w("pickup_without_lane",
"Click-and-collect of 2 mugs at PARIS-02 (no stock of its own; works every day, 1 h of processing). PARIS-01 has only 1 mug over its buffer (1-day lane); DC-LYON's mugs come from PO-7 on 12-03 and take the 2-day lane (counted on PARIS-02's working days): they arrive and are ready on 12-05. Splitting (1 from PARIS-01 on 11-27, 1 from DC-LYON on 12-05) would not be earlier than DC-LYON alone, so one source is used.",
FR,[{"op":"apply","events":STOCK},
 {"op":"promise","request":{"channel":"cc","lines":[{"sku":"MUG","quantity":2}],"pickup":"PARIS-02"},"now":THU_AM}])
NOLANE=json.loads(json.dumps(FR)); NOLANE["lanes"]=[]
w("pickup_no_lane_reason","Without any lane into PARIS-02 (which holds no stock itself), a pickup there cannot be promised; the line says no holder has a lane to the store.",
NOLANE,[{"op":"apply","events":STOCK},{"op":"promise","request":{"channel":"cc","lines":[{"sku":"SHIRT","quantity":1}],"pickup":"PARIS-02"},"now":THU_AM}])

# --- regressions found by review ---
ALL7=["mon","tue","wed","thu","fri","sat","sun"]
def simple(locs, pools, zones, **extra):
    n={"locations":[dict({"id":l,"kind":"warehouse","capabilities":["ship"],"zone":z}, **x) for l,z,x in locs],
       "channels":[{"id":f"c{i}","kind":"web","pool":p["id"]} for i,p in enumerate(pools)],
       "pools":pools,
       "services":[{"id":"std","working_days":ALL7,"transit":{"zones":zones}}]}
    n.update(extra); return n
NY="2027-01-01T00:00:00Z"
def dreq(ch,q,**k):
    r={"channel":ch,"lines":[{"sku":"A","quantity":q}],"destination":{"zone":"D"},"service":"std"}; r.update(k); return r
w("competing_pool_supply_not_offered",
"Pools p1 = FAR + NEAR and p2 = NEAR. NEAR has 10 and 5 more expected 2027-01-02; p2 holds 15 due 2027-01-02, so all of NEAR's units, supply included, are needed by p2. A promise of 5 through p1 must not name NEAR (it could not ship from there): it comes from FAR (5 days of transit), delivered 2027-01-06. Reserving it is accepted.",
simple([("FAR","F",{}),("NEAR","N",{})],[{"id":"p1","members":[{"location":"FAR"},{"location":"NEAR"}]},{"id":"p2","members":[{"location":"NEAR"}]}],{"F":{"D":5},"N":{"D":1}}),
[{"op":"apply","events":[ev(1,type="receive",location="NEAR",sku="A",quantity=10),ev(2,type="receive",location="FAR",sku="A",quantity=10),
   ev(3,type="supply_add",supply="PO",location="NEAR",sku="A",quantity=5,expected="2027-01-02"),
   ev(4,type="reserve",reservation="h2",sku="A",quantity=15,pool="p2",kind="hard",due="2027-01-02")]},
 {"op":"promise","request":dreq("c0",5),"now":NY},
 {"op":"apply","events":[ev(5,type="reserve",reservation="o",sku="A",quantity=5,channel="c0",kind="hard",due="2027-01-01")]}])
w("share_cap_sources_in_reserve_order",
"Pool p (share cap 75%) = FAR (5 days of transit) + NEAR (same day). FAR has 6; NEAR expects 2 on 2027-01-02; a hold of 2 is due 2027-01-02. A promise of 5 takes 4 from FAR (due today) and 1 from NEAR's supply (due 01-02). Because of the cap, what a reservation may take depends on those made before it: the sources are listed in the order to reserve them (by due date), and reserving them in that order is accepted.",
simple([("FAR","F",{}),("NEAR","N",{})],[{"id":"p","max_share_pct":"75","members":[{"location":"FAR"},{"location":"NEAR"}]}],{"F":{"D":5},"N":{"D":0}}),
[{"op":"apply","events":[ev(1,type="receive",location="FAR",sku="A",quantity=6),
   ev(2,type="supply_add",supply="PO",location="NEAR",sku="A",quantity=2,expected="2027-01-02"),
   ev(3,type="reserve",reservation="h",sku="A",quantity=2,pool="p",kind="hard",due="2027-01-02")]},
 {"op":"promise","request":dreq("c0",5),"now":NY},
 {"op":"apply","events":[ev(4,type="reserve",reservation="o1",sku="A",quantity=4,channel="c0",kind="hard",due="2027-01-01"),
                         ev(5,type="reserve",reservation="o2",sku="A",quantity=1,channel="c0",kind="hard",due="2027-01-02")]}])
w("overdue_supplies_count_apart",
"Two supplies at one warehouse are overdue (expected 2026-12-20 and 2026-12-22, still outstanding on 2026-12-30): both count from today, 3 + 4 = 7 units, and the reasons give their real expected dates. The timeline agrees (7 promisable today).",
simple([("DC","Z",{})],[{"id":"p","members":[{"location":"DC"}]}],{"Z":{"D":1}}),
[{"op":"apply","events":[ev(1,type="supply_add",supply="PO-1",location="DC",sku="A",quantity=3,expected="2026-12-20"),
   ev(2,type="supply_add",supply="PO-2",location="DC",sku="A",quantity=4,expected="2026-12-22")]},
 {"op":"promise","request":dreq("c0",7),"now":"2026-12-30T08:00:00Z"},
 {"op":"atp_timeline","sku":"A","pool":"p","now":"2026-12-30T08:00:00Z","days":1}])
w("pickup_at_disabled_store",
"A disabled store sells nothing: a pickup there is refused with location_disabled, even though a lane could bring stock to it.",
{"locations":[{"id":"DC","kind":"warehouse","capabilities":["ship"]},{"id":"S1","kind":"store","capabilities":["pickup"],"enabled":False}],
 "channels":[{"id":"cc","kind":"click_and_collect","pool":"p"}],"pools":[{"id":"p","members":[{"location":"DC"},{"location":"S1"}]}],
 "lanes":[{"from":"DC","to":"S1","days":1}]},
[{"op":"apply","events":[ev(1,type="receive",location="DC",sku="A",quantity=3)]},
 {"op":"promise","request":{"channel":"cc","lines":[{"sku":"A","quantity":1}],"pickup":"S1"},"now":THU_AM}])
