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
        let mut last = 0.0f64;
        for (i, b) in def.transit.distance_bands.iter().enumerate() {
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

    #[test]
    fn huge_processing_saturates_instead_of_panicking() {
        // Beyond 175,307,616 h a jiff `Span` panics; the ready date is the last one instead.
        let last = Timestamp::MAX.to_zoned(TimeZone::UTC).date();
        for h in [175_307_617u32, u32::MAX] {
            let c = clock(&format!(
                r#"{{"id": "S", "kind": "store", "processing": {{"hours": {h}}}}}"#
            ));
            assert_eq!(c.ready(ts("2026-11-26T10:00:00Z"), None).date, last);
        }
        // Supply on the last civil date: midnight there is past the last instant in New York.
        let c = clock(r#"{"id": "S", "kind": "store", "time_zone": "America/New_York", "processing": {"hours": 1}}"#);
        let r = c.ready(ts("2026-11-26T10:00:00Z"), Some(date(9999, 12, 31)));
        assert!(r.date >= date(9999, 12, 30), "{r:?}");
    }
}
