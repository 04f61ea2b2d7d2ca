//! Location time and transit: working calendars in each location's own time zone, order
//! cut-offs, processing lead times, carrier services with transit by zone matrix or distance
//! band, and transfer lanes for pickups.
//!
//! Everything is a pure function of its arguments: `now` is always given, and time zones come
//! from the tz database bundled in the library (never the machine's), so every machine gives
//! the same dates.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::tz::TimeZoneDatabase;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{GeoPoint, Location, LocationId, ServiceId};

/// The longest lead time a network may give (processing, transit, lane), in days: ten years.
/// More is a data error, and would make every calendar walk long.
pub const MAX_LEAD_DAYS: u32 = 3660;

fn too_long(n: u32, unit: &str) -> Error {
    Error::new(
        ErrorCode::InvalidNetwork,
        format!("a lead time of {n} {unit} is longer than {MAX_LEAD_DAYS} days"),
    )
    .with("value", n)
}

/// The longest run of closed days a calendar search walks before giving up (ten years).
const MAX_SEARCH_DAYS: i32 = 3660;

static TZDB: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// Looks a time zone up in the bundled database.
pub(crate) fn time_zone(name: &str) -> Result<TimeZone> {
    TZDB.get(name).map_err(|_| {
        Error::new(ErrorCode::InvalidNetwork, format!("unknown time zone `{name}`")).with("time_zone", name)
    })
}

/// A day of the week, written `mon` .. `sun` (a location's or a carrier's working days).
///
/// # Examples
///
/// ```
/// use omnistock::Weekday;
/// let days: Vec<Weekday> = serde_json::from_str(r#"["mon", "sat"]"#).unwrap();
/// assert_eq!(days, [Weekday::Mon, Weekday::Sat]);
/// assert!(serde_json::from_str::<Weekday>(r#""monday""#).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

fn weekday_index(d: Date) -> usize {
    d.weekday().to_monday_zero_offset() as usize
}

fn weekday_name(d: Date) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][weekday_index(d)]
}

/// How long a location takes to prepare an order once accepted.
///
/// Written `{"days": 1}` (working days after the day the order is accepted) or `{"hours": 4}`
/// (clock hours from acceptance; the result moves to the next working day if it falls on a
/// closed day).
///
/// # Examples
///
/// ```
/// let p: omnistock::Processing = serde_json::from_str(r#"{"hours": 2}"#).unwrap();
/// assert_eq!(p, omnistock::Processing::Hours(2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Processing {
    /// Working days after the acceptance day (0: ships the day it is accepted).
    Days(u32),
    /// Clock hours from acceptance.
    Hours(u32),
}

impl Default for Processing {
    fn default() -> Self {
        Processing::Days(0)
    }
}

/// Working days and holidays.
#[derive(Clone, Debug)]
pub(crate) struct Calendar {
    /// Monday first.
    working: [bool; 7],
    /// Sorted, deduplicated.
    holidays: Vec<Date>,
}

impl Calendar {
    fn new(days: &[Weekday], holidays: &[Date]) -> Result<Calendar> {
        if days.is_empty() {
            return Err(
                Error::new(ErrorCode::InvalidNetwork, "working_days must name at least one day").at("working_days"),
            );
        }
        let mut working = [false; 7];
        for &d in days {
            let i = d as usize;
            if working[i] {
                return Err(
                    Error::new(ErrorCode::InvalidNetwork, format!("working_days lists {d:?} twice")).at("working_days"),
                );
            }
            working[i] = true;
        }
        let mut holidays = holidays.to_vec();
        holidays.sort_unstable();
        holidays.dedup();
        Ok(Calendar { working, holidays })
    }

    pub(crate) fn is_working(&self, d: Date) -> bool {
        self.working[weekday_index(d)] && self.holidays.binary_search(&d).is_err()
    }

    /// Why `d` is closed (`None` if it is a working day).
    fn closed_reason(&self, d: Date) -> Option<String> {
        if self.holidays.binary_search(&d).is_ok() {
            Some(format!("holiday {d}"))
        } else if !self.working[weekday_index(d)] {
            Some(format!("closed on {} {d}", weekday_name(d)))
        } else {
            None
        }
    }

    /// The first working day on or after `d` (`d` itself after ten years of closed days, a
    /// calendar no network should have).
    pub(crate) fn next_working_day(&self, d: Date) -> Date {
        let mut x = d;
        for _ in 0..MAX_SEARCH_DAYS {
            if self.is_working(x) {
                return x;
            }
            match x.tomorrow() {
                Ok(t) => x = t,
                Err(_) => return d,
            }
        }
        d
    }

    /// The `n`-th working day after `d` (`d` itself for 0).
    pub(crate) fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut x = d;
        for _ in 0..n {
            match x.tomorrow() {
                Ok(t) => x = self.next_working_day(t),
                Err(_) => return x,
            }
        }
        x
    }
}

/// When a location works, in its own time zone, and how fast it prepares orders.
#[derive(Clone, Debug)]
pub(crate) struct Clock {
    tz: TimeZone,
    cutoff: Option<Time>,
    processing: Processing,
    cal: Calendar,
}

/// The earliest date a location can ship (or hand over) an order, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Ready {
    pub date: Date,
    pub reasons: Vec<String>,
}

fn day_after(d: Date) -> Date {
    d.tomorrow().unwrap_or(d)
}

impl Clock {
    pub(crate) fn of(loc: &Location) -> Result<Clock> {
        let tz = match &loc.time_zone {
            Some(name) => time_zone(name).map_err(|e| e.at("time_zone"))?,
            None => TimeZone::UTC,
        };
        let cal = match &loc.working_days {
            Some(days) => Calendar::new(days, &loc.holidays)?,
            None => Calendar::new(
                &[
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ],
                &loc.holidays,
            )?,
        };
        match loc.processing {
            Some(Processing::Days(n)) if n > MAX_LEAD_DAYS => {
                return Err(too_long(n, "days").at("processing.days"));
            }
            Some(Processing::Hours(h)) if h > MAX_LEAD_DAYS * 24 => {
                return Err(too_long(h, "hours").at("processing.hours"));
            }
            _ => {}
        }
        Ok(Clock {
            tz,
            cutoff: loc.cutoff,
            processing: loc.processing.unwrap_or_default(),
            cal,
        })
    }

    /// Today's local date.
    pub(crate) fn today(&self, now: Timestamp) -> Date {
        now.to_zoned(self.tz.clone()).date()
    }

    /// The local day an order placed at `now` is accepted, with the reasons when it is not
    /// today.
    pub(crate) fn accept(&self, now: Timestamp) -> (Date, Vec<String>) {
        let local = now.to_zoned(self.tz.clone());
        let today = local.date();
        let mut reasons = Vec::new();
        if let Some(why) = self.cal.closed_reason(today) {
            reasons.push(why);
        } else if let Some(c) = self.cutoff.filter(|&c| local.time() >= c) {
            reasons.push(format!("cut-off {} missed", c.strftime("%H:%M")));
        } else {
            return (today, reasons);
        }
        (self.cal.next_working_day(day_after(today)), reasons)
    }

    /// The earliest local date the location ships (or hands over) an order placed at `now`,
    /// with stock on hand (`available` = `None`) or arriving on `available`.
    pub(crate) fn ready(&self, now: Timestamp, available: Option<Date>) -> Ready {
        let (accepted, mut reasons) = self.accept(now);
        let today = self.today(now);
        let start = match available {
            Some(a) if a > accepted => self.cal.next_working_day(a),
            _ => accepted,
        };
        let date = match self.processing {
            Processing::Days(n) => {
                let d = self.cal.add_working_days(start, n);
                if n > 0 {
                    reasons.push(format!(
                        "{n} working day{} of processing",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                d
            }
            Processing::Hours(h) => {
                // A midnight skipped by a DST change resolves to the first instant after the
                // gap (jiff's compatible disambiguation); a start beyond the last representable
                // instant stays at that instant.
                let from = if start == today {
                    now
                } else {
                    start
                        .to_datetime(Time::midnight())
                        .to_zoned(self.tz.clone())
                        .map(|z| z.timestamp())
                        .unwrap_or(Timestamp::MAX)
                };
                // Absolute hours, saturating at the end of time: `Span::hours` would panic
                // beyond 175,307,616 h, and `hours` is any u32.
                let done = from
                    .saturating_add(SignedDuration::from_hours(i64::from(h)))
                    .unwrap_or(Timestamp::MAX);
                let d = self.cal.next_working_day(done.to_zoned(self.tz.clone()).date());
                if h > 0 {
                    reasons.push(format!("{h} h of processing"));
                }
                d
            }
        };
        reasons.push(format!("ships {date}"));
        Ready { date, reasons }
    }

    /// The calendar.
    pub(crate) fn calendar(&self) -> &Calendar {
        &self.cal
    }
}

/// Where a delivery goes: a position, a shipping zone, or both.
///
/// # Examples
///
/// ```
/// let d: omnistock::Destination = serde_json::from_str(r#"{"zone": "75", "position": {"lat": 48.85, "lon": 2.35}}"#).unwrap();
/// assert_eq!(d.zone.as_deref(), Some("75"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    /// The delivery address's position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<GeoPoint>,
    /// The delivery address's shipping zone (as the services' zone matrices name them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl Destination {
    /// Checks the coordinates and that something is given.
    pub(crate) fn check(&self) -> Result<()> {
        if self.position.is_none() && self.zone.is_none() {
            return Err(Error::invalid_input("a destination needs a `position` or a `zone`"));
        }
        if let Some(p) = self.position {
            if !(p.lat.is_finite() && (-90.0..=90.0).contains(&p.lat)) {
                return Err(Error::invalid_input(format!("latitude {} is outside -90..=90", p.lat)).at("position.lat"));
            }
            if !(p.lon.is_finite() && (-180.0..=180.0).contains(&p.lon)) {
                return Err(
                    Error::invalid_input(format!("longitude {} is outside -180..=180", p.lon)).at("position.lon"),
                );
            }
        }
        Ok(())
    }
}

/// Transit days by distance: up to `max_km` (great-circle, inclusive), `days`.
///
/// A service's bands must have finite `max_km` above 0, strictly ascending (else the network
/// is refused with `invalid_network`).
///
/// # Examples
///
/// ```
/// let b: omnistock::DistanceBand = serde_json::from_str(r#"{"max_km": 500, "days": 2}"#).unwrap();
/// assert_eq!((b.max_km, b.days), (500.0, 2));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistanceBand {
    /// The band's upper bound in km (inclusive).
    pub max_km: f64,
    /// Transit days (the service's working days).
    pub days: u32,
}

/// How long a service takes: a zone matrix (origin zone → destination zone → days), checked
/// first when the origin location and the destination both have a zone, then distance bands
/// when both have a position. Neither: the service has no route there.
///
/// # Examples
///
/// ```
/// let t: omnistock::Transit = serde_json::from_str(r#"{
///     "zones": {"69": {"75": 2, "69": 1}},
///     "distance_bands": [{"max_km": 100, "days": 1}, {"max_km": 500, "days": 2}]
/// }"#).unwrap();
/// assert_eq!(t.zones["69"]["69"], 1);
/// assert_eq!(t.distance_bands[1].days, 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transit {
    /// Origin zone → destination zone → transit days.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub zones: BTreeMap<String, BTreeMap<String, u32>>,
    /// Bands by great-circle distance, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distance_bands: Vec<DistanceBand>,
}

/// A carrier service (e.g. `standard`, `express`): its working days and transit times.
///
/// # Examples
///
/// ```
/// let s: omnistock::Service = serde_json::from_str(r#"{
///     "id": "standard",
///     "transit": {"zones": {"69": {"75": 2}}, "distance_bands": [{"max_km": 300, "days": 1}]}
/// }"#).unwrap();
/// assert_eq!(s.transit.zones["69"]["75"], 2);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Unique id.
    pub id: ServiceId,
    /// Days the carrier moves parcels (default Monday to Friday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<Vec<Weekday>>,
    /// Days the carrier does not move parcels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Date>,
    /// Transit times.
    pub transit: Transit,
}

/// A transfer lane: stock moves from `from` to the (pickup) location `to` in `days` working
/// days of the receiving location.
///
/// # Examples
///
/// ```
/// let l: omnistock::Lane = serde_json::from_str(r#"{"from": "DC1", "to": "S1", "days": 2}"#).unwrap();
/// assert_eq!(l.days, 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// The shipping location.
    pub from: LocationId,
    /// The receiving location.
    pub to: LocationId,
    /// Working days of the receiving location.
    pub days: u32,
    /// Cost per transfer shipment, ≥ 0 (default 0).
    #[serde(default, skip_serializing_if = "rust_decimal::Decimal::is_zero")]
    pub base: rust_decimal::Decimal,
    /// Cost per unit moved, ≥ 0 (default 0).
    #[serde(default, skip_serializing_if = "rust_decimal::Decimal::is_zero")]
    pub per_unit: rust_decimal::Decimal,
}

/// A service, checked and compiled.
#[derive(Clone, Debug)]
pub(crate) struct ServiceTopo {
    pub def: Service,
    pub cal: Calendar,
}

/// Great-circle distance in km (haversine, mean Earth radius), with `libm` so every
/// platform computes the same bits.
pub(crate) fn distance_km(a: GeoPoint, b: GeoPoint) -> f64 {
    const R: f64 = 6371.0088;
    let rad = std::f64::consts::PI / 180.0;
    let (la1, la2) = (a.lat * rad, b.lat * rad);
    let dlat = (b.lat - a.lat) * rad;
    let dlon = (b.lon - a.lon) * rad;
    let h =
        libm::pow(libm::sin(dlat / 2.0), 2.0) + libm::cos(la1) * libm::cos(la2) * libm::pow(libm::sin(dlon / 2.0), 2.0);
    2.0 * R * libm::asin(libm::sqrt(h.clamp(0.0, 1.0)))
}

fn days_word(n: u32) -> &'static str {
    if n == 1 { "day" } else { "days" }
}

impl ServiceTopo {
    pub(crate) fn build(def: &Service) -> Result<ServiceTopo> {
        let cal = match &def.working_days {
            Some(days) => Calendar::new(days, &def.holidays)?,
            None => Calendar::new(
                &[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
                &def.holidays,
            )?,
        };
        for (o, row) in &def.transit.zones {
            for (d, &days) in row {
                if days > MAX_LEAD_DAYS {
                    return Err(too_long(days, "days").at(format!("transit.zones.{o}.{d}")));
                }
            }
        }
        let mut last = 0.0f64;
        for (i, b) in def.transit.distance_bands.iter().enumerate() {
            if b.days > MAX_LEAD_DAYS {
                return Err(too_long(b.days, "days").at(format!("transit.distance_bands[{i}].days")));
            }
            if !(b.max_km.is_finite() && b.max_km > last) {
                return Err(Error::new(
                    ErrorCode::InvalidNetwork,
                    format!(
                        "service `{}`: distance bands must have finite max_km, above 0 and ascending",
                        def.id
                    ),
                )
                .at(format!("transit.distance_bands[{i}].max_km")));
            }
            last = b.max_km;
        }
        Ok(ServiceTopo { def: def.clone(), cal })
    }

    /// Transit days by the zone matrix alone, if it has the entry.
    pub(crate) fn zone_days(&self, origin_zone: &str, dest: &Destination) -> Option<u32> {
        let dz = dest.zone.as_ref()?;
        self.def.transit.zones.get(origin_zone)?.get(dz).copied()
    }

    /// Transit days from a location to a destination, and why; `None` when neither the zone
    /// matrix nor a distance band covers it.
    pub(crate) fn transit(&self, origin: &Location, dest: &Destination) -> Option<(u32, String)> {
        let id = &self.def.id;
        if let (Some(oz), Some(dz)) = (&origin.zone, &dest.zone) {
            if let Some(&days) = self.def.transit.zones.get(oz).and_then(|m| m.get(dz)) {
                return Some((
                    days,
                    format!("{days} {} {id} transit (zone {oz} → {dz})", days_word(days)),
                ));
            }
        }
        if let (Some(op), Some(dp)) = (origin.position, dest.position) {
            let km = distance_km(op, dp);
            if let Some(b) = self.def.transit.distance_bands.iter().find(|b| km <= b.max_km) {
                return Some((
                    b.days,
                    format!("{} {} {id} transit ({km:.0} km)", b.days, days_word(b.days)),
                ));
            }
        }
        None
    }

    /// Transit days only (no reasons), with the distance already worked out (`km`).
    pub(crate) fn transit_days(&self, origin: &Location, dest: &Destination, km: Option<f64>) -> Option<u32> {
        if let (Some(oz), Some(dz)) = (&origin.zone, &dest.zone) {
            if let Some(&days) = self.def.transit.zones.get(oz).and_then(|m| m.get(dz)) {
                return Some(days);
            }
        }
        let km = km?;
        self.def
            .transit
            .distance_bands
            .iter()
            .find(|b| km <= b.max_km)
            .map(|b| b.days)
    }

    /// The delivery date of a parcel shipped on `ship` with `days` of transit: the carrier
    /// takes it on its first working day from `ship`, then `days` working days.
    pub(crate) fn deliver(&self, ship: Date, days: u32) -> Date {
        self.cal.add_working_days(self.cal.next_working_day(ship), days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn loc(json: &str) -> Location {
        serde_json::from_str(json).unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn cutoff_is_exclusive() {
        let c = Clock::of(&loc(
            r#"{"id": "DC", "kind": "warehouse", "time_zone": "Europe/Paris", "cutoff": "14:00",
            "working_days": ["mon", "tue", "wed", "thu", "fri"]}"#,
        ))
        .unwrap();
        // 2026-11-26 (Thursday) 13:59:59 Paris = 12:59:59 UTC.
        assert_eq!(c.accept(ts("2026-11-26T12:59:59Z")).0, date(2026, 11, 26));
        let (d, why) = c.accept(ts("2026-11-26T13:00:00Z"));
        assert_eq!((d, why), (date(2026, 11, 27), vec!["cut-off 14:00 missed".to_owned()]));
        // Friday after the cut-off: Monday.
        assert_eq!(c.accept(ts("2026-11-27T15:00:00Z")).0, date(2026, 11, 30));
        // Saturday: closed, Monday.
        let (d, why) = c.accept(ts("2026-11-28T08:00:00Z"));
        assert_eq!(
            (d, why),
            (date(2026, 11, 30), vec!["closed on Saturday 2026-11-28".to_owned()])
        );
    }

    #[test]
    fn local_date_follows_the_zone() {
        let c = Clock::of(&loc(r#"{"id": "S", "kind": "store", "time_zone": "America/New_York"}"#)).unwrap();
        // 03:00 UTC on the 27th is still the 26th in New York.
        assert_eq!(c.today(ts("2026-11-27T03:00:00Z")), date(2026, 11, 26));
    }

    #[test]
    fn year_end_with_holiday() {
        let c = Clock::of(&loc(r#"{"id": "DC", "kind": "warehouse", "processing": {"days": 1},
            "working_days": ["mon", "tue", "wed", "thu", "fri"], "holidays": ["2027-01-01"]}"#))
        .unwrap();
        // Thursday 2026-12-31: accepted that day, 1 working day later skips the Friday holiday
        // and the weekend.
        let r = c.ready(ts("2026-12-31T10:00:00Z"), None);
        assert_eq!(r.date, date(2027, 1, 4));
        let (d, why) = c.accept(ts("2027-01-01T10:00:00Z"));
        assert_eq!((d, why), (date(2027, 1, 4), vec!["holiday 2027-01-01".to_owned()]));
    }

    #[test]
    fn hours_of_processing_across_dst() {
        let c = Clock::of(&loc(
            r#"{"id": "S", "kind": "store", "time_zone": "Europe/Paris", "processing": {"hours": 3}}"#,
        ))
        .unwrap();
        // 2026-03-29: clocks go 02:00 → 03:00 in Paris. 22:30 local on the 28th (21:30 UTC)
        // + 3 h = 00:30 UTC on the 29th = 01:30 local: the 29th.
        assert_eq!(c.ready(ts("2026-03-28T21:30:00Z"), None).date, date(2026, 3, 29));
        // 2026-10-25: clocks go 03:00 → 02:00. 22:30 local on the 24th (20:30 UTC) + 3 h =
        // 23:30 UTC = 01:30 local on the 25th.
        assert_eq!(c.ready(ts("2026-10-24T20:30:00Z"), None).date, date(2026, 10, 25));
        // 20:30 local on the 24th (18:30 UTC) + 3 h = 21:30 UTC = 23:30 local: still the 24th.
        assert_eq!(c.ready(ts("2026-10-24T18:30:00Z"), None).date, date(2026, 10, 24));
    }

    #[test]
    fn supply_starts_processing_when_it_arrives() {
        let c = Clock::of(&loc(r#"{"id": "DC", "kind": "warehouse", "processing": {"days": 1},
            "working_days": ["mon", "tue", "wed", "thu", "fri"]}"#))
        .unwrap();
        // Arrives Saturday: processing starts Monday, ships Tuesday.
        let r = c.ready(ts("2026-11-26T10:00:00Z"), Some(date(2026, 11, 28)));
        assert_eq!(r.date, date(2026, 12, 1));
    }

    #[test]
    fn transit_by_zone_then_distance() {
        let s = ServiceTopo::build(
            &serde_json::from_str(
                r#"{"id": "standard", "transit": {"zones": {"69": {"75": 2}},
                "distance_bands": [{"max_km": 100, "days": 1}, {"max_km": 500, "days": 2}]}}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let lyon =
            loc(r#"{"id": "DC", "kind": "warehouse", "zone": "69", "position": {"lat": 45.764, "lon": 4.8357}}"#);
        let paris = Destination {
            position: Some(GeoPoint {
                lat: 48.8566,
                lon: 2.3522,
            }),
            zone: Some("75".into()),
        };
        assert_eq!(s.transit(&lyon, &paris).unwrap().0, 2);
        let by_km = Destination {
            zone: Some("13".into()),
            ..paris.clone()
        };
        let (days, why) = s.transit(&lyon, &by_km).unwrap();
        assert_eq!((days, why.as_str()), (2, "2 days standard transit (391 km)"));
        let far = Destination {
            position: Some(GeoPoint {
                lat: 52.52,
                lon: 13.405,
            }),
            zone: None,
        };
        assert_eq!(s.transit(&lyon, &far), None);
        // Shipped on a Friday with 2 days: Tuesday (the carrier rests at the weekend).
        assert_eq!(s.deliver(date(2026, 11, 27), 2), date(2026, 12, 1));
        // Shipped on a Saturday with 0 days: taken and delivered Monday.
        assert_eq!(s.deliver(date(2026, 11, 28), 0), date(2026, 11, 30));
    }

    #[test]
    fn bad_calendars_and_zones_are_refused() {
        let e = Clock::of(&loc(r#"{"id": "S", "kind": "store", "time_zone": "Mars/Olympus"}"#)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidNetwork);
        let e = Clock::of(&loc(r#"{"id": "S", "kind": "store", "working_days": []}"#)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidNetwork);
        let e = ServiceTopo::build(
            &serde_json::from_str(r#"{"id": "x", "transit": {"distance_bands": [{"max_km": 500, "days": 2}, {"max_km": 100, "days": 1}]}}"#)
                .unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.context()["field"], "transit.distance_bands[1].max_km");
    }

    fn clock(json: &str) -> Clock {
        Clock::of(&loc(json)).unwrap()
    }

    fn service(json: &str) -> ServiceTopo {
        ServiceTopo::build(&serde_json::from_str(json).unwrap()).unwrap()
    }

    fn at(lat: f64, lon: f64) -> Destination {
        Destination {
            position: Some(GeoPoint { lat, lon }),
            zone: None,
        }
    }

    #[test]
    fn defaults_accept_any_time_of_any_day_in_utc() {
        let c = clock(r#"{"id": "S", "kind": "store"}"#);
        // Sunday 2026-11-29, one second before midnight UTC: still accepted and ready that day.
        let r = c.ready(ts("2026-11-29T23:59:59Z"), None);
        assert_eq!(r.date, date(2026, 11, 29));
        assert_eq!(r.reasons, vec!["ships 2026-11-29".to_owned()]);
        // One second later it is the next UTC day.
        assert_eq!(c.accept(ts("2026-11-30T00:00:00Z")), (date(2026, 11, 30), vec![]));
    }

    #[test]
    fn cutoff_boundary_in_ready_and_reasons() {
        let c = clock(
            r#"{"id": "DC", "kind": "warehouse", "time_zone": "Europe/Paris", "cutoff": "14:00",
            "processing": {"days": 1}, "working_days": ["mon", "tue", "wed", "thu", "fri"]}"#,
        );
        // Thursday 2026-11-26 13:59:59 Paris: accepted Thursday, ships Friday.
        let r = c.ready(ts("2026-11-26T12:59:59Z"), None);
        assert_eq!(r.date, date(2026, 11, 27));
        assert_eq!(
            r.reasons,
            vec!["1 working day of processing".to_owned(), "ships 2026-11-27".to_owned()]
        );
        // 14:00:00 Paris: accepted Friday, ships Monday (the weekend is closed).
        let r = c.ready(ts("2026-11-26T13:00:00Z"), None);
        assert_eq!(r.date, date(2026, 11, 30));
        assert_eq!(r.reasons[0], "cut-off 14:00 missed");
    }

    #[test]
    fn sunday_and_holiday_reasons_name_the_local_day() {
        let c = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "America/New_York",
            "working_days": ["mon", "tue", "wed", "thu", "fri", "sat"], "holidays": ["2026-12-25"]}"#,
        );
        // 02:00 UTC on Monday 2026-11-30 is Sunday 21:00 in New York: closed, Monday.
        assert_eq!(
            c.accept(ts("2026-11-30T02:00:00Z")),
            (date(2026, 11, 30), vec!["closed on Sunday 2026-11-29".to_owned()])
        );
        // Christmas (a Friday) is a holiday; Saturday is a working day here.
        assert_eq!(
            c.accept(ts("2026-12-25T15:00:00Z")),
            (date(2026, 12, 26), vec!["holiday 2026-12-25".to_owned()])
        );
    }

    #[test]
    fn year_end_after_the_cutoff_skips_new_year() {
        let c = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "Europe/Paris", "cutoff": "14:00",
            "holidays": ["2027-01-01"]}"#,
        );
        // Thursday 2026-12-31 15:00 Paris, every day a working day but 1 January: 2 January.
        assert_eq!(
            c.accept(ts("2026-12-31T14:00:00Z")),
            (date(2027, 1, 2), vec!["cut-off 14:00 missed".to_owned()])
        );
        // Before the cut-off, with a day of processing: also 2 January.
        let c = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "Europe/Paris", "cutoff": "14:00",
            "processing": {"days": 1}, "holidays": ["2027-01-01"]}"#,
        );
        assert_eq!(c.ready(ts("2026-12-31T09:00:00Z"), None).date, date(2027, 1, 2));
    }

    #[test]
    fn hours_from_a_later_day_count_absolute_hours_across_dst() {
        // Paris, every day a working day, cut-off 12:00: an order on Saturday afternoon is
        // accepted on Sunday and processing starts at 00:00 local.
        let spring = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "Europe/Paris", "cutoff": "12:00",
            "processing": {"hours": 23}}"#,
        );
        // Sunday 2026-03-29 has 23 hours: 00:00 +01 (Saturday 23:00 UTC) + 23 h = Sunday 22:00
        // UTC = Monday 00:00 +02. Civil arithmetic (00:00 + 23 h = 23:00) would say Sunday.
        let r = spring.ready(ts("2026-03-28T12:00:00Z"), None);
        assert_eq!(r.date, date(2026, 3, 30));
        assert_eq!(r.reasons[0], "cut-off 12:00 missed");
        let autumn = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "Europe/Paris", "cutoff": "12:00",
            "processing": {"hours": 24}}"#,
        );
        // Sunday 2026-10-25 has 25 hours: 00:00 +02 (Saturday 22:00 UTC) + 24 h = Sunday 22:00
        // UTC = 23:00 +01, still Sunday. Civil arithmetic would say Monday.
        assert_eq!(autumn.ready(ts("2026-10-24T11:00:00Z"), None).date, date(2026, 10, 25));
    }

    #[test]
    fn hours_start_after_a_midnight_skipped_by_dst() {
        // Santiago de Chile moves 00:00 -04 to 01:00 -03 on Sunday 2026-09-06: that midnight
        // does not exist.
        let tz = time_zone("America/Santiago").unwrap();
        assert_eq!(
            ts("2026-09-06T03:59:59Z").to_zoned(tz.clone()).time(),
            Time::constant(23, 59, 59, 0)
        );
        assert_eq!(
            ts("2026-09-06T04:00:00Z").to_zoned(tz).time(),
            Time::constant(1, 0, 0, 0)
        );
        let c = clock(
            r#"{"id": "S", "kind": "store", "time_zone": "America/Santiago", "cutoff": "12:00",
            "processing": {"hours": 23}}"#,
        );
        // Accepted Sunday; processing starts at the first instant of Sunday (04:00 UTC, the
        // compatible reading of 00:00, = 01:00 -03) and ends 23 h later, 03:00 UTC = Monday
        // 00:00 -03. The `earlier` reading (Saturday 23:00 -04, 03:00 UTC) would start before
        // the acceptance day and end on Sunday 23:00.
        assert_eq!(c.ready(ts("2026-09-05T18:00:00Z"), None).date, date(2026, 9, 7));
    }

    #[test]
    fn hours_ending_on_a_closed_day_move_to_the_next_working_day() {
        let c = clock(
            r#"{"id": "S", "kind": "store", "processing": {"hours": 10},
            "working_days": ["mon", "tue", "wed", "thu", "fri"]}"#,
        );
        // Friday 20:00 UTC + 10 h = Saturday 06:00: Monday.
        let r = c.ready(ts("2026-11-27T20:00:00Z"), None);
        assert_eq!(r.date, date(2026, 11, 30));
        assert_eq!(
            r.reasons,
            vec!["10 h of processing".to_owned(), "ships 2026-11-30".to_owned()]
        );
    }

    #[test]
    fn huge_lead_times_are_refused_and_the_end_of_time_saturates() {
        // Ten years of processing is the most a network may give (a jiff `Span` would panic
        // beyond 175,307,616 h, and every calendar walk would be long).
        for h in [MAX_LEAD_DAYS * 24 + 1, 175_307_617u32, u32::MAX] {
            let e = Clock::of(&loc(&format!(
                r#"{{"id": "S", "kind": "store", "processing": {{"hours": {h}}}}}"#
            )))
            .unwrap_err();
            assert_eq!(e.context()["field"], "processing.hours");
        }
        let e = Clock::of(&loc(r#"{"id": "S", "kind": "store", "processing": {"days": 3661}}"#)).unwrap_err();
        assert_eq!(e.context()["field"], "processing.days");
        let e = ServiceTopo::build(
            &serde_json::from_str(r#"{"id": "x", "transit": {"zones": {"A": {"B": 4000000000}}}}"#).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.context()["field"], "transit.zones.A.B");
        // The longest accepted lead time near the end of the calendar saturates, never panics.
        let last = Timestamp::MAX.to_zoned(TimeZone::UTC).date();
        let c = clock(&format!(
            r#"{{"id": "S", "kind": "store", "processing": {{"hours": {}}}}}"#,
            MAX_LEAD_DAYS * 24
        ));
        assert_eq!(c.ready(ts("9999-06-01T10:00:00Z"), None).date, last);
        // Supply on the last civil date: midnight there is past the last instant in New York.
        let c = clock(r#"{"id": "S", "kind": "store", "time_zone": "America/New_York", "processing": {"hours": 1}}"#);
        let r = c.ready(ts("2026-11-26T10:00:00Z"), Some(date(9999, 12, 31)));
        assert!(r.date >= date(9999, 12, 30), "{r:?}");
    }

    #[test]
    fn supply_date_before_or_on_a_closed_day() {
        let c = clock(
            r#"{"id": "DC", "kind": "warehouse", "cutoff": "14:00", "processing": {"hours": 4},
            "working_days": ["mon", "tue", "wed", "thu", "fri"]}"#,
        );
        let now = ts("2026-11-26T15:00:00Z"); // Thursday after the cut-off: accepted Friday
        // Supply already due (Wednesday): processing starts on the acceptance day, at 00:00.
        assert_eq!(c.ready(now, Some(date(2026, 11, 25))).date, date(2026, 11, 27));
        // Supply on Sunday: processing starts Monday 00:00, done 04:00 Monday.
        assert_eq!(c.ready(now, Some(date(2026, 11, 29))).date, date(2026, 11, 30));
        // Supply arriving today, before the cut-off: processing counts from `now`.
        let c = clock(r#"{"id": "DC", "kind": "warehouse", "processing": {"hours": 4}}"#);
        assert_eq!(
            c.ready(ts("2026-11-26T21:00:00Z"), Some(date(2026, 11, 26))).date,
            date(2026, 11, 27)
        );
    }

    #[test]
    fn working_day_arithmetic_is_bounded() {
        let cal = Calendar::new(&[Weekday::Mon, Weekday::Wed], &[date(2026, 12, 2)]).unwrap();
        // Tuesday → Wednesday is a holiday → next Monday.
        assert_eq!(cal.next_working_day(date(2026, 12, 1)), date(2026, 12, 7));
        assert_eq!(cal.next_working_day(date(2026, 12, 7)), date(2026, 12, 7));
        assert_eq!(cal.add_working_days(date(2026, 11, 30), 0), date(2026, 11, 30));
        assert_eq!(cal.add_working_days(date(2026, 11, 30), 2), date(2026, 12, 9));
        // A calendar whose only working day is a holiday for eleven years: the search gives up
        // after ten years and returns the date it started from.
        let mondays: Vec<Date> = (0..600)
            .map(|w| date(2026, 11, 30) + jiff::Span::new().weeks(w))
            .collect();
        let dead = Calendar::new(&[Weekday::Mon], &mondays).unwrap();
        assert_eq!(dead.next_working_day(date(2026, 12, 1)), date(2026, 12, 1));
        // At the end of the calendar the arithmetic stops instead of overflowing.
        let all = Calendar::new(&[Weekday::Fri], &[]).unwrap();
        assert_eq!(all.add_working_days(date(9999, 12, 24), 5), date(9999, 12, 31));
    }

    #[test]
    fn zone_matrix_wins_over_distance_and_needs_both_zones() {
        let s = service(
            r#"{"id": "standard", "transit": {"zones": {"69": {"75": 3, "69": 1}},
            "distance_bands": [{"max_km": 500, "days": 1}]}}"#,
        );
        let lyon =
            loc(r#"{"id": "DC", "kind": "warehouse", "zone": "69", "position": {"lat": 45.764, "lon": 4.8357}}"#);
        let paris = Destination {
            zone: Some("75".into()),
            ..at(48.8566, 2.3522)
        };
        assert_eq!(
            s.transit(&lyon, &paris),
            Some((3, "3 days standard transit (zone 69 → 75)".to_owned()))
        );
        // Same zone, same day word in the singular.
        let local = Destination {
            zone: Some("69".into()),
            ..at(45.75, 4.85)
        };
        assert_eq!(
            s.transit(&lyon, &local),
            Some((1, "1 day standard transit (zone 69 → 69)".to_owned()))
        );
        // Destination without a zone: distance.
        assert_eq!(s.transit(&lyon, &at(48.8566, 2.3522)).map(|t| t.0), Some(1));
        // Origin without a zone: distance, even though the destination zone is in the matrix.
        let no_zone = loc(r#"{"id": "DC", "kind": "warehouse", "position": {"lat": 45.764, "lon": 4.8357}}"#);
        assert_eq!(
            s.transit(&no_zone, &paris),
            Some((1, "1 day standard transit (391 km)".to_owned()))
        );
        // Neither a matrix entry nor positions on both sides: no route.
        let blind = loc(r#"{"id": "DC", "kind": "warehouse", "zone": "13"}"#);
        assert_eq!(s.transit(&blind, &paris), None);
        let zone_only = Destination {
            position: None,
            zone: Some("13".into()),
        };
        assert_eq!(s.transit(&lyon, &zone_only), None);
    }

    #[test]
    fn distance_band_edges_are_inclusive() {
        let lyon = loc(r#"{"id": "DC", "kind": "warehouse", "position": {"lat": 45.764, "lon": 4.8357}}"#);
        let paris = at(48.8566, 2.3522);
        let km = distance_km(lyon.position.unwrap(), paris.position.unwrap());
        assert!((391.0..392.0).contains(&km), "{km}");
        let bands = |first: f64| {
            service(&format!(
                r#"{{"id": "s", "transit": {{"distance_bands": [{{"max_km": {first:?}, "days": 1}}, {{"max_km": 1000, "days": 2}}]}}}}"#
            ))
        };
        // Exactly at the first band's bound: that band.
        assert_eq!(bands(km).transit(&lyon, &paris).map(|t| t.0), Some(1));
        // Just below it: the next band.
        assert_eq!(bands(km.next_down()).transit(&lyon, &paris).map(|t| t.0), Some(2));
        // Beyond the last band: no route.
        let short = service(r#"{"id": "s", "transit": {"distance_bands": [{"max_km": 391, "days": 1}]}}"#);
        assert_eq!(short.transit(&lyon, &paris), None);
        // The same point is 0 km, within the first band.
        assert_eq!(
            distance_km(GeoPoint { lat: 10.0, lon: 20.0 }, GeoPoint { lat: 10.0, lon: 20.0 }),
            0.0
        );
    }

    #[test]
    fn great_circle_distance_is_haversine_on_the_mean_radius() {
        let half_turn = std::f64::consts::PI * 6371.0088;
        let antipode = distance_km(GeoPoint { lat: 0.0, lon: 0.0 }, GeoPoint { lat: 0.0, lon: 180.0 });
        assert!((antipode - half_turn).abs() < 1e-6, "{antipode}");
        let pole_to_pole = distance_km(GeoPoint { lat: 90.0, lon: 0.0 }, GeoPoint { lat: -90.0, lon: 0.0 });
        assert!((pole_to_pole - half_turn).abs() < 1e-6, "{pole_to_pole}");
        // Across the antimeridian: 2 degrees of longitude on the equator.
        let across = distance_km(GeoPoint { lat: 0.0, lon: 179.0 }, GeoPoint { lat: 0.0, lon: -179.0 });
        assert!((across - half_turn / 90.0).abs() < 1e-6, "{across}");
    }

    #[test]
    fn service_working_days_and_holidays() {
        let s = service(
            r#"{"id": "sat", "working_days": ["mon", "tue", "wed", "thu", "fri", "sat"],
            "holidays": ["2026-12-25"], "transit": {}}"#,
        );
        // Friday + 1: Saturday (the carrier works Saturdays); + 2: Monday.
        assert_eq!(s.deliver(date(2026, 11, 27), 1), date(2026, 11, 28));
        assert_eq!(s.deliver(date(2026, 11, 27), 2), date(2026, 11, 30));
        // 0 days on a carrier working day: the ship date itself.
        assert_eq!(s.deliver(date(2026, 11, 28), 0), date(2026, 11, 28));
        // Shipped on the Christmas holiday: taken Saturday, delivered Monday.
        assert_eq!(s.deliver(date(2026, 12, 25), 1), date(2026, 12, 28));
        // Default carrier days are Monday to Friday.
        let d = service(r#"{"id": "std", "transit": {}}"#);
        assert_eq!(d.deliver(date(2026, 11, 27), 1), date(2026, 11, 30));
    }

    fn build(json: &str) -> Result<crate::model::Topology> {
        crate::model::Topology::build(&crate::Network::from_json(json).unwrap())
    }

    fn field(e: &Error) -> &str {
        e.context().get("field").map(String::as_str).unwrap_or_default()
    }

    #[test]
    fn network_refuses_bad_schedule_fields() {
        let e = build(r#"{"locations": [{"id": "S1", "kind": "store", "time_zone": "Europe/Pariss"}]}"#).unwrap_err();
        assert_eq!(
            (
                e.code(),
                field(&e),
                e.context()["location"].as_str(),
                e.context()["time_zone"].as_str()
            ),
            (ErrorCode::InvalidNetwork, "time_zone", "S1", "Europe/Pariss")
        );
        // Zones are looked up in the bundled database, which has no POSIX TZ strings.
        let e = build(r#"{"locations": [{"id": "S1", "kind": "store", "time_zone": "CET-1CEST"}]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidNetwork);
        let e = build(r#"{"locations": [{"id": "S1", "kind": "store", "working_days": []}]}"#).unwrap_err();
        assert_eq!(
            (e.code(), field(&e), e.context()["location"].as_str()),
            (ErrorCode::InvalidNetwork, "working_days", "S1")
        );
        let e = build(r#"{"locations": [{"id": "S1", "kind": "store", "working_days": ["mon", "mon"]}]}"#).unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidNetwork, "working_days"));
        let e = build(
            r#"{"pools": [{"id": "web", "members": [{"location": "S1"}], "time_zone": "Nowhere"}],
            "locations": [{"id": "S1", "kind": "store"}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), field(&e), e.context()["pool"].as_str()),
            (ErrorCode::InvalidNetwork, "time_zone", "web")
        );
    }

    #[test]
    fn network_refuses_bad_services() {
        let e = build(
            r#"{"services": [{"id": "ok", "transit": {}}, {"id": "x", "transit": {"distance_bands":
            [{"max_km": 500, "days": 2}, {"max_km": 100, "days": 1}]}}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), field(&e), e.context()["service"].as_str()),
            (
                ErrorCode::InvalidNetwork,
                "services[1].transit.distance_bands[1].max_km",
                "x"
            )
        );
        // Equal bounds are not ascending.
        let e = build(
            r#"{"services": [{"id": "x", "transit": {"distance_bands": [{"max_km": 100, "days": 1}, {"max_km": 100, "days": 2}]}}]}"#,
        )
        .unwrap_err();
        assert_eq!(field(&e), "services[0].transit.distance_bands[1].max_km");
        for bad in ["0", "-5"] {
            let e = build(&format!(
                r#"{{"services": [{{"id": "x", "transit": {{"distance_bands": [{{"max_km": {bad}, "days": 1}}]}}}}]}}"#
            ))
            .unwrap_err();
            assert_eq!(
                (e.code(), field(&e)),
                (
                    ErrorCode::InvalidNetwork,
                    "services[0].transit.distance_bands[0].max_km"
                )
            );
        }
        let e = build(r#"{"services": [{"id": "std", "transit": {}}, {"id": "std", "transit": {}}]}"#).unwrap_err();
        assert_eq!(
            (e.code(), e.context()["service"].as_str()),
            (ErrorCode::DuplicateId, "std")
        );
        let e = build(r#"{"services": [{"id": " ", "transit": {}}]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidNetwork);
        let e = build(r#"{"services": [{"id": "x", "working_days": [], "transit": {}}]}"#).unwrap_err();
        assert_eq!(
            (e.code(), field(&e)),
            (ErrorCode::InvalidNetwork, "services[0].working_days")
        );
    }

    #[test]
    fn network_refuses_bad_lanes() {
        let locs = r#""locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "S1", "kind": "store"}]"#;
        let e = build(&format!(
            r#"{{{locs}, "lanes": [{{"from": "DC1", "to": "S2", "days": 1}}]}}"#
        ))
        .unwrap_err();
        assert_eq!(
            (e.code(), field(&e), e.context()["location"].as_str()),
            (ErrorCode::UnknownLocation, "lanes[0].to", "S2")
        );
        let e = build(&format!(
            r#"{{{locs}, "lanes": [{{"from": "DC9", "to": "S1", "days": 1}}]}}"#
        ))
        .unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::UnknownLocation, "lanes[0].from"));
        let e = build(&format!(
            r#"{{{locs}, "lanes": [{{"from": "DC1", "to": "S1", "days": 1}}, {{"from": "S1", "to": "DC1", "days": 1}},
            {{"from": "DC1", "to": "S1", "days": 3}}]}}"#
        ))
        .unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::DuplicateId, "lanes[2]"));
        let e = build(&format!(
            r#"{{{locs}, "lanes": [{{"from": "S1", "to": "S1", "days": 0}}]}}"#
        ))
        .unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidNetwork, "lanes[0].to"));
    }

    #[test]
    fn topology_compiles_lanes_services_and_clocks() {
        let t = build(
            r#"{"locations": [{"id": "S1", "kind": "store", "time_zone": "Europe/Paris"},
                {"id": "DC1", "kind": "warehouse"}],
            "services": [{"id": "express", "transit": {}}, {"id": "standard", "transit": {}}],
            "lanes": [{"from": "DC1", "to": "S1", "days": 2}]}"#,
        )
        .unwrap();
        let (dc, s1) = (t.location("DC1").unwrap(), t.location("S1").unwrap());
        assert_eq!((t.lane(dc, s1), t.lane(s1, dc)), (Some(2), None));
        assert_eq!(t.services[t.service("standard").unwrap()].def.id.as_str(), "standard");
        let e = t.service("overnight").unwrap_err();
        assert_eq!(
            (e.code(), e.context()["service"].as_str()),
            (ErrorCode::UnknownService, "overnight")
        );
        // Clocks follow the location index (ids sorted), each in its own zone.
        let now = ts("2026-11-26T23:30:00Z");
        assert_eq!(t.clock(s1).today(now), date(2026, 11, 27));
        assert_eq!(t.clock(dc).today(now), date(2026, 11, 26));
    }
}
