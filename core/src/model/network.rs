//! The network: locations, channels and pools, validated and indexed once.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Channel, ChannelId, Location, LocationId, Pool, PoolId, ServiceId};
use crate::error::{Error, ErrorCode, Result};
use crate::schedule::{Clock, ServiceTopo, time_zone};

/// Dense index of a location (position in id order).
pub(crate) type LocIdx = u32;
/// Dense index of a pool (position in id order).
pub(crate) type PoolIdx = u32;

/// The whole stock network as plain data: what a host writes in JSON.
///
/// Build an [`Inventory`](crate::Inventory) from it; that validates it.
///
/// # Examples
///
/// ```
/// let network = omnistock::Network::from_json(r#"{
///     "locations": [{"id": "DC1", "kind": "warehouse", "capabilities": ["ship"]}],
///     "channels": [{"id": "shop", "kind": "web", "pool": "web"}],
///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
/// }"#)?;
/// network.validate()?;
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Every stock location.
    #[serde(default)]
    pub locations: Vec<Location>,
    /// Every sales channel.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Every pool.
    #[serde(default)]
    pub pools: Vec<Pool>,
    /// Carrier services, for delivery promises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<crate::Service>,
    /// Transfer lanes, for pickups served from another location.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<crate::Lane>,
}

impl Network {
    /// Parses a network from JSON.
    ///
    /// # Errors
    ///
    /// `invalid_input` if the text is not a network document (a typo in a key included).
    ///
    /// # Examples
    ///
    /// ```
    /// let err = omnistock::Network::from_json(r#"{"locatoins": []}"#).unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
    /// ```
    pub fn from_json(text: &str) -> Result<Network> {
        crate::error::read_json(text)
    }

    /// Reads a network from a JSON value (what the bindings build from host objects).
    ///
    /// # Errors
    ///
    /// `invalid_input`, naming the field (`context["field"]`, e.g. `locations[0].kind`).
    ///
    /// # Examples
    ///
    /// ```
    /// let v = serde_json::json!({"locations": [{"id": "DC1", "kind": "shop"}]});
    /// let err = omnistock::Network::from_value(v).unwrap_err();
    /// assert_eq!(err.context()["field"], "locations[0].kind");
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Network> {
        crate::error::read_value(value)
    }

    /// Checks the network: ids, references, buffers, shares.
    ///
    /// # Errors
    ///
    /// `invalid_network` (empty id, bad coordinates, pool without members, share outside
    /// 0..=100 or with more than two decimals), `duplicate_id`, `unknown_location`,
    /// `unknown_pool`, `invalid_quantity` (negative buffer or threshold).
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC2"}]}]
    /// }"#)?;
    /// assert_eq!(network.validate().unwrap_err().code(), omnistock::ErrorCode::UnknownLocation);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        Topology::build(self).map(|_| ())
    }
}

/// A pool, indexed.
#[derive(Clone, Debug)]
pub(crate) struct PoolTopo {
    pub id: PoolId,
    /// `(location, buffer)`, sorted by location index.
    pub members: Vec<(LocIdx, i64)>,
    /// Share cap in basis points (0..=10_000), if any.
    pub share_bp: Option<u32>,
    pub low_stock: Option<i64>,
    /// Index of the overlap component the pool belongs to.
    pub component: u32,
    /// Product allocation quotas, as declared.
    pub quotas: Vec<super::Quota>,
}

/// Pools connected through shared member locations. ATP of one pool can only depend on
/// reservations made through pools of its own component.
#[derive(Clone, Debug)]
pub(crate) struct Component {
    pub pools: Vec<PoolIdx>,
    /// Union of the member locations, sorted.
    pub locations: Vec<LocIdx>,
}

/// The network's dense indices, built once from a validated [`Network`].
#[derive(Clone, Debug)]
pub(crate) struct Topology {
    pub loc_ids: Vec<LocationId>,
    pub loc_index: FxHashMap<LocationId, LocIdx>,
    pub loc_enabled: Vec<bool>,
    /// For each location: the pools it belongs to and its buffer there, by pool index.
    pub loc_pools: Vec<Vec<(PoolIdx, i64)>>,
    /// Component of each location (`u32::MAX` if in no pool).
    pub loc_component: Vec<u32>,
    pub pools: Vec<PoolTopo>,
    pub pool_index: FxHashMap<PoolId, PoolIdx>,
    pub channel_pool: FxHashMap<ChannelId, PoolIdx>,
    pub components: Vec<Component>,
    /// Location definitions, in index order.
    pub locations: Vec<Location>,
    /// Each location's calendar and lead times, in index order.
    pub clocks: Vec<Clock>,
    /// Locations with the same time settings share a class (so their dates can be cached).
    pub clock_class: Vec<u32>,
    /// Each pool's time zone, in index order.
    pub pool_tz: Vec<jiff::tz::TimeZone>,
    pub services: Vec<ServiceTopo>,
    pub service_index: FxHashMap<ServiceId, usize>,
    /// Transfer lanes: (from, to) → days.
    pub lanes: FxHashMap<(LocIdx, LocIdx), u32>,
    /// Transfer lanes' costs: (from, to) → (per shipment, per unit).
    pub lane_costs: FxHashMap<(LocIdx, LocIdx), (Decimal, Decimal)>,
    /// Shipping rates by location, then service index.
    pub rates: Vec<Vec<Option<Rate>>>,
    /// Every destination zone named by a zone rate, interned.
    pub rate_zones: FxHashMap<String, u32>,
}

/// A location's shipping rate for one service, compiled.
#[derive(Clone, Debug)]
pub(crate) enum Rate {
    Distance(crate::DistanceRate),
    /// Interned destination zones, ascending, and the rate of each: the zones apart so a
    /// lookup's binary search reads a few cache lines of small keys, not the rates.
    Zones(Vec<u32>, Vec<crate::ZoneRate>),
}

/// The largest amount of money accepted in a rate or a cost.
const MAX_MONEY: i64 = 1_000_000_000;

/// Checks a location's sourcing settings: capacity, costs, rates and exclusions.
fn check_sourcing(
    loc: &Location,
    services: &FxHashMap<ServiceId, usize>,
    channels: &FxHashMap<ChannelId, PoolIdx>,
) -> Result<()> {
    let id = &loc.id;
    let negative =
        |what: &str, field: String| invalid(format!("location `{id}`: {what} must not be negative")).at(field);
    if let Some(c) = &loc.capacity {
        for (v, f) in [(c.orders_per_day, "orders_per_day"), (c.units_per_day, "units_per_day")] {
            if let Some(v) = v {
                if v < 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!("location `{id}`: capacity {f} must not be negative, got {v}"),
                    )
                    .at(format!("capacity.{f}")));
                }
            }
        }
    }
    if let Some(h) = &loc.handling {
        let bad = |d: &Decimal| (d.is_sign_negative() && !d.is_zero()) || *d > Decimal::from(MAX_MONEY);
        if bad(&h.per_order) {
            return Err(negative("handling cost", "handling.per_order".into()));
        }
        if bad(&h.per_unit) {
            return Err(negative("handling cost", "handling.per_unit".into()));
        }
    }
    for (svc, rate) in &loc.shipping {
        if !services.contains_key(svc.as_str()) {
            return Err(Error::new(
                ErrorCode::UnknownService,
                format!("location `{id}` has a shipping rate for unknown service `{svc}`"),
            )
            .with("service", svc)
            .at(format!("shipping.{svc}")));
        }
        // Negative, or above 10⁹ (keeps every cost and score within `Decimal`).
        let neg = |d: &Decimal| (d.is_sign_negative() && !d.is_zero()) || *d > Decimal::from(MAX_MONEY);
        match rate {
            crate::ShippingRate::Distance(r) => {
                for (v, f) in [(&r.base, "base"), (&r.per_unit, "per_unit"), (&r.per_km, "per_km")] {
                    if neg(v) {
                        return Err(
                            negative("a shipping rate", format!("shipping.{svc}.distance.{f}")).with("value", v)
                        );
                    }
                }
            }
            crate::ShippingRate::Zones(zones) => {
                for (z, r) in zones {
                    for (v, f) in [(&r.base, "base"), (&r.per_unit, "per_unit")] {
                        if neg(v) {
                            return Err(negative("a shipping rate", format!("shipping.{svc}.zones.{z}.{f}")));
                        }
                    }
                    if r.days.is_some_and(|d| d > crate::schedule::MAX_LEAD_DAYS) {
                        return Err(invalid(format!(
                            "location `{id}`: transit of more than {} days",
                            crate::schedule::MAX_LEAD_DAYS
                        ))
                        .at(format!("shipping.{svc}.zones.{z}.days")));
                    }
                }
            }
        }
    }
    if let Some(x) = &loc.exclusions {
        for (i, ch) in x.channels.iter().enumerate() {
            if !channels.contains_key(ch.as_str()) {
                return Err(Error::new(
                    ErrorCode::UnknownChannel,
                    format!("location `{id}` excludes unknown channel `{ch}`"),
                )
                .with("channel", ch)
                .at(format!("exclusions.channels[{i}]")));
            }
        }
        if let Some(m) = x.max_units {
            if m < 1 {
                return Err(Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("location `{id}`: exclusions.max_units must be at least 1, got {m}"),
                )
                .at("exclusions.max_units"));
            }
        }
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidNetwork, message)
}

fn check_id(kind: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(invalid(format!("{kind} id must not be empty")).at(format!("{kind}.id")));
    }
    Ok(())
}

impl Topology {
    pub(crate) fn build(net: &Network) -> Result<Topology> {
        // Locations, in id order.
        let mut locs: Vec<&Location> = net.locations.iter().collect();
        for loc in &locs {
            check_id("location", loc.id.as_str())?;
            if let Some(p) = loc.position {
                if !(p.lat.is_finite() && (-90.0..=90.0).contains(&p.lat)) {
                    return Err(invalid(format!("location `{}` has latitude outside -90..=90", loc.id))
                        .with("location", &loc.id)
                        .at("position.lat"));
                }
                if !(p.lon.is_finite() && (-180.0..=180.0).contains(&p.lon)) {
                    return Err(
                        invalid(format!("location `{}` has longitude outside -180..=180", loc.id))
                            .with("location", &loc.id)
                            .at("position.lon"),
                    );
                }
            }
        }
        locs.sort_by(|a, b| a.id.cmp(&b.id));
        if let Some(w) = locs.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("location `{}` is declared twice", w[0].id),
            )
            .with("location", &w[0].id));
        }
        let mut clocks = Vec::with_capacity(locs.len());
        for loc in &locs {
            clocks.push(Clock::of(loc).map_err(|e| e.with("location", &loc.id))?);
        }
        let loc_ids: Vec<LocationId> = locs.iter().map(|l| l.id.clone()).collect();
        let loc_enabled: Vec<bool> = locs.iter().map(|l| l.enabled).collect();
        let loc_index: FxHashMap<LocationId, LocIdx> = loc_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as LocIdx))
            .collect();

        // Pools, in id order.
        let mut pools_in: Vec<&Pool> = net.pools.iter().collect();
        for p in &pools_in {
            check_id("pool", p.id.as_str())?;
        }
        pools_in.sort_by(|a, b| a.id.cmp(&b.id));
        if let Some(w) = pools_in.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(
                Error::new(ErrorCode::DuplicateId, format!("pool `{}` is declared twice", w[0].id))
                    .with("pool", &w[0].id),
            );
        }
        let mut pools = Vec::with_capacity(pools_in.len());
        for p in &pools_in {
            if p.members.is_empty() {
                return Err(invalid(format!("pool `{}` has no members", p.id)).with("pool", &p.id));
            }
            let mut members = Vec::with_capacity(p.members.len());
            for m in &p.members {
                let Some(&li) = loc_index.get(m.location.as_str()) else {
                    return Err(Error::new(
                        ErrorCode::UnknownLocation,
                        format!("pool `{}` names unknown location `{}`", p.id, m.location),
                    )
                    .with("pool", &p.id)
                    .with("location", &m.location));
                };
                if m.buffer < 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!("pool `{}` has a negative buffer at `{}`", p.id, m.location),
                    )
                    .with("pool", &p.id)
                    .with("location", &m.location)
                    .at("buffer"));
                }
                members.push((li, m.buffer));
            }
            members.sort_unstable();
            if let Some(w) = members.windows(2).find(|w| w[0].0 == w[1].0) {
                let loc = &loc_ids[w[0].0 as usize];
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("pool `{}` lists location `{loc}` twice", p.id),
                )
                .with("pool", &p.id)
                .with("location", loc));
            }
            let share_bp = match p.max_share_pct {
                None => None,
                Some(pct) => Some(share_basis_points(pct).ok_or_else(|| {
                    invalid(format!(
                        "pool `{}` has max_share_pct {pct}: it must be within 0..=100 with at most two decimals",
                        p.id
                    ))
                    .with("pool", &p.id)
                    .at("max_share_pct")
                })?),
            };
            if let Some(t) = p.low_stock_threshold {
                if t < 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!("pool `{}` has a negative low_stock_threshold", p.id),
                    )
                    .with("pool", &p.id)
                    .at("low_stock_threshold"));
                }
            }
            pools.push(PoolTopo {
                id: p.id.clone(),
                members,
                share_bp,
                low_stock: p.low_stock_threshold,
                component: 0,
                quotas: p.quotas.clone(),
            });
        }
        let pool_index: FxHashMap<PoolId, PoolIdx> = pools
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i as PoolIdx))
            .collect();

        // Channels.
        let mut channel_pool = FxHashMap::default();
        let mut chans: Vec<&Channel> = net.channels.iter().collect();
        chans.sort_by(|a, b| a.id.cmp(&b.id));
        for c in &chans {
            check_id("channel", c.id.as_str())?;
            let Some(&pi) = pool_index.get(c.pool.as_str()) else {
                return Err(Error::new(
                    ErrorCode::UnknownPool,
                    format!("channel `{}` sells from unknown pool `{}`", c.id, c.pool),
                )
                .with("channel", &c.id)
                .with("pool", &c.pool));
            };
            if channel_pool.insert(c.id.clone(), pi).is_some() {
                return Err(
                    Error::new(ErrorCode::DuplicateId, format!("channel `{}` is declared twice", c.id))
                        .with("channel", &c.id),
                );
            }
        }

        // Quotas: a channel of the pool, a quantity ≥ 0.
        for (pi, p) in pools.iter().enumerate() {
            for (qi, q) in p.quotas.iter().enumerate() {
                let at = |e: Error, field: &str| e.with("pool", &p.id).at(format!("quotas[{qi}].{field}"));
                match channel_pool.get(q.channel.as_str()) {
                    None => {
                        return Err(at(
                            Error::new(
                                ErrorCode::UnknownChannel,
                                format!("pool `{}` has a quota for unknown channel `{}`", p.id, q.channel),
                            )
                            .with("channel", &q.channel),
                            "channel",
                        ));
                    }
                    Some(&cp) if cp as usize != pi => {
                        return Err(at(
                            invalid(format!(
                                "pool `{}` has a quota for channel `{}`, which sells from another pool",
                                p.id, q.channel
                            ))
                            .with("channel", &q.channel),
                            "channel",
                        ));
                    }
                    _ => {}
                }
                if q.quantity < 0 {
                    return Err(at(
                        Error::new(
                            ErrorCode::InvalidQuantity,
                            format!("pool `{}` has a negative quota", p.id),
                        ),
                        "quantity",
                    ));
                }
                if q.sku.as_ref().is_some_and(|s| s.as_str().trim().is_empty()) {
                    return Err(at(Error::invalid_input("must not be empty"), "sku"));
                }
            }
        }

        // Location → pools.
        let mut loc_pools: Vec<Vec<(PoolIdx, i64)>> = vec![Vec::new(); loc_ids.len()];
        for (pi, p) in pools.iter().enumerate() {
            for &(li, b) in &p.members {
                loc_pools[li as usize].push((pi as PoolIdx, b));
            }
        }

        // Overlap components (union-find over pools sharing a location).
        let mut parent: Vec<usize> = (0..pools.len()).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for lp in &loc_pools {
            for w in lp.windows(2) {
                let (a, b) = (find(&mut parent, w[0].0 as usize), find(&mut parent, w[1].0 as usize));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let mut comp_of_root: FxHashMap<usize, u32> = FxHashMap::default();
        let mut components: Vec<Component> = Vec::new();
        for (pi, pool) in pools.iter_mut().enumerate() {
            let root = find(&mut parent, pi);
            let ci = *comp_of_root.entry(root).or_insert_with(|| {
                components.push(Component {
                    pools: Vec::new(),
                    locations: Vec::new(),
                });
                (components.len() - 1) as u32
            });
            pool.component = ci;
            components[ci as usize].pools.push(pi as PoolIdx);
        }
        let mut loc_component = vec![u32::MAX; loc_ids.len()];
        for (li, lp) in loc_pools.iter().enumerate() {
            if let Some(&(pi, _)) = lp.first() {
                let ci = pools[pi as usize].component;
                loc_component[li] = ci;
                components[ci as usize].locations.push(li as LocIdx);
            }
        }

        let mut pool_tz = Vec::with_capacity(pools_in.len());
        for p in &pools_in {
            pool_tz.push(match &p.time_zone {
                Some(name) => time_zone(name).map_err(|e| e.with("pool", &p.id).at("time_zone"))?,
                None => jiff::tz::TimeZone::UTC,
            });
        }
        let mut services = Vec::with_capacity(net.services.len());
        let mut service_index = FxHashMap::default();
        for (i, s) in net.services.iter().enumerate() {
            check_id("service", s.id.as_str())?;
            let st = ServiceTopo::build(s).map_err(|e| e.with("service", &s.id).within(&format!("services[{i}]")))?;
            if service_index.insert(s.id.clone(), services.len()).is_some() {
                return Err(
                    Error::new(ErrorCode::DuplicateId, format!("service `{}` is declared twice", s.id))
                        .with("service", &s.id),
                );
            }
            services.push(st);
        }
        let mut lanes = FxHashMap::default();
        let mut lane_costs = FxHashMap::default();
        for (i, lane) in net.lanes.iter().enumerate() {
            let find = |id: &LocationId, field: &str| {
                loc_index.get(id.as_str()).copied().ok_or_else(|| {
                    Error::new(
                        ErrorCode::UnknownLocation,
                        format!("lane names unknown location `{id}`"),
                    )
                    .with("location", id)
                    .at(format!("lanes[{i}].{field}"))
                })
            };
            let (from, to) = (find(&lane.from, "from")?, find(&lane.to, "to")?);
            if from == to {
                return Err(invalid(format!("lane from `{}` to itself", lane.from)).at(format!("lanes[{i}].to")));
            }
            if lane.days > crate::schedule::MAX_LEAD_DAYS {
                return Err(invalid(format!(
                    "lane `{}` → `{}` takes {} days, more than {}",
                    lane.from,
                    lane.to,
                    lane.days,
                    crate::schedule::MAX_LEAD_DAYS
                ))
                .at(format!("lanes[{i}].days")));
            }
            if lane.base.is_sign_negative() || lane.per_unit.is_sign_negative() {
                return Err(
                    invalid(format!("lane `{}` → `{}` has a negative cost", lane.from, lane.to))
                        .at(format!("lanes[{i}]")),
                );
            }
            for (v, field) in [(&lane.base, "base"), (&lane.per_unit, "per_unit")] {
                if *v > Decimal::from(MAX_MONEY) {
                    return Err(invalid(format!(
                        "lane `{}` → `{}`: {field} {v} is above {MAX_MONEY}",
                        lane.from, lane.to
                    ))
                    .at(format!("lanes[{i}].{field}")));
                }
            }
            lane_costs.insert((from, to), (lane.base, lane.per_unit));
            if lanes.insert((from, to), lane.days).is_some() {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("lane `{}` → `{}` is declared twice", lane.from, lane.to),
                )
                .at(format!("lanes[{i}]")));
            }
        }
        for loc in &locs {
            check_sourcing(loc, &service_index, &channel_pool).map_err(|e| e.with("location", &loc.id))?;
        }
        let locations: Vec<Location> = locs.iter().map(|l| (*l).clone()).collect();
        let mut rate_zones: FxHashMap<String, u32> = FxHashMap::default();
        let rates: Vec<Vec<Option<Rate>>> = locations
            .iter()
            .map(|loc| {
                let mut row: Vec<Option<Rate>> = vec![None; services.len()];
                for (svc, rate) in &loc.shipping {
                    let Some(&si) = service_index.get(svc.as_str()) else {
                        continue;
                    };
                    row[si] = Some(match rate {
                        crate::ShippingRate::Distance(r) => Rate::Distance(r.clone()),
                        crate::ShippingRate::Zones(z) => {
                            let mut v: Vec<(u32, crate::ZoneRate)> = z
                                .iter()
                                .map(|(name, r)| {
                                    let n = rate_zones.len() as u32;
                                    (*rate_zones.entry(name.clone()).or_insert(n), r.clone())
                                })
                                .collect();
                            v.sort_by_key(|x| x.0);
                            let (zones, rates) = v.into_iter().unzip();
                            Rate::Zones(zones, rates)
                        }
                    });
                }
                row
            })
            .collect();
        let mut classes: FxHashMap<String, u32> = FxHashMap::default();
        let clock_class: Vec<u32> = locations
            .iter()
            .map(|l| {
                // Serializing plain data cannot fail.
                let key = serde_json::to_string(&(&l.time_zone, l.cutoff, l.processing, &l.working_days, &l.holidays))
                    .unwrap_or_default();
                let n = classes.len() as u32;
                *classes.entry(key).or_insert(n)
            })
            .collect();

        Ok(Topology {
            locations,
            clocks,
            clock_class,
            pool_tz,
            services,
            service_index,
            lanes,
            lane_costs,
            rates,
            rate_zones,
            loc_ids,
            loc_index,
            loc_enabled,
            loc_pools,
            loc_component,
            pools,
            pool_index,
            channel_pool,
            components,
        })
    }

    pub(crate) fn location(&self, id: &str) -> Result<LocIdx> {
        self.loc_index.get(id).copied().ok_or_else(|| {
            Error::new(ErrorCode::UnknownLocation, format!("unknown location `{id}`")).with("location", id)
        })
    }

    pub(crate) fn pool(&self, id: &str) -> Result<PoolIdx> {
        self.pool_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::new(ErrorCode::UnknownPool, format!("unknown pool `{id}`")).with("pool", id))
    }

    pub(crate) fn channel(&self, id: &str) -> Result<PoolIdx> {
        self.channel_pool
            .get(id)
            .copied()
            .ok_or_else(|| Error::new(ErrorCode::UnknownChannel, format!("unknown channel `{id}`")).with("channel", id))
    }

    pub(crate) fn clock(&self, l: LocIdx) -> &Clock {
        &self.clocks[l as usize]
    }

    pub(crate) fn location_def(&self, l: LocIdx) -> &Location {
        &self.locations[l as usize]
    }

    pub(crate) fn loc_priority(&self, l: LocIdx) -> u32 {
        self.locations[l as usize].priority
    }

    pub(crate) fn service(&self, id: &str) -> Result<usize> {
        self.service_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::new(ErrorCode::UnknownService, format!("unknown service `{id}`")).with("service", id))
    }

    /// Transfer days from `from` to `to`, if a lane exists.
    pub(crate) fn lane(&self, from: LocIdx, to: LocIdx) -> Option<u32> {
        self.lanes.get(&(from, to)).copied()
    }

    /// The buffer of `loc` in `pool`, or `None` if it is not a member.
    pub(crate) fn buffer(&self, pool: PoolIdx, loc: LocIdx) -> Option<i64> {
        let lp = &self.loc_pools[loc as usize];
        lp.binary_search_by_key(&pool, |&(p, _)| p).ok().map(|i| lp[i].1)
    }
}

/// `pct` (0..=100, at most two decimals) in basis points.
fn share_basis_points(pct: Decimal) -> Option<u32> {
    if pct < Decimal::ZERO || pct > Decimal::ONE_HUNDRED {
        return None;
    }
    let bp = pct.checked_mul(Decimal::ONE_HUNDRED)?;
    if bp.fract() != Decimal::ZERO {
        return None;
    }
    u32::try_from(bp.mantissa() / 10i128.pow(bp.scale())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn share_points() {
        assert_eq!(share_basis_points(Decimal::from(30)), Some(3000));
        assert_eq!(share_basis_points(Decimal::from_str("33.33").unwrap()), Some(3333));
        assert_eq!(share_basis_points(Decimal::from_str("33.333").unwrap()), None);
        assert_eq!(share_basis_points(Decimal::from(101)), None);
        assert_eq!(share_basis_points(Decimal::from(-1)), None);
        assert_eq!(share_basis_points(Decimal::from_str("100.00").unwrap()), Some(10000));
    }

    #[test]
    fn components_join_pools_sharing_a_location() {
        let net = Network::from_json(
            r#"{"locations": [{"id":"A","kind":"store"},{"id":"B","kind":"store"},{"id":"C","kind":"warehouse"}],
                "pools": [{"id":"p1","members":[{"location":"A"}]},
                          {"id":"p2","members":[{"location":"A"},{"location":"B"}]},
                          {"id":"p3","members":[{"location":"C"}]}]}"#,
        )
        .unwrap();
        let t = Topology::build(&net).unwrap();
        assert_eq!(t.pools[0].component, t.pools[1].component);
        assert_ne!(t.pools[0].component, t.pools[2].component);
        assert_eq!(t.components[t.pools[1].component as usize].locations, vec![0, 1]);
    }
}
