"""omnistock: deterministic omnichannel stock pooling and available-to-promise.

The engine is the Rust crate ``omnistock``; this package is a thin binding over it::

    import omnistock
    inv = omnistock.Inventory(network_dict)
    outcomes = inv.apply(events)
    inv.atp("SKU-1", "web")
"""

from omnistock._omnistock import (
    ERROR_CODES,
    SNAPSHOT_VERSION,
    Inventory,
    OmnistockError,
    __version__,
)

__all__ = ["ERROR_CODES", "SNAPSHOT_VERSION", "Inventory", "OmnistockError", "__version__"]
