//! # omnistock
//!
//! A pure, deterministic engine for the heart of an omnichannel order management system: every
//! stock location (warehouses, stores, partners) is one pool, and omnistock answers "how many
//! can we sell, on this channel?" (available-to-promise) without ever overselling.
//!
//! The same engine is packaged for Python (`import omnistock`) and Node (`require('omnistock')`);
//! all three give the same answers, bit for bit.
//!
//! ```
//! use omnistock::{Inventory, Network};
//!
//! let network = Network::from_json(r#"{
//!     "locations": [
//!         {"id": "DC-LYON", "kind": "warehouse", "capabilities": ["ship"]},
//!         {"id": "PARIS-01", "kind": "store", "capabilities": ["pickup", "ship_from_store"]}
//!     ],
//!     "channels": [
//!         {"id": "web", "kind": "web", "pool": "online"},
//!         {"id": "marketplace", "kind": "marketplace", "pool": "marketplace"}
//!     ],
//!     "pools": [
//!         {"id": "online", "members": [{"location": "DC-LYON"}, {"location": "PARIS-01", "buffer": 2}]},
//!         {"id": "marketplace", "members": [{"location": "DC-LYON"}], "max_share_pct": 30}
//!     ]
//! }"#)?;
//! let mut inv = Inventory::new(network)?;
//! inv.apply_json(r#"[
//!     {"type": "receive", "id": "e1", "location": "DC-LYON", "sku": "SKU-1", "quantity": 100},
//!     {"type": "receive", "id": "e2", "location": "PARIS-01", "sku": "SKU-1", "quantity": 5}
//! ]"#)?;
//! assert_eq!(inv.atp_for_channel("SKU-1", "web")?, 103);
//! assert_eq!(inv.atp_for_channel("SKU-1", "marketplace")?, 30);
//! # Ok::<(), omnistock::Error>(())
//! ```
//!
//! ## Contract
//!
//! * No I/O, clock, randomness or hash-order dependence: `now` is always an argument.
//! * Quantities are `i64` base units with checked arithmetic; money is `rust_decimal::Decimal`.
//! * A rejected event changes nothing; an event id applied twice is a no-op.
//! * No sequence of events oversells: every reservation can always be served by a location.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod atp;
mod error;
pub mod flow;
mod inventory;
pub mod kpi;
mod ledger;
mod model;
mod replenish;
mod schedule;
pub mod sim;
mod sourcing;

pub use atp::{
    AtpBucket, AtpTimeline, BeyondHorizon, LinePromise, LocationAtp, MAX_TIMELINE_DAYS, Promise, PromiseLine,
    PromiseRequest, PromiseSource,
};
pub use error::{Error, ErrorCode, Result};
pub use inventory::Inventory;
pub use kpi::{
    Cancellation, FillRate, Kpis, LeadTime, Metrics, OrderOutcome, OutcomeLine, OutcomeShipment, kpis, kpis_values,
};
pub use ledger::{
    Adjust, AvailabilityChange, Count, Event, EventOutcome, EventStatus, Expire, Fulfil, PositionView, Receive,
    Release, Reservation, ReservationKind, Reserve, StockSignal, Supply, SupplyAdd, SupplyCancel, SupplyReceive,
    Transfer,
};
pub use ledger::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION};
pub use replenish::{
    Alert, AlertCode, AlertNumbers, DemandRow, Forecast, ForecastMethod, History, HistoryColumns, MAX_HISTORY_DAYS,
    MinAtp, PROJECTION_DAYS, Policies, PolicyFields, PolicyRule, PolicyType, Proposal, ProposalKind, ProposalNumbers,
    ProposalReason, Replenishment, Severity, SkuCategory, SourceLimit, Unmet, UnmetReason, forecast_values,
};
pub use schedule::{Destination, DistanceBand, Lane, MAX_LEAD_DAYS, Processing, Service, Transit, Weekday};
pub use sim::{
    Allocation, Comparison, ComparisonRow, Counts, Flow, FulfilmentModel, GenerateOptions, Hours, LocationSummary,
    MAX_SIM_DAYS, Price, ReplenishmentSetup, Run, Scenario, ScenarioSummary, SimRules, Simulation, StreamItem,
    builtin_rule_sets, generate, generate_values, simulate, simulate_values,
};
pub use sourcing::{
    Backorder, BackorderCategory, CapacityUse, Committed, CostTerms, Disruption, DropReason, Dropped, Exclusion,
    Explanation, OpenOrder, Order, OrderLine, OrderPlan, OrderStatus, PerOrder, Plan, Preset, Release as PlanRelease,
    Replacement, RuleSet, RunnerUp, Scarcity, Shipment, ShipmentLine, ShortReason, Unallocated, WAVE_COMPARE_ORDERS,
    Wave, WeightOverrides, Weights,
};
/// The README's Rust snippets, run as doctests so the README stays true.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use model::{
    Capability, Capacity, Channel, ChannelId, ChannelKind, DistanceRate, EventId, Exclusions, GeoPoint, Handling,
    Location, LocationId, LocationKind, Network, Pool, PoolId, PoolMember, Quota, QuotaPeriod, ReservationId,
    ServiceId, ShippingRate, Sku, SupplyId, ZoneRate,
};
