import json, os
OUT=os.path.join(os.path.dirname(__file__), '../../testdata')+'/golden/network'
def w(name, desc, network):
    json.dump({"description": desc, "input": {"network": network}}, open(f"{OUT}/{name}.json","w"), indent=2)
L=lambda **k: dict({"id":"DC1","kind":"warehouse"}, **k)
w("bad_time_zone","A location's time zone must be a name of the bundled IANA database: `Mars/Olympus` is invalid_network.",{"locations":[L(time_zone="Mars/Olympus")]})
w("empty_working_days","A location that works on no day of the week is invalid_network.",{"locations":[L(working_days=[])]})
w("bad_cutoff","A cut-off must be a time of day like 14:00: 25:00 is invalid_input.",{"locations":[L(cutoff="25:00")]})
w("processing_two_units","Processing is either days or hours, not both: invalid_input.",{"locations":[L(processing={"days":1,"hours":2})]})
w("distance_bands_not_ascending","A service's distance bands must ascend by max_km: invalid_network naming the band.",{"locations":[L()],"services":[{"id":"standard","transit":{"distance_bands":[{"max_km":500,"days":2},{"max_km":100,"days":1}]}}]})
w("duplicate_service","Two services with the same id: duplicate_id.",{"locations":[L()],"services":[{"id":"standard","transit":{}},{"id":"standard","transit":{}}]})
w("lane_unknown_location","A lane to a location the network does not have: unknown_location.",{"locations":[L()],"lanes":[{"from":"DC1","to":"S9","days":1}]})
w("duplicate_lane","The same lane twice: duplicate_id.",{"locations":[L(),{"id":"S1","kind":"store"}],"lanes":[{"from":"DC1","to":"S1","days":1},{"from":"DC1","to":"S1","days":2}]})
w("schedule_fields_accepted","A network with every time field (zone, cut-off, processing, working days, holidays, pool time zone, services, lanes) is valid and starts empty.",
 {"locations":[L(time_zone="Europe/Paris",cutoff="14:00",processing={"days":1},working_days=["mon","tue","wed","thu","fri"],holidays=["2026-12-25"],zone="69",position={"lat":45.76,"lon":4.84}),
               {"id":"S1","kind":"store","capabilities":["pickup"],"processing":{"hours":2}}],
  "pools":[{"id":"web","time_zone":"Europe/Paris","members":[{"location":"DC1"},{"location":"S1"}]}],
  "services":[{"id":"standard","working_days":["mon","tue","wed","thu","fri","sat"],"holidays":["2026-12-25"],"transit":{"zones":{"69":{"75":2}},"distance_bands":[{"max_km":100,"days":1}]}}],
  "lanes":[{"from":"DC1","to":"S1","days":2}]})
