//! The network model: ids, locations, channels, pools.

mod channel;
mod ids;
mod location;
mod network;
mod pool;

pub use channel::{Channel, ChannelKind};
pub use ids::{ChannelId, EventId, LocationId, PoolId, ReservationId, ServiceId, Sku, SupplyId};
pub use location::{
    Capability, Capacity, DistanceRate, Exclusions, GeoPoint, Handling, Location, LocationKind, ShippingRate, ZoneRate,
};
pub use network::Network;
pub(crate) use network::{LocIdx, PoolIdx, Rate, Topology};
pub use pool::{Pool, PoolMember, Quota, QuotaPeriod};
