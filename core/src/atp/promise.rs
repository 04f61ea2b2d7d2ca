//! Delivery promises: the earliest date a line or a cart can be delivered or picked up, from
//! which locations, using stock on hand now and inbound supply later.

use jiff::Timestamp;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{RunningTotals, buffered_gain, capped};
use crate::Inventory;
use crate::error::{Error, ErrorCode, Result};
use crate::ledger::SkuIdx;
use crate::model::{Capability, ChannelId, LocIdx, LocationId, PoolIdx, ServiceId, Sku};
use crate::schedule::Destination;

/// One line of a [`PromiseRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseLine {
    /// The line's id (default: its position, from 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The SKU.
    pub sku: Sku,
    /// Units wanted (> 0).
    pub quantity: i64,
}

/// A question a product page, cart or checkout asks: when can these lines be delivered (or
/// picked up), and from where?
///
/// Give `destination` and `service` for a delivery, or `pickup` for click-and-collect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseRequest {
    /// An id echoed in the answer (useful in batches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The channel selling: its pool supplies the stock, its quotas apply.
    pub channel: ChannelId,
    /// The lines (at least one).
    pub lines: Vec<PromiseLine>,
    /// Where to deliver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Destination>,
    /// The store the customer picks up at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<LocationId>,
    /// The carrier service of a delivery (e.g. `standard`, `express`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceId>,
    /// Ship the whole cart from one location, in one shipment.
    #[serde(default)]
    pub ship_complete: bool,
    /// The latest acceptable date: a later answer is not promised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<Date>,
}

/// Part of a line served by one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseSource {
    /// The location shipping (or handing over) the units.
    pub location: LocationId,
    /// Units.
    pub quantity: i64,
    /// The date the units are available at the location: today for stock on hand, or the
    /// expected date of a supply. Reserve through the channel, held by the pool, with this
    /// `due` to hold the promise.
    pub due: Date,
    /// The date the location ships them (or has them ready, for a pickup at itself).
    pub ships: Date,
    /// The date they are delivered, or ready for pickup.
    pub date: Date,
    /// Why: stock or supply, cut-off, calendar, processing, transit.
    pub reasons: Vec<String>,
}

/// The answer for one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePromise {
    /// The line's id (or its position).
    pub line: String,
    /// The SKU.
    pub sku: Sku,
    /// Units asked.
    pub quantity: i64,
    /// Units promised (less than asked when stock and supply cannot cover it).
    pub promised: i64,
    /// When the last promised unit arrives, if any is promised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where the units come from, in the order to reserve them (by `due`): with a share cap,
    /// what one reservation may take depends on those made before it.
    pub sources: Vec<PromiseSource>,
    /// Why the line is short or late, if it is.
    pub reasons: Vec<String>,
}

/// The answer to a [`PromiseRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// The request's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Every line is promised in full, by `latest` if one was given (and from one location
    /// when `ship_complete` was asked).
    pub promised: bool,
    /// When the whole cart is delivered (or ready): the latest line date, if every line is
    /// promised in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// How many locations ship.
    pub shipments: usize,
    /// One answer per line, in request order.
    pub lines: Vec<LinePromise>,
    /// Why the cart is not promised, if it is not.
    pub reasons: Vec<String>,
}

/// Units a location can offer from a date on.
#[derive(Clone, Copy, Debug)]
struct Offer {
    loc: LocIdx,
    /// Availability date at the location (today for stock on hand).
    due: Date,
    /// Units that become available then.
    units: i64,
    /// Whether the units come from a supply (else stock on hand).
    from_supply: bool,
    /// The availability date of the units themselves (today for stock on hand, the expected
    /// date of a supply, which may be past).
    origin: Date,
    /// Held back to `due`, later than the units are available, because a quota opens then.
    deferred: bool,
}

impl Offer {
    /// The key of the units it offers (shared by its deferred copies).
    fn key(&self) -> (LocIdx, Date, bool) {
        (self.loc, self.origin, self.from_supply)
    }
}

/// An offer with its dates.
#[derive(Clone, Copy, Debug)]
struct Timed {
    offer: usize,
    ships: Date,
    date: Date,
}

/// Ship date, delivery (or pickup) date and reasons.
type Leg = (Date, Date, Vec<String>);

/// Per-request cache of a location's dates.
#[derive(Default)]
struct Dates {
    /// (clock class, availability) → ready date.
    ready: FxHashMap<(u32, Option<Date>), Date>,
    /// Transit days per location index (outer `None`: not worked out yet; inner: no route).
    transit: Vec<Option<Option<u32>>>,
    /// Transit days per origin zone, when the zone matrix answers.
    zone_transit: FxHashMap<String, Option<u32>>,
    /// (ship date, days) → delivery date.
    deliver: FxHashMap<(Date, u32), Date>,
    /// Dates of stock on hand per location index (outer `None`: not worked out yet).
    now: Vec<Option<Option<(Date, Date)>>>,
}

/// A SKU's pool budget over time, with what this request already took.
struct Budget {
    /// Uncapped cumulative ATP with look-ahead at a due date.
    cum: FxHashMap<Date, i64>,
    /// Takes so far: (due, units).
    taken: Vec<(Date, i64)>,
    /// What each offer (location, availability date, from supply) already gave.
    used_at: FxHashMap<(LocIdx, Date, bool), i64>,
}

impl Inventory {
    /// Ship and delivery (or pickup) dates for units at `loc` available on `available`
    /// (`None`: on hand now), from per-request caches shared by locations with the same
    /// calendar and route; `None` when no route serves it. The same dates as `route_dates`.
    fn fast_dates(&self, ctx: &Ctx, dates: &mut Dates, loc: LocIdx, available: Option<Date>) -> Option<(Date, Date)> {
        if available.is_none() {
            if dates.now.is_empty() {
                dates.now = vec![None; self.topo.loc_ids.len()];
            }
            if let Some(v) = dates.now[loc as usize] {
                return v;
            }
            let v = self.dates_uncached(ctx, dates, loc, None);
            dates.now[loc as usize] = Some(v);
            return v;
        }
        self.dates_uncached(ctx, dates, loc, available)
    }

    fn dates_uncached(
        &self,
        ctx: &Ctx,
        dates: &mut Dates,
        loc: LocIdx,
        available: Option<Date>,
    ) -> Option<(Date, Date)> {
        let class = self.topo.clock_class[loc as usize];
        let ready = *dates
            .ready
            .entry((class, available))
            .or_insert_with(|| self.topo.clock(loc).ready(ctx.now, available).date);
        match ctx.route {
            Route::Deliver { service, destination } => {
                let svc = &self.topo.services[*service];
                if dates.transit.is_empty() {
                    dates.transit = vec![None; self.topo.loc_ids.len()];
                }
                let days = match dates.transit[loc as usize] {
                    Some(d) => d,
                    None => {
                        let def = self.topo.location_def(loc);
                        let by_zone = match (&def.zone, &destination.zone) {
                            (Some(oz), Some(_)) => match dates.zone_transit.get(oz.as_str()) {
                                Some(&d) => d,
                                None => {
                                    let d = svc.zone_days(oz, destination);
                                    dates.zone_transit.insert(oz.clone(), d);
                                    d
                                }
                            },
                            _ => None,
                        };
                        let d = by_zone.or_else(|| svc.transit(def, destination).map(|x| x.0));
                        dates.transit[loc as usize] = Some(d);
                        d
                    }
                }?;
                let date = *dates
                    .deliver
                    .entry((ready, days))
                    .or_insert_with(|| svc.deliver(ready, days));
                Some((ready, date))
            }
            Route::Pickup { .. } => self
                .route_dates(ctx.route, ctx.now, loc, available)
                .map(|(ships, date, _)| (ships, date)),
        }
    }

    /// Ship date, delivery (or pickup) date and reasons for units at `loc` available on
    /// `available` (`None`: on hand now). `None` when no route serves it.
    pub(crate) fn route_dates(
        &self,
        plan: &Route,
        now: Timestamp,
        loc: LocIdx,
        available: Option<Date>,
    ) -> Option<Leg> {
        let clock = self.topo.clock(loc);
        let ready = clock.ready(now, available);
        let mut reasons = ready.reasons.clone();
        match plan {
            Route::Deliver { service, destination } => {
                let svc = &self.topo.services[*service];
                let loc_def = self.topo.location_def(loc);
                let (days, why) = svc.transit(loc_def, destination)?;
                let date = svc.deliver(ready.date, days);
                reasons.push(why);
                Some((ready.date, date, reasons))
            }
            Route::Pickup { store } => {
                if loc == *store {
                    reasons.push(format!("ready for pickup {}", ready.date));
                    return Some((ready.date, ready.date, reasons));
                }
                let days = self.topo.lane(loc, *store)?;
                let store_clock = self.topo.clock(*store);
                let cal = store_clock.calendar();
                let arrives = cal.add_working_days(cal.next_working_day(ready.date), days);
                reasons.push(format!(
                    "transfer to `{}`: {days} day{} to arrive {arrives}",
                    self.topo.loc_ids[*store as usize],
                    if days == 1 { "" } else { "s" }
                ));
                let at_store = store_clock.ready(now, Some(arrives));
                reasons.extend(at_store.reasons.iter().cloned());
                reasons.push(format!("ready for pickup {}", at_store.date));
                Some((ready.date, at_store.date, reasons))
            }
        }
    }
}

/// How units reach the customer.
pub(crate) enum Route {
    Deliver { service: usize, destination: Destination },
    Pickup { store: LocIdx },
}

/// The first day of the period after the one containing `d`.
fn next_period_start(period: crate::QuotaPeriod, d: Date) -> Option<Date> {
    use crate::QuotaPeriod::*;
    let span = match period {
        Day => jiff::Span::new().days(1),
        Week => jiff::Span::new().weeks(1),
        Month => jiff::Span::new().months(1),
        Total => return None,
    };
    period.start(d)?.checked_add(span).ok()
}

impl Budget {
    /// A copy to try takes on.
    fn trial(&self) -> Budget {
        Budget {
            cum: self.cum.clone(),
            taken: self.taken.clone(),
            used_at: self.used_at.clone(),
        }
    }

    fn new() -> Self {
        Budget {
            cum: FxHashMap::default(),
            taken: Vec::new(),
            used_at: FxHashMap::default(),
        }
    }
}

/// What one line needs to look up, fixed for the request.
struct Ctx<'a> {
    req: &'a PromiseRequest,
    route: &'a Route,
    pool: PoolIdx,
    now: Timestamp,
    today: Date,
    /// Per location index: the pool's buffer there if it is a candidate, else −1 (worked
    /// out once per candidate list).
    buffers: std::cell::RefCell<Option<(Vec<LocIdx>, Vec<i64>)>>,
}

impl Ctx<'_> {
    fn buffers_of(&self, inv: &Inventory, candidates: &[LocIdx]) -> std::cell::Ref<'_, [i64]> {
        let cached = matches!(self.buffers.borrow().as_ref(), Some((c, _)) if c.as_slice() == candidates);
        if !cached {
            let mut b = vec![-1i64; inv.topo.loc_ids.len()];
            for &l in candidates {
                if inv.topo.loc_enabled[l as usize] {
                    if let Some(buf) = inv.topo.buffer(self.pool, l) {
                        b[l as usize] = buf;
                    }
                }
            }
            *self.buffers.borrow_mut() = Some((candidates.to_vec(), b));
        }
        std::cell::Ref::map(self.buffers.borrow(), |c| {
            c.as_ref().map_or(&[][..], |(_, b)| b.as_slice())
        })
    }
}

impl Inventory {
    /// Uncapped cumulative ATP of the pool at `due`, memoised.
    fn cum_at(&self, s: SkuIdx, p: PoolIdx, b: &mut Budget, due: Date) -> i64 {
        if let Some(&v) = b.cum.get(&due) {
            return v;
        }
        let v = self.pool_atp_dated(s, p, &[Some(due)])[0];
        b.cum.insert(due, v);
        v
    }

    /// The most a further take due on `due` may have: the pool's cumulative ATP less what the
    /// request took already, never uncovering a take due later; the share cap; the quotas.
    fn allowed(&self, s: SkuIdx, ctx: &Ctx, sku: &Sku, b: &mut Budget, due: Date) -> i64 {
        let p = ctx.pool;
        let taken_by = |b: &Budget, d: Date| b.taken.iter().filter(|t| t.0 <= d).map(|t| t.1).sum::<i64>();
        let mut u = self.cum_at(s, p, b, due) - taken_by(b, due);
        let later: Vec<Date> = b.taken.iter().map(|t| t.0).filter(|&e| e > due).collect();
        for e in later {
            let c = self.cum_at(s, p, b, e);
            u = u.min(c - taken_by(b, e));
        }
        let mut allowed = capped(u.max(0), self.topo.pools[p as usize].share_bp);
        for (i, quota) in self.quotas_for(p, ctx.req.channel.as_str(), sku.as_str()) {
            let period = quota.period.start(due);
            let used = self
                .ledger
                .quota_used
                .get(&(p, i, sku.clone(), period))
                .copied()
                .unwrap_or(0);
            let here: i64 = b
                .taken
                .iter()
                .filter(|t| quota.period.start(t.0) == period)
                .map(|t| t.1)
                .sum();
            allowed = allowed.min((quota.quantity - used - here).max(0));
        }
        allowed
    }

    /// What each candidate location offers of a SKU: stock on hand now, then supply by date.
    fn offers(&self, s: SkuIdx, ctx: &Ctx, candidates: &[LocIdx]) -> Vec<Offer> {
        let p = ctx.pool;
        let comp = self.topo.pools[p as usize].component;
        let flow = self.needs_flow(s, comp);
        let slack = if flow { self.location_slack(s, comp) } else { None };
        let pool_now = self.atp_idx(Some(s), p);
        let mut out = Vec::new();
        // The SKU's positions at candidate locations (buffers by location, for this request).
        let buffers = ctx.buffers_of(self, candidates);
        let mut at: Vec<(LocIdx, i64, i64)> = self.ledger.sku_positions[s as usize]
            .iter()
            .map(|&i| &self.ledger.positions[i as usize])
            .filter_map(|pos| {
                let b = buffers[pos.loc as usize];
                (b >= 0).then(|| (pos.loc, b, pos.free()))
            })
            .collect();
        at.sort_unstable_by_key(|x| x.0);
        for (l, b, free) in at {
            // Without competing pools, a location offers what the pool sees there; the pool's
            // own budget over time then bounds the takes. With them, the flow decides.
            let now_units = if free - b <= 0 {
                0
            } else if flow {
                self.location_atp(s, p, l, slack.as_ref()).min(pool_now)
            } else {
                (free - b).min(pool_now.max(0)).max(0)
            };
            if now_units > 0 {
                out.push(Offer {
                    loc: l,
                    due: ctx.today,
                    units: now_units,
                    from_supply: false,
                    origin: ctx.today,
                    deferred: false,
                });
            }
        }
        // Supply: what the pool's buffer leaves of each location's running total; with
        // competing pools, no more than the routing of their holds leaves of it.
        let room = if flow { Some(self.arrival_room(s, p)) } else { None };
        if let Some(arr) = self.ledger.arrivals.get(&s) {
            let mut totals = RunningTotals::default();
            for (&(d, l), &q) in arr {
                let b = buffers[l as usize];
                if b < 0 {
                    continue;
                }
                let (before, after) = totals.add(l, self.ledger.free(s, l), q);
                let mut gain = buffered_gain(before, after, b);
                if let Some(room) = &room {
                    gain = gain.min(room.get(&(d, l)).copied().unwrap_or(0));
                }
                if gain > 0 {
                    out.push(Offer {
                        loc: l,
                        due: d.max(ctx.today),
                        units: gain,
                        from_supply: true,
                        origin: d,
                        deferred: false,
                    });
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn promise_line(
        &self,
        ctx: &Ctx,
        index: usize,
        line: &PromiseLine,
        candidates: &[LocIdx],
        split: bool,
        budgets: &mut FxHashMap<SkuIdx, Budget>,
        dates: &mut Dates,
    ) -> LinePromise {
        let mut out = LinePromise {
            line: line.id.clone().unwrap_or_else(|| index.to_string()),
            sku: line.sku.clone(),
            quantity: line.quantity,
            promised: 0,
            date: None,
            sources: Vec::new(),
            reasons: Vec::new(),
        };
        if candidates.is_empty() {
            out.reasons.push(match ctx.route {
                Route::Deliver { .. } => format!(
                    "no enabled location of pool `{}` ships parcels",
                    self.topo.pools[ctx.pool as usize].id
                ),
                Route::Pickup { store } => format!(
                    "no enabled location of pool `{}` can serve a pickup at `{}` (the store itself, or one with a lane to it)",
                    self.topo.pools[ctx.pool as usize].id, self.topo.loc_ids[*store as usize]
                ),
            });
            return out;
        }
        let Some(s) = self.ledger.sku(line.sku.as_str()) else {
            out.reasons
                .push(format!("no stock or supply of `{}` is recorded anywhere", line.sku));
            return out;
        };
        let mut offers = self.offers(s, ctx, candidates);
        // A channel quota counts by due date: units may also be promised for the start of a
        // later period, when the quota opens again (the next 8 periods).
        let periods: Vec<crate::QuotaPeriod> = self
            .quotas_for(ctx.pool, ctx.req.channel.as_str(), line.sku.as_str())
            .map(|(_, q)| q.period)
            .filter(|&p| p != crate::QuotaPeriod::Total)
            .collect();
        if !periods.is_empty() {
            let base = offers.clone();
            for o in &base {
                let mut starts: Vec<Date> = Vec::new();
                for &period in &periods {
                    let mut d = o.due;
                    for _ in 0..8 {
                        let Some(next) = next_period_start(period, d) else {
                            break;
                        };
                        starts.push(next);
                        d = next;
                    }
                }
                starts.sort_unstable();
                starts.dedup();
                offers.extend(starts.into_iter().map(|due| Offer {
                    due,
                    deferred: true,
                    ..*o
                }));
            }
        }
        // Each offer's ship and arrival dates (offers without a route are left out).
        let mut timed: Vec<Timed> = Vec::with_capacity(offers.len());
        for (i, o) in offers.iter().enumerate() {
            let avail = if o.from_supply || o.deferred { Some(o.due) } else { None };
            if let Some((ships, date)) = self.fast_dates(ctx, dates, o.loc, avail) {
                timed.push(Timed { offer: i, ships, date });
            }
        }
        let budget = budgets.entry(s).or_insert_with(Budget::new);
        // Tie-break: earlier date, then location priority, then location id, then availability.
        // (Location indices follow location ids.)
        // One packed integer per offer sorts in the same order as the tuple, much faster.
        let day = |d: Date| ((d.year() as i32 + 10_000) as u128) << 9 | d.day_of_year() as u128;
        let mut keyed: Vec<(u128, u32, Timed)> = timed
            .into_iter()
            .map(|t| {
                let o = &offers[t.offer];
                let key = day(t.date) << 96
                    | (self.topo.loc_priority(o.loc) as u128) << 64
                    | (o.loc as u128) << 32
                    | day(o.due);
                (key, t.offer as u32, t)
            })
            .collect();
        keyed.sort_unstable_by_key(|k| (k.0, k.1));
        let timed: Vec<Timed> = keyed.into_iter().map(|k| k.2).collect();
        let q = line.quantity;
        // Greedy fill of some offers (indices into `timed`) in order of availability, on a
        // trial copy of the budget: what the ledger would accept, take by take.
        let fill = |order: &mut Vec<usize>, budget: &Budget| -> (Vec<(usize, i64)>, Budget) {
            order.sort_by_key(|&t| (offers[timed[t].offer].due, t));
            let mut trial = budget.trial();
            let mut left = q;
            let mut takes = Vec::new();
            for &t in order.iter() {
                if left == 0 {
                    break;
                }
                let o = &offers[timed[t].offer];
                let used = trial.used_at.get(&o.key()).copied().unwrap_or(0);
                let room = (o.units - used).min(left);
                if room <= 0 {
                    continue;
                }
                let x = room.min(self.allowed(s, ctx, &line.sku, &mut trial, o.due));
                if x > 0 {
                    trial.taken.push((o.due, x));
                    *trial.used_at.entry(o.key()).or_insert(0) += x;
                    takes.push((t, x));
                    left -= x;
                }
            }
            (takes, trial)
        };
        let full = |takes: &[(usize, i64)]| takes.iter().map(|t| t.1).sum::<i64>() == q;
        let units_left = |budget: &Budget, t: &Timed| {
            let o = &offers[t.offer];
            o.units - budget.used_at.get(&o.key()).copied().unwrap_or(0)
        };

        // One location: for each, the first date by which its own offers could cover the line
        // (a lower bound, as the pool's budget may cut it); verified in order, best first.
        let mut cum_at: Vec<i64> = vec![0; self.topo.loc_ids.len()];
        let mut single: Vec<(Date, u32, LocIdx, usize)> = Vec::new();
        for (t, x) in timed.iter().enumerate() {
            let l = offers[x.offer].loc;
            let c = &mut cum_at[l as usize];
            if *c >= q {
                continue;
            }
            *c = c.saturating_add(units_left(budget, x));
            if *c >= q {
                single.push((x.date, self.topo.loc_priority(l), l, t));
            }
        }
        let mut best_single: Option<(Date, Vec<(usize, i64)>)> = None;
        for &(bound, _, l, first) in &single {
            if best_single.as_ref().is_some_and(|(d, _)| *d <= bound) {
                break;
            }
            let mut mine: Vec<usize> = (0..=first).filter(|&t| offers[timed[t].offer].loc == l).collect();
            let mut next = first + 1;
            loop {
                let (takes, _) = fill(&mut mine.clone(), budget);
                if full(&takes) {
                    let date = takes.iter().map(|&(t, _)| timed[t].date).max().unwrap_or(bound);
                    if best_single.as_ref().is_none_or(|(d, _)| date < *d) {
                        best_single = Some((date, takes));
                    }
                    break;
                }
                // The budget cut it: try with this location's next offer too.
                match (next..timed.len()).find(|&t| offers[timed[t].offer].loc == l) {
                    Some(t) => {
                        mine.push(t);
                        next = t + 1;
                    }
                    None => break,
                }
            }
        }
        // Several locations: the first date by which every offer arriving by then covers it.
        let mut best_multi: Option<(Date, Vec<(usize, i64)>)> = None;
        if split && !timed.is_empty() && best_single.as_ref().is_none_or(|(d, _)| *d > timed[0].date) {
            let mut cum = 0i64;
            let mut t = 0;
            while t < timed.len() {
                let r = timed[t].date;
                while t < timed.len() && timed[t].date == r {
                    cum = cum.saturating_add(units_left(budget, &timed[t]));
                    t += 1;
                }
                if best_single.as_ref().is_some_and(|(d, _)| *d <= r) {
                    break;
                }
                if cum < q {
                    continue;
                }
                let mut order: Vec<usize> = (0..t).collect();
                let (takes, _) = fill(&mut order, budget);
                if full(&takes) {
                    best_multi = Some((r, takes));
                    break;
                }
            }
        }
        let takes = match (best_single, best_multi) {
            (_, Some((_, takes))) => takes,
            (Some((_, takes)), None) => takes,
            // Not all of it: promise what can be, earliest first (unless one location must
            // ship everything).
            (None, None) if !split => Vec::new(),
            (None, None) => {
                let mut order: Vec<usize> = (0..timed.len()).collect();
                fill(&mut order, budget).0
            }
        };
        // Sources stay in the order they were taken (by due date): reserving them in that
        // order is what the budget checked, share cap included.
        for &(t, x) in &takes {
            let tm = &timed[t];
            let o = &offers[tm.offer];
            budget.taken.push((o.due, x));
            *budget.used_at.entry(o.key()).or_insert(0) += x;
            let mut why = vec![if o.from_supply {
                format!("supply expected {}", o.origin)
            } else {
                "from stock on hand".to_owned()
            }];
            if o.deferred {
                why.push(format!("held until {} when the channel's quota opens", o.due));
            }
            let avail = if o.from_supply || o.deferred { Some(o.due) } else { None };
            if let Some((_, _, reasons)) = self.route_dates(ctx.route, ctx.now, o.loc, avail) {
                why.extend(reasons);
            }
            out.sources.push(PromiseSource {
                location: self.topo.loc_ids[o.loc as usize].clone(),
                quantity: x,
                due: o.due,
                ships: tm.ships,
                date: tm.date,
                reasons: why,
            });
        }
        out.promised = takes.iter().map(|t| t.1).sum();
        out.date = out.sources.iter().map(|s| s.date).max();
        if out.promised < q && !offers.is_empty() && timed.is_empty() {
            out.reasons.push(match ctx.route {
                Route::Deliver { service, .. } => format!(
                    "no location holding `{}` can reach the destination with service `{}`",
                    line.sku, self.topo.services[*service].def.id
                ),
                Route::Pickup { store } => format!(
                    "no location holding `{}` has a lane to `{}`",
                    line.sku, self.topo.loc_ids[*store as usize]
                ),
            });
        } else if out.promised < q && offers.is_empty() {
            out.reasons.push(match ctx.route {
                Route::Deliver { .. } => format!("no location that ships parcels holds or expects `{}`", line.sku),
                Route::Pickup { store } => format!(
                    "no location that can serve a pickup at `{}` (the store itself, or one with a lane to it) holds or expects `{}`",
                    self.topo.loc_ids[*store as usize], line.sku
                ),
            });
        } else if out.promised < q {
            out.reasons.push(if out.promised == 0 {
                format!(
                    "nothing of `{}` can be promised through pool `{}`",
                    line.sku, self.topo.pools[ctx.pool as usize].id
                )
            } else {
                format!("only {} of {q} can be promised", out.promised)
            });
        }
        out
    }
}

impl PromiseRequest {
    /// Reads a request from a JSON value (what the bindings build from host objects).
    ///
    /// # Errors
    ///
    /// `invalid_input`, naming the field.
    pub fn from_value(value: serde_json::Value) -> Result<PromiseRequest> {
        crate::error::read_value(value)
    }
}

impl Inventory {
    /// Whether location `l` can serve a route (its being enabled aside): it ships parcels
    /// (`ship` or `ship_from_store`) for a delivery; it is the pickup store, or has a lane to
    /// it, for a pickup.
    pub(crate) fn can_serve(&self, route: &Route, l: LocIdx) -> bool {
        match route {
            Route::Deliver { .. } => {
                let caps = &self.topo.location_def(l).capabilities;
                caps.contains(&Capability::Ship) || caps.contains(&Capability::ShipFromStore)
            }
            Route::Pickup { store } => l == *store || self.topo.lane(l, *store).is_some(),
        }
    }

    /// How a request or an order reaches the customer: a delivery (a destination and a known
    /// service) or a pickup at an enabled store offering pickup. `what` names the request in
    /// the error of both or neither.
    pub(crate) fn route(
        &self,
        destination: Option<&Destination>,
        pickup: Option<&LocationId>,
        service: Option<&ServiceId>,
        what: &str,
    ) -> Result<Route> {
        match (destination, pickup) {
            (Some(dest), None) => {
                let Some(service) = service else {
                    return Err(Error::invalid_input("a delivery needs a `service`").at("service"));
                };
                let service = self.topo.service(service.as_str()).map_err(|e| e.at("service"))?;
                dest.check().map_err(|e| e.within("destination"))?;
                Ok(Route::Deliver {
                    service,
                    destination: dest.clone(),
                })
            }
            (None, Some(store)) => {
                let l = self.topo.location(store.as_str()).map_err(|e| e.at("pickup"))?;
                if !self.topo.loc_enabled[l as usize] {
                    return Err(
                        Error::new(ErrorCode::LocationDisabled, format!("location `{store}` is disabled"))
                            .with("location", store)
                            .at("pickup"),
                    );
                }
                if !self.topo.location_def(l).capabilities.contains(&Capability::Pickup) {
                    return Err(
                        Error::invalid_input(format!("location `{store}` does not offer pickup"))
                            .at("pickup")
                            .with("location", store),
                    );
                }
                Ok(Route::Pickup { store: l })
            }
            _ => Err(
                Error::invalid_input(format!("{what} names exactly one of `destination` and `pickup`"))
                    .at("destination"),
            ),
        }
    }

    /// Checks a request and works out its route and candidate locations (sorted).
    fn promise_plan(&self, req: &PromiseRequest) -> Result<(PoolIdx, Route, Vec<LocIdx>)> {
        let p = self.topo.channel(req.channel.as_str()).map_err(|e| e.at("channel"))?;
        if req.lines.is_empty() {
            return Err(Error::invalid_input("a promise needs at least one line").at("lines"));
        }
        for (i, line) in req.lines.iter().enumerate() {
            crate::error::check_line(i, line.sku.as_str(), line.quantity)?;
        }
        let members = &self.topo.pools[p as usize].members;
        let route = self.route(
            req.destination.as_ref(),
            req.pickup.as_ref(),
            req.service.as_ref(),
            "a promise",
        )?;
        let candidates: Vec<LocIdx> = members
            .iter()
            .map(|&(l, _)| l)
            .filter(|&l| self.topo.loc_enabled[l as usize])
            .filter(|&l| self.can_serve(&route, l))
            .collect();
        Ok((p, route, candidates))
    }

    /// For ship-complete: each candidate whose own units could cover every line, with a lower
    /// bound of the date it could deliver everything.
    fn ship_complete_bounds(&self, ctx: &Ctx, candidates: &[LocIdx], dates: &mut Dates) -> Vec<(LocIdx, Date)> {
        let mut bound: FxHashMap<LocIdx, Date> = candidates.iter().map(|&l| (l, ctx.today)).collect();
        // Units asked per SKU (two lines of one SKU add up).
        let mut asked: Vec<(&Sku, i64)> = Vec::new();
        for line in &ctx.req.lines {
            match asked.iter_mut().find(|(s, _)| *s == &line.sku) {
                Some(a) => a.1 = a.1.saturating_add(line.quantity),
                None => asked.push((&line.sku, line.quantity)),
            }
        }
        for (sku, q) in asked {
            let Some(s) = self.ledger.sku(sku.as_str()) else {
                return Vec::new();
            };
            let mut timed: Vec<(Date, LocIdx, i64)> = self
                .offers(s, ctx, candidates)
                .into_iter()
                .filter_map(|o| {
                    let avail = if o.from_supply { Some(o.due) } else { None };
                    self.fast_dates(ctx, dates, o.loc, avail)
                        .map(|(_, d)| (d, o.loc, o.units))
                })
                .collect();
            timed.sort_unstable();
            let mut cum: FxHashMap<LocIdx, i64> = FxHashMap::default();
            let mut covered: FxHashMap<LocIdx, Date> = FxHashMap::default();
            for (d, l, u) in timed {
                let c = cum.entry(l).or_insert(0);
                if *c < q {
                    *c = c.saturating_add(u);
                    if *c >= q {
                        covered.insert(l, d);
                    }
                }
            }
            bound.retain(|l, b| match covered.get(l) {
                Some(&d) => {
                    *b = (*b).max(d);
                    true
                }
                None => false,
            });
        }
        bound.into_iter().collect()
    }

    /// The earliest date each line of a cart, and the whole cart, can be delivered (or
    /// picked up), and from which locations, using stock on hand now and supply expected
    /// later.
    ///
    /// Each source carries the `due` date to reserve it with: a reservation through the
    /// channel, held by the pool, with that `due` and that quantity is accepted right after
    /// the promise (stock and supply stay counted for it, whatever is promised next).
    /// Lines share the stock: two lines of one SKU do not both count the same units.
    ///
    /// Without `ship_complete` a line may be split across locations (one location is
    /// preferred when it is as early); with it, the cart comes from the one location that
    /// delivers all of it earliest. Ties go to the lower location priority, then the location
    /// id.
    ///
    /// # Errors
    ///
    /// `unknown_channel`, `unknown_service`, `unknown_location` (pickup store),
    /// `invalid_input` (no lines, both or neither of destination and pickup, a delivery
    /// without service, a store without pickup, bad coordinates), `invalid_quantity`.
    pub fn promise(&self, request: &PromiseRequest, now: Timestamp) -> Result<Promise> {
        let (p, route, candidates) = self.promise_plan(request)?;
        let ctx = Ctx {
            req: request,
            route: &route,
            pool: p,
            now,
            today: self.pool_today(p, now),
            buffers: Default::default(),
        };
        let mut dates = Dates::default();
        // Every line in turn, sharing the pool's budget over time; `split`: a line may come
        // from several locations.
        let answer = |dates: &mut Dates, candidates: &[LocIdx], split: bool| -> Vec<LinePromise> {
            let mut budgets: FxHashMap<SkuIdx, Budget> = FxHashMap::default();
            request
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| self.promise_line(&ctx, i, line, candidates, split, &mut budgets, dates))
                .collect()
        };
        let mut reasons = Vec::new();
        let lines = if request.ship_complete {
            // Every candidate alone; the earliest complete one wins. Candidates are tried by a
            // lower bound of their date (their own units, before the pool's budget), so most
            // are never tried.
            let mut bounds: Vec<(Date, u32, LocIdx)> = self
                .ship_complete_bounds(&ctx, &candidates, &mut dates)
                .into_iter()
                .map(|(l, d)| (d, self.topo.loc_priority(l), l))
                .collect();
            bounds.sort_unstable();
            let mut best: Option<((Date, u32, LocationId), Vec<LinePromise>)> = None;
            for &(bound, _, l) in &bounds {
                if best.as_ref().is_some_and(|((d, _, _), _)| *d < bound) {
                    break;
                }
                let lines = answer(&mut dates, &[l], false);
                if lines.iter().any(|x| x.promised < x.quantity) {
                    continue;
                }
                let date = lines.iter().filter_map(|x| x.date).max().unwrap_or(ctx.today);
                let key = (date, self.topo.loc_priority(l), self.topo.loc_ids[l as usize].clone());
                if best.as_ref().is_none_or(|(k, _)| key < *k) {
                    best = Some((key, lines));
                }
            }
            match best {
                Some((_, mut lines)) => {
                    // One shipment: everything leaves with the last line ready.
                    let srcs = lines.iter().flat_map(|x| x.sources.iter());
                    let ships = srcs.clone().map(|s| s.ships).max();
                    let date = srcs.map(|s| s.date).max();
                    if let (Some(ships), Some(date)) = (ships, date) {
                        for line in &mut lines {
                            for src in &mut line.sources {
                                if src.ships < ships {
                                    src.reasons.push(format!("waits to ship complete on {ships}"));
                                    src.ships = ships;
                                }
                                src.date = date;
                            }
                            line.date = Some(date);
                        }
                    }
                    lines
                }
                None => {
                    reasons.push("no single location can ship the whole cart".to_owned());
                    answer(&mut dates, &candidates, true)
                }
            }
        } else {
            answer(&mut dates, &candidates, true)
        };
        let complete = lines.iter().all(|x| x.promised == x.quantity);
        let date = if complete {
            lines.iter().filter_map(|x| x.date).max()
        } else {
            None
        };
        let mut locs: Vec<&LocationId> = lines
            .iter()
            .flat_map(|x| x.sources.iter().map(|s| &s.location))
            .collect();
        locs.sort();
        locs.dedup();
        let mut promised = complete && reasons.is_empty();
        if let (Some(d), Some(latest)) = (date, request.latest) {
            if d > latest {
                promised = false;
                reasons.push(format!(
                    "the earliest date, {d}, is after the latest acceptable, {latest}"
                ));
            }
        }
        if !complete {
            reasons.push("not every line can be promised in full".to_owned());
        }
        Ok(Promise {
            id: request.id.clone(),
            promised,
            date,
            shipments: locs.len(),
            lines,
            reasons,
        })
    }

    /// [`Inventory::promise`] for many requests, each answered against the same state (one
    /// answer does not hold stock for the next).
    ///
    /// # Errors
    ///
    /// The first invalid request's error, its field prefixed with its index
    /// (`[3].lines[0].quantity`).
    pub fn promise_many(&self, requests: &[PromiseRequest], now: Timestamp) -> Result<Vec<Promise>> {
        requests
            .iter()
            .enumerate()
            .map(|(i, r)| self.promise(r, now).map_err(|e| e.within(&format!("[{i}]"))))
            .collect()
    }
}
