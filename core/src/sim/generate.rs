//! A seeded synthetic retailer: the built-in scenario of the main example, and any size of it.

use jiff::civil::{Date, Weekday};
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::rng::SplitMix;
use super::{Allocation, Scenario, SimRules};
use crate::error::{Error, Result};
use crate::sourcing::{Preset, RuleSet};

/// What [`generate`] makes. Every field has a default (the `month` size); `size` picks a
/// preset whose values the other fields override.
///
/// | size | DCs | stores | SKUs | days | orders per day |
/// |---|---|---|---|---|---|
/// | `tiny` | 2 | 4 | 40 | 3 | 25 |
/// | `small` | 2 | 10 | 300 | 7 | 250 |
/// | `month` (default) | 2 | 50 | 5,000 | 30 | 1,500 |
/// | `large` | 2 | 50 | 5,000 | 30 | 20,000 (≈ 1 M order lines) |
///
/// The retailer: two DCs (Lyon, Orléans) and stores around twelve French cities; channels
/// `web` (DCs and ship-from-store, services `standard` and `express`), `marketplace` (DCs
/// only, at most 40 % of their stock) and `click_and_collect` (pickup at a store, from its
/// own stock or by a DC transfer); distance-priced carriers; SKUs of which a fifth are fast
/// movers (three quarters of the demand) and the rest intermittent; prices and costs; orders
/// through the day with a weekly rhythm, a Black Friday peak (×4, then ×2 the weekend and ×2.5
/// Cyber Monday) when the day after the fourth Thursday of November falls in the period, 2 % cancelled by the
/// customer within hours; weekly DC receipts; a supplier delivering a week late (from day 10 to
/// day 16, when the period has 16 days or more); the biggest store offline for two days from
/// day 20 (when it has 21 days or more); min/max replenishment (stores from the DC, DCs from
/// the supplier), weekly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateOptions {
    /// `tiny`, `small`, `month` (default) or `large`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// The seed (default 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Stores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stores: Option<u32>,
    /// SKUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skus: Option<u32>,
    /// Days of orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Orders on an ordinary weekday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders_per_day: Option<u32>,
    /// The first day (default 2026-11-01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
}

/// The three rule sets of the main example: `priority` and `closest` order by order,
/// `balanced` in hourly waves.
///
/// # Examples
///
/// ```
/// let r = omnistock::builtin_rule_sets();
/// assert_eq!(r.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["priority", "closest", "balanced"]);
/// ```
pub fn builtin_rule_sets() -> Vec<SimRules> {
    let one = |p: Preset, allocation: Allocation| SimRules {
        name: p.name().to_owned(),
        rules: RuleSet::preset(p),
        allocation,
        wave_minutes: 60,
    };
    vec![
        one(Preset::Priority, Allocation::Order),
        one(Preset::Closest, Allocation::Order),
        one(Preset::Balanced, Allocation::Wave),
    ]
}

/// [`generate`] from JSON options.
///
/// # Errors
///
/// `invalid_input` naming the field, then those of [`generate`].
pub fn generate_values(options: Value) -> Result<Scenario> {
    let options: GenerateOptions = crate::error::read_value(options)?;
    generate(&options)
}

const CITIES: [(&str, f64, f64); 12] = [
    ("75", 48.8566, 2.3522),
    ("69", 45.7640, 4.8357),
    ("13", 43.2965, 5.3698),
    ("59", 50.6292, 3.0573),
    ("33", 44.8378, -0.5792),
    ("31", 43.6047, 1.4442),
    ("44", 47.2184, -1.5536),
    ("67", 48.5734, 7.7521),
    ("06", 43.7102, 7.2620),
    ("35", 48.1173, -1.6778),
    ("34", 43.6108, 3.8767),
    ("63", 45.7772, 3.0870),
];

/// Generates a synthetic retailer (see [`GenerateOptions`]), the same for the same options
/// everywhere.
///
/// # Errors
///
/// `invalid_input` naming the field: an unknown size, 0 or more than 500 stores, 0 or more
/// than 200,000 SKUs, `days` out of 1..=366, 0 or more than 200,000 orders per day.
///
/// # Examples
///
/// ```
/// let s = omnistock::generate_values(serde_json::json!({"size": "tiny", "seed": 3}))?;
/// assert_eq!(s.network.locations.len(), 6);
/// assert_eq!(s, omnistock::generate_values(serde_json::json!({"size": "tiny", "seed": 3}))?);
/// # Ok::<(), omnistock::Error>(())
/// ```
pub fn generate(options: &GenerateOptions) -> Result<Scenario> {
    let (stores, skus, days, per_day) = match options.size.as_deref().unwrap_or("month") {
        "tiny" => (4, 40, 3, 25),
        "small" => (10, 300, 7, 250),
        "month" => (50, 5000, 30, 1500),
        "large" => (50, 5000, 30, 20_000),
        other => {
            return Err(Error::invalid_input(format!("unknown size `{other}` (tiny, small, month, large)")).at("size"));
        }
    };
    let stores = options.stores.unwrap_or(stores);
    let skus = options.skus.unwrap_or(skus);
    let days = options.days.unwrap_or(days);
    let per_day = options.orders_per_day.unwrap_or(per_day);
    let range = |v: u32, hi: u32, f: &str| {
        if v == 0 || v > hi {
            Err(Error::invalid_input(format!("must be 1..={hi}, got {v}")).at(f))
        } else {
            Ok(())
        }
    };
    range(stores, 500, "stores")?;
    range(skus, 200_000, "skus")?;
    range(days, super::MAX_SIM_DAYS, "days")?;
    range(per_day, 200_000, "orders_per_day")?;
    let seed = options.seed.unwrap_or(7);
    let start_day = options.start.unwrap_or(jiff::civil::date(2026, 11, 1));
    let start = super::day_start(start_day);
    let mut rng = SplitMix::new(seed);
    let network = network(stores, &mut rng);
    let fast = (skus / 5).max(1);
    // SKU popularity: fast movers share 75 % of the picks, the others 25 %, each uniformly.
    let sku_id = |s: u32| format!("SKU-{s:05}");
    let mut catalog = serde_json::Map::new();
    for s in 0..skus {
        let price = 500 + rng.between(0, 11_500); // 5.00 to 120.00
        let cost = price * (40 + rng.between(0, 20)) / 100;
        catalog.insert(sku_id(s), json!({"price": cents(price), "cost": cents(cost)}));
    }
    let daily = |s: u32| -> f64 {
        let share = if s < fast {
            0.75 / fast as f64
        } else {
            0.25 / (skus - fast).max(1) as f64
        };
        share * per_day as f64 * 1.6 // 1.6 units per order on average
    };
    let mut initial = Vec::new();
    let mut stream: Vec<(Timestamp, Value)> = Vec::new();
    let mut eid = 0u64;
    let mut next = |p: &str| {
        eid += 1;
        format!("{p}{eid}")
    };
    // Opening stock: each DC ~12 days of its half of the demand; fast movers in every store,
    // slow movers in one store out of five.
    for s in 0..skus {
        let d = daily(s);
        for dc in ["DC-LYON", "DC-ORLEANS"] {
            let q = (d * 6.0).ceil() as i64 + rng.between(0, 3) as i64;
            initial
                .push(json!({"type": "receive", "id": next("open-"), "location": dc, "sku": sku_id(s), "quantity": q}));
        }
        for st in 0..stores {
            if s < fast || rng.between(0, 4) == 0 {
                let q = 1 + rng.between(0, if s < fast { 5 } else { 1 }) as i64;
                initial.push(json!({"type": "receive", "id": next("open-"), "location": store_id(st), "sku": sku_id(s), "quantity": q}));
            }
        }
    }
    // Weekly DC receipts (every 7 days from day 3): a week of demand for the fast movers.
    let mut day = 3;
    while day < days {
        let at = at_hour(start, day as i64, 6.0);
        for s in 0..fast {
            for dc in ["DC-LYON", "DC-ORLEANS"] {
                let q = (daily(s) * 3.5).ceil() as i64;
                stream.push((
                    at,
                    json!({"type": "event", "at": at, "event":
                    {"type": "receive", "id": next("rcv-"), "location": dc, "sku": sku_id(s), "quantity": q}}),
                ));
            }
        }
        day += 7;
    }
    // The late supplier: a purchase for the top fast movers expected on day 10 lands on day 16.
    if days >= 16 {
        let expected = start_day.checked_add(Span::new().days(10)).unwrap_or(start_day);
        let at = at_hour(start, 16, 9.0);
        for s in 0..fast.min(50) {
            let supply = next("PO-");
            let q = (daily(s) * 10.0).ceil() as i64;
            initial.push(
                json!({"type": "supply_add", "id": next("po-"), "supply": supply, "location": "DC-LYON",
                                "sku": sku_id(s), "quantity": q, "expected": expected.to_string()}),
            );
            stream.push((
                at,
                json!({"type": "event", "at": at, "event":
                {"type": "supply_receive", "id": next("po-rcv-"), "supply": supply}}),
            ));
        }
    }
    // The outage: the first store (the biggest city) is offline for two days from day 20.
    if days >= 21 {
        let at = at_hour(start, 20, 8.0);
        let until = at_hour(start, 22, 8.0);
        stream.push((
            at,
            json!({"type": "outage", "at": at, "location": store_id(0), "until": until}),
        ));
    }
    // Orders.
    let mut n = 0u64;
    for d in 0..days {
        let date = start_day.checked_add(Span::new().days(d as i64)).unwrap_or(start_day);
        let count = (per_day as f64 * day_factor(date)).round() as u64;
        for _ in 0..count {
            n += 1;
            let hour = 7.0 + rng.unit() * 16.0;
            let at = at_hour(start, d as i64, hour);
            let id = format!("SO-{n:07}");
            let city = rng.between(0, CITIES.len() as u64 - 1) as usize;
            let (zone, lat, lon) = CITIES[city];
            let nlines = match rng.between(0, 99) {
                0..=54 => 1,
                55..=84 => 2,
                _ => 3,
            };
            let mut picked: Vec<u32> = Vec::new();
            while picked.len() < nlines {
                let s = if rng.unit() < 0.75 || fast == skus {
                    rng.between(0, fast as u64 - 1) as u32
                } else {
                    fast + rng.between(0, (skus - fast) as u64 - 1) as u32
                };
                if !picked.contains(&s) {
                    picked.push(s);
                }
            }
            let lines: Vec<Value> = picked
                .iter()
                .enumerate()
                .map(|(k, &s)| json!({"id": (k + 1).to_string(), "sku": sku_id(s), "quantity": if rng.between(0, 99) < 85 { 1 } else { 2 }}))
                .collect();
            let channel = rng.between(0, 99);
            let order = if channel < 20 {
                // Click-and-collect at a store of the customer's city (or any store).
                let st = store_in(city, stores, &mut rng);
                json!({"id": id, "channel": "click_and_collect", "pickup": store_id(st), "lines": lines})
            } else {
                let dest = json!({"zone": zone, "position": {"lat": round4(lat + (rng.unit() - 0.5) * 0.6),
                                                             "lon": round4(lon + (rng.unit() - 0.5) * 0.8)}});
                if channel < 40 {
                    json!({"id": id, "channel": "marketplace", "service": "standard", "destination": dest, "lines": lines})
                } else {
                    let service = if rng.between(0, 99) < 15 { "express" } else { "standard" };
                    let priority = if service == "express" { 0 } else { 1 };
                    json!({"id": id, "channel": "web", "service": service, "priority": priority, "destination": dest, "lines": lines})
                }
            };
            stream.push((at, json!({"type": "order", "at": at, "order": order})));
            if rng.between(0, 99) < 2 {
                let later = at
                    .checked_add(Span::new().seconds(3600 + rng.between(0, 5 * 3600) as i64))
                    .unwrap_or(at);
                let end = at_hour(start, days as i64, 0.0);
                if later < end {
                    stream.push((later, json!({"type": "cancel", "at": later, "order": id})));
                }
            }
        }
    }
    stream.sort_by_key(|(t, _)| *t);
    let mut rules = Vec::new();
    for dc in ["DC-LYON", "DC-ORLEANS"] {
        rules.push(
            json!({"location": dc, "category": "fast", "type": "min_max", "supplier": "ACME",
                          "lead_time_days": 7}),
        );
    }
    let mut categories = Vec::new();
    for s in 0..fast {
        categories.push(json!({"sku": sku_id(s), "category": "fast"}));
    }
    for st in 0..stores {
        rules.push(json!({"location": store_id(st), "category": "fast", "type": "min_max",
                          "source": if st % 2 == 0 { "DC-LYON" } else { "DC-ORLEANS" }, "min": 2, "max": 6}));
    }
    // DC min/max per fast SKU: a week of its demand, up to three.
    for s in 0..fast {
        let d = daily(s) / 2.0;
        for dc in ["DC-LYON", "DC-ORLEANS"] {
            rules.push(
                json!({"location": dc, "sku": sku_id(s), "min": (d * 7.0).ceil() as i64 + 1,
                              "max": (d * 21.0).ceil() as i64 + 2}),
            );
        }
    }
    let scenario = json!({
        "name": format!("synthetic retailer: 2 DCs, {stores} stores, {skus} SKUs, {days} days, seed {seed}"),
        "network": network,
        "start": start,
        "days": days,
        "seed": seed,
        "initial": initial,
        "stream": stream.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        "catalog": catalog,
        "replenishment": {"policies": {"rules": rules, "categories": categories}, "every_days": 7},
    });
    crate::error::read_value(scenario)
}

fn network(stores: u32, rng: &mut SplitMix) -> Value {
    let mut locations = vec![
        dc("DC-LYON", 45.7485, 4.8467, "69"),
        dc("DC-ORLEANS", 47.9030, 1.9093, "45"),
    ];
    let mut online = vec![json!({"location": "DC-LYON"}), json!({"location": "DC-ORLEANS"})];
    let mut pickup = Vec::new();
    let mut lanes = Vec::new();
    for st in 0..stores {
        let (zone, lat, lon) = CITIES[st as usize % CITIES.len()];
        let id = store_id(st);
        let pos = json!({"lat": round4(lat + (rng.unit() - 0.5) * 0.2), "lon": round4(lon + (rng.unit() - 0.5) * 0.3)});
        locations.push(json!({
            "id": id, "kind": "store", "capabilities": ["pickup", "ship_from_store"], "priority": 2,
            "position": pos, "zone": zone, "processing": {"hours": 2},
            "capacity": {"orders_per_day": 40, "units_per_day": 120},
            "handling": {"per_order": "2.50", "per_unit": "0.40"},
            "shipping": {"standard": {"distance": {"base": "3.90", "per_unit": "0.30", "per_km": "0.004"}},
                         "express": {"distance": {"base": "7.90", "per_unit": "0.30", "per_km": "0.006"}}},
        }));
        online.push(json!({"location": id, "buffer": 1}));
        pickup.push(json!({"location": id}));
        for dcid in ["DC-LYON", "DC-ORLEANS"] {
            lanes.push(json!({"from": dcid, "to": id, "days": 2, "base": "6.00", "per_unit": "0.10"}));
        }
    }
    pickup.extend([json!({"location": "DC-LYON"}), json!({"location": "DC-ORLEANS"})]);
    json!({
        "locations": locations,
        "channels": [
            {"id": "web", "kind": "web", "pool": "online"},
            {"id": "marketplace", "kind": "marketplace", "pool": "marketplace"},
            {"id": "click_and_collect", "kind": "click_and_collect", "pool": "pickup"},
        ],
        "pools": [
            {"id": "online", "members": online},
            {"id": "marketplace", "members": [{"location": "DC-LYON"}, {"location": "DC-ORLEANS"}], "max_share_pct": "40"},
            {"id": "pickup", "members": pickup},
        ],
        "lanes": lanes,
        "services": [
            {"id": "standard", "transit": {"distance_bands": [{"max_km": 150, "days": 1}, {"max_km": 600, "days": 2}, {"max_km": 2000, "days": 3}]}},
            {"id": "express", "transit": {"distance_bands": [{"max_km": 600, "days": 1}, {"max_km": 2000, "days": 2}]}},
        ],
    })
}

fn dc(id: &str, lat: f64, lon: f64, zone: &str) -> Value {
    json!({
        "id": id, "kind": "warehouse", "capabilities": ["ship"], "priority": 1,
        "position": {"lat": lat, "lon": lon}, "zone": zone, "cutoff": "14:00",
        "capacity": {"orders_per_day": 50_000, "units_per_day": 150_000},
        "handling": {"per_order": "1.20", "per_unit": "0.15"},
        "shipping": {"standard": {"distance": {"base": "4.90", "per_unit": "0.20", "per_km": "0.002"}},
                     "express": {"distance": {"base": "8.90", "per_unit": "0.20", "per_km": "0.004"}}},
    })
}

fn store_id(st: u32) -> String {
    format!("STORE-{:03}", st + 1)
}

/// A store of city `city` (stores take the cities in turn), or any store if it has none.
fn store_in(city: usize, stores: u32, rng: &mut SplitMix) -> u32 {
    let c = CITIES.len() as u32;
    let city = city as u32;
    let here = if city < stores { (stores - city).div_ceil(c) } else { 0 };
    if here == 0 {
        rng.between(0, stores as u64 - 1) as u32
    } else {
        city + c * rng.between(0, here as u64 - 1) as u32
    }
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn at_hour(start: Timestamp, day: i64, hour: f64) -> Timestamp {
    start
        .checked_add(Span::new().seconds(day * 86_400 + (hour * 3600.0) as i64))
        .unwrap_or(start)
}

/// Orders on a date relative to an ordinary weekday: weekends busier, Black Friday (the day
/// after the fourth Thursday of November) ×4, its weekend ×2, Cyber Monday ×2.5.
fn day_factor(d: Date) -> f64 {
    let bf = black_friday(d.year());
    let base = match d.weekday() {
        Weekday::Saturday | Weekday::Sunday => 1.2,
        _ => 1.0,
    };
    match (d - bf).get_days() {
        0 => 4.0,
        1 | 2 => 2.0,
        3 => 2.5,
        _ => base,
    }
}

fn black_friday(year: i16) -> Date {
    let first = jiff::civil::date(year, 11, 1);
    let to_thursday =
        (Weekday::Thursday.to_monday_zero_offset() - first.weekday().to_monday_zero_offset()).rem_euclid(7);
    first
        .checked_add(Span::new().days(to_thursday as i64 + 22))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_friday_follows_the_fourth_thursday_of_november() {
        assert_eq!(black_friday(2026), jiff::civil::date(2026, 11, 27));
        assert_eq!(black_friday(2025), jiff::civil::date(2025, 11, 28));
        assert_eq!(black_friday(2024), jiff::civil::date(2024, 11, 29));
        assert_eq!(day_factor(jiff::civil::date(2026, 11, 30)), 2.5);
    }
}
