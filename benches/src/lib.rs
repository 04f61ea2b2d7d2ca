//! Seeded data generators shared by the benches (never the wall clock).

use omnistock::{Adjust, Event, Inventory, Network, Receive};
use serde_json::json;

/// SplitMix64: a tiny, fully deterministic generator for bench inputs.
#[derive(Clone, Debug)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// A network of `locations` locations: `DC0000` warehouses for the first tenth, stores after.
/// Pools: `web` (every location, buffer 2 at stores), `cc` (every store; overlaps `web`) and
/// `mkt` (warehouses, 30 % share cap).
pub fn network(locations: usize) -> Network {
    let dcs = (locations / 10).max(1);
    let ids: Vec<String> = (0..locations)
        .map(|i| {
            if i < dcs {
                format!("DC{i:04}")
            } else {
                format!("ST{i:04}")
            }
        })
        .collect();
    let locs: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| json!({"id": id, "kind": if i < dcs { "warehouse" } else { "store" }}))
        .collect();
    let web: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| json!({"location": id, "buffer": if i < dcs { 0 } else { 2 }}))
        .collect();
    let cc: Vec<_> = ids[dcs..].iter().map(|id| json!({"location": id})).collect();
    let mkt: Vec<_> = ids[..dcs].iter().map(|id| json!({"location": id})).collect();
    serde_json::from_value(json!({
        "locations": locs,
        "channels": [
            {"id": "shop", "kind": "web", "pool": "web"},
            {"id": "cc", "kind": "click_and_collect", "pool": "cc"},
            {"id": "amazon", "kind": "marketplace", "pool": "mkt"}
        ],
        "pools": [
            {"id": "web", "members": web},
            {"id": "cc", "members": cc},
            {"id": "mkt", "members": mkt, "max_share_pct": 30}
        ]
    }))
    .expect("generated network is valid")
}

/// SKU id `i`.
pub fn sku(i: usize) -> String {
    format!("SKU{i:07}")
}

/// An inventory with `locations × skus` positions, each received with 1000..1050 units.
pub fn stocked(locations: usize, skus: usize, seed: u64) -> Inventory {
    let net = network(locations);
    let loc_ids: Vec<String> = net.locations.iter().map(|l| l.id.to_string()).collect();
    let mut inv = Inventory::new(net).expect("valid network");
    let mut rng = SplitMix::new(seed);
    let mut n = 0u64;
    for s in 0..skus {
        let sku = sku(s);
        let events: Vec<Event> = loc_ids
            .iter()
            .map(|l| {
                n += 1;
                Event::Receive(Receive {
                    id: format!("init-{n}").into(),
                    location: l.as_str().into(),
                    sku: sku.as_str().into(),
                    quantity: 1000 + rng.below(50) as i64,
                })
            })
            .collect();
        for o in inv.apply(&events) {
            assert_eq!(o.status, omnistock::EventStatus::Applied);
        }
    }
    inv
}

/// `count` stock events with fresh ids `{prefix}-{k}` over the given positions: receives of 1
/// and adjusts of −1, alternately (a position starts with ≥ 1,000 units, so it never runs out).
pub fn events(prefix: &str, count: usize, locations: usize, skus: usize, rng: &mut SplitMix) -> Vec<Event> {
    let dcs = (locations / 10).max(1);
    (0..count)
        .map(|k| {
            let l = rng.below(locations as u64) as usize;
            let loc = if l < dcs {
                format!("DC{l:04}")
            } else {
                format!("ST{l:04}")
            };
            let sku = sku(rng.below(skus as u64) as usize);
            let id = format!("{prefix}-{k}");
            if k % 2 == 0 {
                Event::Receive(Receive {
                    id: id.into(),
                    location: loc.into(),
                    sku: sku.into(),
                    quantity: 1,
                })
            } else {
                Event::Adjust(Adjust {
                    id: id.into(),
                    location: loc.into(),
                    sku: sku.into(),
                    delta: -1,
                    reason: "bench".into(),
                })
            }
        })
        .collect()
}

/// The network of the promise and sourcing benches: `locations` locations in France, the first
/// tenth warehouses (`DC0000`, ship, cut-off 14:00, 1 day of processing, Monday to Friday), the
/// rest stores (`ST0100`, ship from store and pickup, cut-off 18:00, 2 h, Monday to Saturday),
/// 20 zones, one pool `web` (buffer 1 at stores) sold by channel `web`, and a `standard` service
/// with a zone matrix and distance bands. `extra` adds fields to each location (index,
/// whether a warehouse, the generator, the location's object), after its position is drawn.
pub fn calendar_network(
    locations: usize,
    rng: &mut SplitMix,
    mut extra: impl FnMut(usize, bool, &mut SplitMix, &mut serde_json::Map<String, serde_json::Value>),
) -> serde_json::Value {
    use serde_json::{Map, Value};
    let dcs = (locations / 10).max(1);
    let zones = 20;
    let mut locs = Vec::new();
    let mut members = Vec::new();
    for i in 0..locations {
        let dc = i < dcs;
        let id = if dc { format!("DC{i:04}") } else { format!("ST{i:04}") };
        let lat = 43.0 + rng.below(700) as f64 / 100.0;
        let lon = -1.0 + rng.below(800) as f64 / 100.0;
        let mut loc = json!({
            "id": id, "kind": if dc { "warehouse" } else { "store" },
            "capabilities": if dc { json!(["ship"]) } else { json!(["ship_from_store", "pickup"]) },
            "priority": if dc { 1 } else { 2 },
            "zone": format!("Z{:02}", i % zones), "position": {"lat": lat, "lon": lon},
            "time_zone": "Europe/Paris", "cutoff": if dc { json!("14:00") } else { json!("18:00") },
            "processing": if dc { json!({"days": 1}) } else { json!({"hours": 2}) },
            "working_days": if dc { json!(["mon", "tue", "wed", "thu", "fri"]) } else { json!(["mon", "tue", "wed", "thu", "fri", "sat"]) }
        });
        if let Value::Object(map) = &mut loc {
            extra(i, dc, rng, map);
        }
        locs.push(loc);
        members.push(json!({"location": id, "buffer": if dc { 0 } else { 1 }}));
    }
    let matrix: Map<String, Value> = (0..zones)
        .map(|o| {
            let row: Map<String, Value> = (0..zones)
                .map(|d| (format!("Z{d:02}"), json!(1 + (o + d) % 3)))
                .collect();
            (format!("Z{o:02}"), Value::Object(row))
        })
        .collect();
    json!({
        "locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "web"}],
        "pools": [{"id": "web", "time_zone": "Europe/Paris", "members": members}],
        "services": [{"id": "standard", "transit": {"zones": matrix,
            "distance_bands": [{"max_km": 100, "days": 1}, {"max_km": 600, "days": 2}, {"max_km": 2000, "days": 3}]}}]
    })
}
