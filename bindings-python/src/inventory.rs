//! `omnistock.Inventory`: the core's `Inventory` (network plus ledger), shared safely between
//! Python threads.
//!
//! Locking: the state sits behind a `Mutex`. Batch calls release the GIL first and take the
//! lock inside `py.detach`, so a thread waiting for the lock never holds the GIL; quick
//! queries run under the GIL when the lock is free and release it to wait when it is not.
//! The mutex is never held while the GIL is being acquired, so the two cannot deadlock.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString, PyTuple};
use serde_json::Value;

use omnistock::{Error, ErrorCode, EventId, EventOutcome};

use crate::conversion::{history_columns, read_date, read_days, read_now, to_py, to_value};
use crate::error::to_pyerr;
use crate::promise::{parse_requests, read_requests};

/// The whole stock state: a validated network and its ledger.
///
/// ``Inventory(network)`` takes the network as a dict or a JSON string. ``apply`` changes
/// stock with a batch of events and returns one outcome per event; the queries are lookups.
/// An ``Inventory`` may be shared by threads: calls are serialized by an internal lock, and the
/// GIL is released while a batch runs. It pickles through its snapshot.
#[pyclass(module = "omnistock._omnistock", frozen)]
pub struct Inventory {
    inner: Mutex<omnistock::Inventory>,
}

impl Inventory {
    fn wrap(inv: omnistock::Inventory) -> Self {
        Inventory { inner: Mutex::new(inv) }
    }

    /// Blocks for the lock; call without the GIL.
    ///
    /// A poisoned lock (a panic while it was held) still guards the state: the core refuses a
    /// bad command before changing anything, so its state is consistent after every `Err`.
    fn lock(&self) -> MutexGuard<'_, omnistock::Inventory> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a batch call: the GIL is released first, then the lock is taken.
    fn batch<R, F>(&self, py: Python<'_>, f: F) -> R
    where
        R: Send,
        F: FnOnce(&mut omnistock::Inventory) -> R + Send,
    {
        py.detach(|| f(&mut self.lock()))
    }

    /// Reads `now` and `days`, then answers a timeline with the GIL released.
    fn timeline<'py, F>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
        days: &Bound<'py, PyAny>,
        f: F,
    ) -> PyResult<Bound<'py, PyAny>>
    where
        F: FnOnce(&omnistock::Inventory, jiff::Timestamp, u32) -> omnistock::Result<omnistock::AtpTimeline> + Send,
    {
        let (now, days) = read_now(now)
            .and_then(|now| Ok((now, read_days(days)?)))
            .map_err(|e| to_pyerr(py, e))?;
        let timeline = self.batch(py, |inv| f(inv, now, days)).map_err(|e| to_pyerr(py, e))?;
        to_py(py, &timeline)
    }

    /// Runs a quick query: under the GIL when the lock is free, otherwise releasing the GIL
    /// while it waits (a long batch in another thread must not stall the interpreter).
    fn query<R, F>(&self, py: Python<'_>, f: F) -> R
    where
        R: Send,
        F: FnOnce(&omnistock::Inventory) -> R + Send,
    {
        match self.inner.try_lock() {
            Ok(guard) => f(&guard),
            Err(TryLockError::Poisoned(poisoned)) => f(&poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => py.detach(|| f(&self.lock())),
        }
    }
}

/// A list argument (`orders`, `backlog`): a list (or any iterable) of dicts, or a JSON array
/// string; errors are placed under `field` (`orders[2].lines`), `refusal` says what it must be.
fn read_list(items: &Bound<'_, PyAny>, field: &str, refusal: &str) -> Result<Value, Error> {
    if let Ok(s) = items.cast::<PyString>() {
        let text = s
            .to_cow()
            .map_err(|e| invalid_input(e.to_string()).within(field))?
            .into_owned();
        return serde_json::from_str(&text).map_err(|e| invalid_input(format!("unreadable JSON: {e}")).within(field));
    }
    if items.is_instance_of::<PyDict>() {
        return Err(invalid_input(refusal).within(field));
    }
    let iter = items.try_iter().map_err(|_| invalid_input(refusal).within(field))?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item.map_err(|e| invalid_input(e.to_string()).within(field))?;
        out.push(to_value(&item).map_err(|e| e.within(&format!("{field}[{i}]")))?);
    }
    Ok(Value::Array(out))
}

/// Orders: a list (or any iterable) of dicts, or a JSON array string.
fn read_orders(orders: &Bound<'_, PyAny>) -> Result<Value, Error> {
    read_list(orders, "orders", "orders must be a list of order dicts")
}

/// The arguments of `allocate` and `allocate_wave` (`list`: the orders, already read) and of
/// `process_backorders` (`list`: the backlog), read while holding the GIL.
fn read_sourcing(
    list: Result<Value, Error>,
    rules: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
) -> Result<(Value, Value, jiff::Timestamp), Error> {
    Ok((list?, to_value(rules).map_err(|e| e.within("rules"))?, read_now(now)?))
}

fn invalid_input(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message)
}

/// A Python `str` as Rust text; lone surrogates are `invalid_input`.
fn text(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_cow()
        .map(|c| c.into_owned())
        .map_err(|e| to_pyerr(py, invalid_input(e.value(py).to_string())))
}

/// One event read from Python: its JSON value, or why it could not be read (with its id, if
/// it is a dict with a string `id`, as the core reports an unreadable JSON event).
type EventInput = Result<Value, (Option<EventId>, Error)>;

fn read_event(item: &Bound<'_, PyAny>) -> EventInput {
    to_value(item).map_err(|err| {
        let id = item
            .cast::<PyDict>()
            .ok()
            .and_then(|d| d.get_item("id").ok().flatten())
            .and_then(|id| id.cast::<PyString>().ok()?.to_cow().ok().map(|s| EventId::from(&*s)));
        (id, err)
    })
}

fn read_events(py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<Vec<EventInput>> {
    let refuse = || {
        to_pyerr(
            py,
            invalid_input("events must be a list of dicts or a JSON array string"),
        )
    };
    if events.is_instance_of::<PyDict>() || events.is_instance_of::<PyBytes>() || events.is_instance_of::<PyByteArray>()
    {
        return Err(refuse());
    }
    let iter = events.try_iter().map_err(|_| refuse())?;
    let mut items = Vec::with_capacity(events.len().unwrap_or(0));
    for item in iter {
        items.push(read_event(&item?));
    }
    Ok(items)
}

#[pymethods]
impl Inventory {
    /// Builds an empty inventory over a network, given as a dict or a JSON string.
    ///
    /// Raises ``OmnistockError`` (``invalid_input``, ``invalid_network``, ``duplicate_id``,
    /// ``unknown_location``, ``unknown_pool``, ``invalid_quantity``) if the network is refused.
    #[new]
    fn new(py: Python<'_>, network: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inv = if let Ok(s) = network.cast::<PyString>() {
            omnistock::Inventory::from_json(&text(py, s)?)
        } else {
            to_value(network)
                .and_then(omnistock::Network::from_value)
                .and_then(omnistock::Inventory::new)
        };
        inv.map(Inventory::wrap).map_err(|e| to_pyerr(py, e))
    }

    /// Applies a batch of events, in order: a list of dicts, or a JSON array string.
    ///
    /// Returns one dict per event: ``{"id", "status": "applied" | "duplicate" | "stale" |
    /// "rejected", "changes"?: [{"sku", "pool", "before", "after", "signal"?}], "expired"?,
    /// "error"?: {"code", "message", "context"?}}``. A rejected event (including one that could
    /// not be read, ``invalid_input``) changes nothing and the others still apply. The GIL is
    /// released while the core works.
    ///
    /// Raises ``OmnistockError`` (``invalid_input``) only if ``events`` itself is not a list
    /// or a JSON array.
    fn apply<'py>(&self, py: Python<'py>, events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let outcomes = if let Ok(s) = events.cast::<PyString>() {
            let json = text(py, s)?;
            self.batch(py, |inv| inv.apply_json(&json))
                .map_err(|e| to_pyerr(py, e))?
        } else {
            let items = read_events(py, events)?;
            self.batch(py, |inv| {
                items
                    .into_iter()
                    .map(|item| match item {
                        Ok(value) => inv.apply_value(value),
                        Err((id, err)) => EventOutcome::rejected(id, err),
                    })
                    .collect::<Vec<_>>()
            })
        };
        to_py(py, &outcomes)
    }

    /// Available-to-promise now for a SKU through a pool (0 for a SKU never seen).
    ///
    /// Raises ``OmnistockError`` (``unknown_pool``).
    fn atp(&self, py: Python<'_>, sku: &str, pool: &str) -> PyResult<i64> {
        self.query(py, |inv| inv.atp(sku, pool)).map_err(|e| to_pyerr(py, e))
    }

    /// ATP for many SKUs through one pool, in the order given (the GIL is released).
    ///
    /// Raises ``OmnistockError`` (``unknown_pool``).
    fn atp_many(&self, py: Python<'_>, skus: Vec<String>, pool: &str) -> PyResult<Vec<i64>> {
        self.batch(py, |inv| inv.atp_many(&skus, pool))
            .map_err(|e| to_pyerr(py, e))
    }

    /// Per-location breakdown of a pool for one SKU, by location id: a list of dicts
    /// ``{"location", "on_hand", "reserved", "buffer", "sellable", "atp", "enabled"}``.
    ///
    /// Raises ``OmnistockError`` (``unknown_pool``).
    fn atp_by_location<'py>(&self, py: Python<'py>, sku: &str, pool: &str) -> PyResult<Bound<'py, PyAny>> {
        let rows = self
            .batch(py, |inv| inv.atp_by_location(sku, pool))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &rows)
    }

    /// Time-phased ATP of a SKU through a pool: ``days`` daily buckets from today (the date of
    /// ``now`` in the pool's time zone), as a dict ``{"sku", "pool", "atp_now", "buckets":
    /// [{"date", "supply", "demand", "discrete_atp", "cumulative_atp", "promisable"}],
    /// "beyond": {"supply", "demand"}}`` (dates as ISO ``"YYYY-MM-DD"`` strings). ``now`` is a
    /// timezone-aware ``datetime.datetime`` or an RFC 3339 string. The GIL is released.
    ///
    /// Raises ``OmnistockError`` (``unknown_pool``; ``invalid_input`` for a naive or malformed
    /// ``now``, or ``days`` outside ``1..=3660``).
    fn atp_timeline<'py>(
        &self,
        py: Python<'py>,
        sku: &str,
        pool: &str,
        now: &Bound<'py, PyAny>,
        days: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.timeline(py, now, days, |inv, now, days| inv.atp_timeline(sku, pool, now, days))
    }

    /// ``atp_timeline`` through the pool a channel sells from, with the channel's quotas applied
    /// to ``promisable`` and reported in each bucket's ``quota_left``, and ``"channel"`` in the
    /// result. The GIL is released.
    ///
    /// Raises ``OmnistockError`` (``unknown_channel``; ``invalid_input`` as ``atp_timeline``).
    fn atp_timeline_for_channel<'py>(
        &self,
        py: Python<'py>,
        sku: &str,
        channel: &str,
        now: &Bound<'py, PyAny>,
        days: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.timeline(py, now, days, |inv, now, days| {
            inv.atp_timeline_for_channel(sku, channel, now, days)
        })
    }

    /// When the lines of a request can be delivered (or picked up), and from where.
    ///
    /// ``request`` is a dict ``{"channel", "lines": [{"sku", "quantity", "id"?}],
    /// "destination"?, "service"?, "pickup"?, "ship_complete"?, "latest"?, "id"?}``; ``now`` a
    /// timezone-aware ``datetime.datetime`` or an RFC 3339 string. Returns a dict ``{"id"?,
    /// "promised", "date"?, "shipments", "lines": [{"line", "sku", "quantity", "promised",
    /// "date"?, "sources": [{"location", "quantity", "due", "ships", "date", "reasons"}],
    /// "reasons"}], "reasons"}``. Nothing is reserved. The GIL is released.
    ///
    /// Raises ``OmnistockError`` (``invalid_input`` naming the field, ``invalid_quantity``,
    /// ``unknown_channel``, ``unknown_service``, ``unknown_location``).
    fn promise<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (request, now) = to_value(request)
            .and_then(|r| Ok((r, read_now(now)?)))
            .map_err(|e| to_pyerr(py, e))?;
        let promise = py
            .detach(|| {
                let request = omnistock::PromiseRequest::from_value(request)?;
                self.lock().promise(&request, now)
            })
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &promise)
    }

    /// ``promise`` for many requests (any iterable of dicts), each answered against the same
    /// state (one answer holds nothing for the next): a list of promises, in order. The GIL is
    /// released.
    ///
    /// Raises ``OmnistockError`` for the first invalid request, its ``field`` prefixed with its
    /// index (``[3].lines[0].quantity``), with ``promise``'s codes.
    fn promise_many<'py>(
        &self,
        py: Python<'py>,
        requests: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = read_now(now).map_err(|e| to_pyerr(py, e))?;
        let items = read_requests(py, requests)?;
        let promises = py
            .detach(|| {
                let requests = parse_requests(items)?;
                self.lock().promise_many(&requests, now)
            })
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &promises)
    }

    /// Proposes which locations ship which units of each order (see the README's
    /// "Allocate orders"): ``orders`` is a list of order dicts, ``rules`` a rule-set dict or a
    /// preset's name (``"priority"``, ``"closest"``, ``"fewest_shipments"``, ``"cheapest"``,
    /// ``"balanced"``), ``now`` an aware ``datetime`` or an RFC 3339 string. Returns the plan
    /// as a dict; nothing changes until ``commit(plan)``. The GIL is released.
    ///
    /// Raises ``OmnistockError`` (``invalid_input`` naming the field, ``duplicate_id``,
    /// ``invalid_quantity``, ``unknown_channel``, ``unknown_service``, ``unknown_location``,
    /// ``location_disabled``).
    fn allocate<'py>(
        &self,
        py: Python<'py>,
        orders: &Bound<'py, PyAny>,
        rules: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (orders, rules, now) = read_sourcing(read_orders(orders), rules, now).map_err(|e| to_pyerr(py, e))?;
        let plan = self
            .batch(py, |inv| inv.allocate_values(orders, rules, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &plan)
    }

    /// Allocates a whole wave of orders jointly (see the core's ``Inventory::allocate_wave``):
    /// scarce SKUs are rationed by the rule set's ``scarcity`` (``"priority"`` or
    /// ``"fair_share"``), then every order is sourced at once, so early orders no longer take
    /// the cheap stock later ones needed. Arguments as ``allocate``; the plan has an extra
    /// ``"wave"`` dict ``{"method", "scarcity", "orders", "units", "allocated", "score",
    /// "lower_bound"?, "gap"?, "shipments", "split_orders", "repaired", "improved", "fallback",
    /// "per_order"?: {"score", "allocated", "shipments", "split_orders"}}``. Nothing changes
    /// until ``commit(plan)``. The GIL is released.
    ///
    /// Example::
    ///
    ///     plan = inv.allocate_wave(orders, {"name": "wave", "preset": "cheapest",
    ///                                       "scarcity": "fair_share"}, now)
    ///     plan["wave"]["score"], plan["wave"].get("gap")
    ///     inv.commit(plan)
    ///
    /// Raises ``OmnistockError`` with ``allocate``'s codes.
    fn allocate_wave<'py>(
        &self,
        py: Python<'py>,
        orders: &Bound<'py, PyAny>,
        rules: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (orders, rules, now) = read_sourcing(read_orders(orders), rules, now).map_err(|e| to_pyerr(py, e))?;
        let plan = self
            .batch(py, |inv| inv.allocate_wave_values(orders, rules, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &plan)
    }

    /// Allocates the backlog again by category (see the core's
    /// ``Inventory::process_backorders``), typically once supply has landed or reservations
    /// were released. ``backlog`` is a list of dicts (or a JSON array string), each
    /// ``{"order": "<committed order id>"}`` or ``{"new": {<order>}}``, with an optional
    /// ``"category"``: ``"win"``, ``"gain"`` (the default), ``"redistribute"``, ``"fill"`` or
    /// ``"lose"``; ``rules`` and ``now`` as ``allocate`` (the rule set's ``allow_later`` lets a
    /// ``redistribute`` order move to a later date). Returns a plan with its ``"wave"`` report;
    /// nothing changes until ``commit(plan)``. The GIL is released.
    ///
    /// Example::
    ///
    ///     plan = inv.process_backorders([{"order": "SO-1", "category": "win"},
    ///                                    {"order": "SO-2", "category": "lose"}], "cheapest", now)
    ///     inv.commit(plan)
    ///
    /// Raises ``OmnistockError`` (``invalid_input`` naming the field, e.g. ``backlog[0]`` for
    /// an entry with both ``order`` and ``new``; ``unknown_order``; then ``allocate``'s codes).
    fn process_backorders<'py>(
        &self,
        py: Python<'py>,
        backlog: &Bound<'py, PyAny>,
        rules: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let backlog = read_list(backlog, "backlog", "backlog must be a list of backorder dicts");
        let (backlog, rules, now) = read_sourcing(backlog, rules, now).map_err(|e| to_pyerr(py, e))?;
        let plan = self
            .batch(py, |inv| inv.process_backorders_values(backlog, rules, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &plan)
    }

    /// Replenishment proposals (see the README's "Replenish"): purchases, transfers and
    /// rebalancing moves bringing each replenished position back to its policy's levels, most
    /// urgent first, and the needs left uncovered: ``{"proposals": [...], "unmet": [...]}``.
    /// ``history`` is a list of row dicts ``{"location", "sku", "date", "sales",
    /// "lost_sales"?}`` or a dict of equal-length columns (e.g. a pandas DataFrame's
    /// ``to_dict("list")``, dates as ISO strings; lists of ``str`` and ``int`` are read without
    /// a JSON value per row), or a ``History`` read once for several calls; ``policies`` a dict
    /// ``{"defaults", "rules", "categories", "sources", "min_atp"}``. Nothing changes in the
    /// inventory. The GIL is released.
    ///
    /// Raises ``OmnistockError`` (``invalid_policy``, ``invalid_history``, ``invalid_input``
    /// naming the field, ``invalid_quantity``, ``duplicate_id``, ``unknown_location``,
    /// ``unknown_channel``).
    fn replenish<'py>(
        &self,
        py: Python<'py>,
        history: &Bound<'py, PyAny>,
        policies: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (history, policies, now) = read_replenish(history, policies, now).map_err(|e| to_pyerr(py, e))?;
        // read before the lock is taken: other threads may use the inventory meanwhile
        let history = py.detach(|| history.read()).map_err(|e| to_pyerr(py, e))?;
        let out = self
            .batch(py, |inv| inv.replenish_history(&history, policies, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &out)
    }

    /// Alerts on the current state, most severe first (``oversold``, ``negative_stock``,
    /// ``projected_stockout`` with its ``date``, ``below_safety_stock``, ``below_min_atp``,
    /// ``stale_data``, ``excess_stock``), each with its ``severity`` and ``numbers``. Arguments
    /// and errors as ``replenish``. The GIL is released.
    fn alerts<'py>(
        &self,
        py: Python<'py>,
        history: &Bound<'py, PyAny>,
        policies: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (history, policies, now) = read_replenish(history, policies, now).map_err(|e| to_pyerr(py, e))?;
        // read before the lock is taken: other threads may use the inventory meanwhile
        let history = py.detach(|| history.read()).map_err(|e| to_pyerr(py, e))?;
        let out = self
            .batch(py, |inv| inv.alerts_history(&history, policies, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &out)
    }

    /// Commits a plan from ``allocate``, ``allocate_wave``, ``process_backorders``,
    /// ``reallocate`` or ``reallocate_offline``: hard reservations and capacity use, all or
    /// nothing. Returns ``{"orders", "reservations", "released", "changes"}``. The GIL is
    /// released.
    ///
    /// Raises ``OmnistockError`` (``stale_plan`` with ``context["cause"]``, ``duplicate_id``,
    /// ``unknown_order``, ``invalid_input``); nothing changes on error.
    fn commit<'py>(&self, py: Python<'py>, plan: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let plan = to_value(plan).map_err(|e| to_pyerr(py, e.within("plan")))?;
        let done = self
            .batch(py, |inv| inv.commit_value(plan))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &done)
    }

    /// Releases everything a committed order still holds; returns what ``commit`` returns.
    ///
    /// Raises ``OmnistockError`` (``unknown_order``).
    fn release_order<'py>(&self, py: Python<'py>, order_id: &str) -> PyResult<Bound<'py, PyAny>> {
        let done = self
            .batch(py, |inv| inv.release_order(order_id))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &done)
    }

    /// A plan moving what a disruption affects of a committed order: ``event`` is
    /// ``{"type": "reject", "location", "lines"?}``, ``{"type": "short_pick", "location",
    /// "line", "quantity"}`` or ``{"type": "offline", "location"}``. Commit it to apply it.
    ///
    /// Raises ``OmnistockError`` (``unknown_order``, ``unknown_location``, ``invalid_input``,
    /// ``invalid_quantity``).
    fn reallocate<'py>(
        &self,
        py: Python<'py>,
        order_id: &str,
        event: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (event, now) = to_value(event)
            .map_err(|e| e.within("event"))
            .and_then(|e| Ok((e, read_now(now)?)))
            .map_err(|e| to_pyerr(py, e))?;
        let plan = self
            .batch(py, |inv| inv.reallocate_value(order_id, event, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &plan)
    }

    /// One plan reallocating every open order holding units at ``location`` (it went
    /// offline), in priority, promised-date and id order.
    ///
    /// Raises ``OmnistockError`` (``unknown_location``).
    fn reallocate_offline<'py>(
        &self,
        py: Python<'py>,
        location: &str,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = read_now(now).map_err(|e| to_pyerr(py, e))?;
        let plan = self
            .batch(py, |inv| inv.reallocate_offline(location, now))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &plan)
    }

    /// Committed orders still holding units, as dicts ordered by id.
    fn open_orders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list: Vec<omnistock::OpenOrder> = self.batch(py, |inv| inv.open_orders().cloned().collect());
        to_py(py, &list)
    }

    /// One open order as a dict, or ``None``.
    fn open_order<'py>(&self, py: Python<'py>, order_id: &str) -> PyResult<Bound<'py, PyAny>> {
        let o = self.query(py, |inv| inv.open_order(order_id).cloned());
        to_py(py, &o)
    }

    /// Work committed at ``location`` for ``date`` (a ``datetime.date`` or ``"YYYY-MM-DD"``):
    /// ``{"orders", "units"}``.
    ///
    /// Raises ``OmnistockError`` (``unknown_location``, ``invalid_input``).
    fn capacity_used<'py>(
        &self,
        py: Python<'py>,
        location: &str,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = read_date(date).map_err(|e| to_pyerr(py, e))?;
        let used = self
            .query(py, |inv| inv.capacity_used(location, date))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &used)
    }

    /// One position as a dict ``{"location", "sku", "on_hand", "reserved", "inbound",
    /// "last_count_seq"?}``, or ``None`` if the ledger has none.
    ///
    /// Raises ``OmnistockError`` (``unknown_location``).
    fn position<'py>(&self, py: Python<'py>, location: &str, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        let p = self
            .query(py, |inv| inv.position(location, sku))
            .map_err(|e| to_pyerr(py, e))?;
        to_py(py, &p)
    }

    /// Outstanding reservations as dicts, ordered by id.
    fn reservations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list: Vec<omnistock::Reservation> = self.batch(py, |inv| inv.reservations().cloned().collect());
        to_py(py, &list)
    }

    /// Whether an event id has been applied.
    fn has_applied(&self, py: Python<'_>, event_id: &str) -> bool {
        self.query(py, |inv| inv.has_applied(event_id))
    }

    /// The whole state as bytes (versioned JSON); ``Inventory.restore`` rebuilds it exactly.
    fn snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = self.batch(py, |inv| inv.snapshot());
        PyBytes::new(py, &bytes)
    }

    /// Rebuilds an inventory from ``snapshot()`` bytes (the GIL is released).
    ///
    /// Raises ``OmnistockError`` (``invalid_snapshot``, or the network's own codes).
    #[staticmethod]
    fn restore(py: Python<'_>, data: &[u8]) -> PyResult<Inventory> {
        py.detach(|| omnistock::Inventory::restore(data))
            .map(Inventory::wrap)
            .map_err(|e| to_pyerr(py, e))
    }

    /// Pickles through the snapshot: ``Inventory.restore(inv.snapshot())``.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let restore = slf.get_type().getattr("restore")?;
        let data = slf.get().snapshot(py);
        Ok((restore, PyTuple::new(py, [data])?))
    }

    /// A short summary of the network.
    fn __repr__(&self, py: Python<'_>) -> String {
        self.query(py, |inv| {
            let n = inv.network();
            format!(
                "Inventory(locations={}, channels={}, pools={})",
                n.locations.len(),
                n.channels.len(),
                n.pools.len()
            )
        })
    }
}

/// A demand history read once, to pass to several ``replenish`` / ``alerts`` calls
/// (``Inventory.replenish(history, ...)`` reads ``history`` again on every call otherwise).
///
/// ``History(history)`` takes what ``replenish`` takes: a list of row dicts ``{"location",
/// "sku", "date", "sales", "lost_sales"?}`` or a dict of equal-length columns (dates as ISO
/// strings). The GIL is released while it is read. ``len(h)`` is the number of (location,
/// SKU) series. Immutable; one object may serve any number of inventories and threads.
///
/// Raises ``OmnistockError`` as ``replenish`` does for its ``history`` (the field named from
/// ``history``).
#[pyclass(module = "omnistock._omnistock", name = "History", frozen)]
pub struct History {
    inner: Arc<omnistock::History>,
}

#[pymethods]
impl History {
    #[new]
    fn new(py: Python<'_>, history: &Bound<'_, PyAny>) -> PyResult<Self> {
        let input = read_history(history).map_err(|e| to_pyerr(py, e))?;
        let inner = py.detach(|| input.read()).map_err(|e| to_pyerr(py, e))?;
        Ok(History { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("History(series={})", self.inner.len())
    }
}

/// A history as the bindings received it: already read (a [`History`]), columns read
/// straight from Python lists, or any other shape as a JSON value (see [`history_columns`]).
enum HistoryInput {
    Read(Arc<omnistock::History>),
    Columns(omnistock::HistoryColumns),
    Value(Value),
}

impl HistoryInput {
    /// Reads the history (without the GIL), an error naming its field from `history`.
    fn read(self) -> Result<Arc<omnistock::History>, Error> {
        match self {
            HistoryInput::Read(h) => Ok(h),
            HistoryInput::Columns(c) => omnistock::History::from_columns(&c).map(Arc::new),
            HistoryInput::Value(v) => omnistock::History::from_value(v).map(Arc::new),
        }
        .map_err(|e| e.within("history"))
    }
}

/// Takes a ``History`` as it is; reads columns or any other shape (with the GIL).
fn read_history(history: &Bound<'_, PyAny>) -> Result<HistoryInput, Error> {
    if let Ok(h) = history.cast::<History>() {
        return Ok(HistoryInput::Read(Arc::clone(&h.get().inner)));
    }
    Ok(match history_columns(history) {
        Some(c) => HistoryInput::Columns(c),
        None => HistoryInput::Value(to_value(history).map_err(|e| e.within("history"))?),
    })
}

/// The arguments of ``replenish`` and ``alerts``, read while holding the GIL.
fn read_replenish(
    history: &Bound<'_, PyAny>,
    policies: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
) -> Result<(HistoryInput, serde_json::Value, jiff::Timestamp), omnistock::Error> {
    Ok((
        read_history(history)?,
        to_value(policies).map_err(|e| e.within("policies"))?,
        read_now(now)?,
    ))
}
