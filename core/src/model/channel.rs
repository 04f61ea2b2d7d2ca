//! Sales channels.

use serde::{Deserialize, Serialize};

use super::{ChannelId, PoolId};

/// What kind of channel sells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// The retailer's own web shop.
    Web,
    /// A third-party marketplace.
    Marketplace,
    /// Sales at the till.
    Store,
    /// Order online, pick up in store.
    ClickAndCollect,
}

/// A sales channel and the pool it sells from.
///
/// # Examples
///
/// ```
/// let ch: omnistock::Channel =
///     serde_json::from_str(r#"{"id": "shop", "kind": "web", "pool": "web"}"#).unwrap();
/// assert_eq!(ch.pool.as_str(), "web");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Unique id.
    pub id: ChannelId,
    /// What kind of channel it is.
    pub kind: ChannelKind,
    /// The pool it sells from.
    pub pool: PoolId,
}
