"""omnistock: deterministic omnichannel stock pooling and available-to-promise.

The engine is the Rust crate ``omnistock``; this package is a thin binding over it::

    import datetime
    import omnistock
    inv = omnistock.Inventory(network_dict)
    outcomes = inv.apply(events)
    inv.atp("SKU-1", "web")
    now = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc)
    inv.atp_timeline("SKU-1", "web", now, 14)
    inv.promise({"channel": "web", "lines": [{"sku": "SKU-1", "quantity": 2}],
                 "destination": {"zone": "75"}, "service": "standard"}, now)

Time. ``now`` (``atp_timeline``, ``atp_timeline_for_channel``, ``promise``,
``promise_many``) is either a timezone-aware ``datetime.datetime`` or an RFC 3339 string
with an offset, e.g. ``"2026-11-30T09:00:00Z"`` or ``"2026-11-30T10:00:00+01:00"``; both
name the same instant and give the same answer. A naive datetime (or a string without an
offset) is refused with ``OmnistockError`` code ``invalid_input`` and
``context["field"] == "now"``: no time zone is ever guessed. Which *day* ``now`` falls on is
decided by the core in the pool's or location's own time zone.

Dates inside networks, events and requests (``holidays``, ``expected``, ``due``,
``latest``, ``expires_at``, ``cutoff``) are ISO strings, as in JSON: ``"2026-12-25"``,
``"14:00"``, ``"2026-11-26T18:00:00Z"``. A ``datetime.date``/``datetime``/``time`` object
there is ``invalid_input`` (pass ``.isoformat()``).

Simulation. ``omnistock.generate(size="tiny")`` makes a seeded synthetic retailer (a
scenario dict); ``omnistock.simulate(scenario)`` replays it under the built-in rule sets (or
``rule_sets=[...]``) and compares their KPIs; ``omnistock.comparison_table(sim["comparison"])``
prints that comparison; ``omnistock.kpis(outcomes)`` computes the KPIs of any list of order
outcomes (a simulation's, or a retailer's own history)::

    sim = omnistock.simulate(omnistock.generate(size="tiny"), outcomes=False)
    print(omnistock.comparison_table(sim["comparison"]))

Results are plain dicts and lists exactly as the core serializes them: dates are ISO
``"YYYY-MM-DD"`` strings, quantities ints. ``days`` is an int; outside ``1..=3660`` (however
large) it is ``invalid_input`` naming ``days``, never an ``OverflowError``.
"""

from omnistock._omnistock import (
    ERROR_CODES,
    SNAPSHOT_VERSION,
    History,
    Inventory,
    OmnistockError,
    __version__,
    comparison_table,
    forecast,
    generate,
    kpis,
    simulate,
)

__all__ = [
    "ERROR_CODES",
    "SNAPSHOT_VERSION",
    "History",
    "Inventory",
    "OmnistockError",
    "__version__",
    "comparison_table",
    "forecast",
    "generate",
    "kpis",
    "simulate",
]
