//! `Inventory`: the core `omnistock::Inventory` behind a lock, so `applyAsync` and
//! `promiseManyAsync` (`promise.rs`) can run it on a libuv worker thread. Each method converts
//! its arguments, calls the core, converts the result (`conversion.rs`); errors go through
//! `error.rs`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, MutexGuard};

use napi::bindgen_prelude::AsyncTask;
use napi::bindgen_prelude::{Buffer, FromNapiValue, Object, Uint8Array, Unknown};
use napi::{Env, JsValue, ScopedTask, ValueType};
use napi_derive::napi;
use omnistock::{EventId, EventOutcome};
use serde_json::Value;

use crate::conversion::{self, Place, invalid, js_number, json_text, read_days, read_now};
use crate::error::{Failure, or_throw, to_js_error};
use crate::promise::{PromiseMany, read_request};
use crate::sourcing::{Allocate, Call, Replenish, read_date, read_doc};
use crate::task::{Job, JobTask};

pub(crate) type Shared = Arc<Mutex<omnistock::Inventory>>;

pub(crate) fn lock(inner: &Shared) -> Result<MutexGuard<'_, omnistock::Inventory>, Failure> {
    // Only a panic inside the core (a bug, caught by `catch_unwind`) poisons the lock, and it
    // may have left the state half-changed: refuse to go on rather than guess.
    inner.lock().map_err(|_| {
        Failure::Napi(napi::Error::from_reason(
            "omnistock: an earlier call panicked inside this Inventory; rebuild it (from events or a snapshot)",
        ))
    })
}

/// A network as given: a plain object or JSON text.
fn read_network(env: &Env, network: Unknown<'_>) -> Result<omnistock::Inventory, omnistock::Error> {
    let value = conversion::check(
        conversion::read_json(&json_text(env, network, "the network")?)?,
        Place::Network,
    )?;
    omnistock::Inventory::new(omnistock::Network::from_value(value)?)
}

/// One event as the core reads it, or the outcome of an event that could not be converted.
enum Item {
    Event(Value),
    Rejected(EventOutcome),
}

impl Item {
    /// One event from its JSON text; an unreadable one (or one holding an integer JavaScript
    /// cannot hold exactly) is rejected on its own, with its id when it has a readable one.
    fn read(text: &str) -> Item {
        let value = match conversion::read_json(text) {
            Ok(value) => value,
            Err(e) => return Item::Rejected(EventOutcome::rejected(id_of(text), e)),
        };
        let id = omnistock::Event::id_in(&value);
        match conversion::check(value, Place::Other) {
            Ok(event) => Item::Event(event),
            Err(e) => Item::Rejected(EventOutcome::rejected(id, e)),
        }
    }

    fn apply(self, inv: &mut omnistock::Inventory) -> EventOutcome {
        match self {
            Item::Event(event) => inv.apply_value(event),
            Item::Rejected(outcome) => outcome,
        }
    }
}

/// The string `id` of an event whose text could not be read as a whole (reading only the id).
fn id_of(text: &str) -> Option<EventId> {
    #[derive(serde::Deserialize)]
    struct WithId {
        id: Option<String>,
    }
    serde_json::from_str::<WithId>(text).ok()?.id.map(EventId::from)
}

/// Events as given, taken on the JS thread (where JS values live) as JSON text; the text is
/// read later, on whichever thread applies them.
enum Events {
    /// The JSON text of an array of events (given, or written by `JSON.stringify`).
    Text(String),
    /// Per event, when the array as a whole could not be written as JSON (a `bigint`, a cycle):
    /// its JSON text, or its rejected outcome.
    Pieces(Vec<Piece>),
    /// Neither an array nor JSON text.
    Invalid(omnistock::Error),
}

impl Events {
    fn take(env: &Env, events: Unknown<'_>) -> Events {
        if events.get_type().ok() == Some(ValueType::String) {
            return match String::from_unknown(events) {
                Ok(text) => Events::Text(text),
                Err(e) => Events::Invalid(invalid(e.reason.clone())),
            };
        }
        if !events.is_array().unwrap_or(false) {
            return Events::Invalid(invalid("events must be an array of events, or its JSON text"));
        }
        if let Ok(Some(text)) = conversion::stringify(env, events) {
            return Events::Text(text);
        }
        match Vec::<Unknown>::from_unknown(events) {
            Ok(items) => Events::Pieces(items.into_iter().map(|e| piece(env, e)).collect()),
            Err(e) => Events::Invalid(invalid(e.reason.clone())),
        }
    }

    /// Applies the events in order, one at a time (read, apply, write its outcome), so a big
    /// batch never holds all its values at once; returns the outcomes as JSON text.
    fn apply(self, inner: &Shared) -> Result<String, Failure> {
        let mut out = Outcomes::default();
        match self {
            Events::Text(text) => {
                let events = conversion::split_array(&text)?;
                let mut inv = lock(inner)?;
                for event in events {
                    out.push(Item::read(event).apply(&mut inv))?;
                }
            }
            Events::Pieces(pieces) => {
                let mut inv = lock(inner)?;
                for piece in pieces {
                    let outcome = match piece {
                        Piece::Text(text) => Item::read(&text).apply(&mut inv),
                        Piece::Rejected(outcome) => outcome,
                    };
                    out.push(outcome)?;
                }
            }
            Events::Invalid(e) => return Err(e.into()),
        }
        out.finish()
    }
}

/// Outcomes written as a JSON array as they come.
#[derive(Default)]
struct Outcomes(Vec<u8>);

impl Outcomes {
    fn push(&mut self, outcome: EventOutcome) -> Result<(), Failure> {
        self.0.push(if self.0.is_empty() { b'[' } else { b',' });
        Ok(conversion::write_json(&mut self.0, &outcome)?)
    }

    fn finish(mut self) -> Result<String, Failure> {
        if self.0.is_empty() {
            self.0.push(b'[');
        }
        self.0.push(b']');
        String::from_utf8(self.0).map_err(|e| Failure::Napi(napi::Error::from_reason(e.to_string())))
    }
}

/// One event's JSON text, or its rejected outcome if `JSON.stringify` cannot write it.
enum Piece {
    Text(String),
    Rejected(EventOutcome),
}

fn piece(env: &Env, event: Unknown<'_>) -> Piece {
    match conversion::stringify(env, event) {
        // `undefined`, a function or a symbol: `null` in an array, as `JSON.stringify` writes it.
        Ok(text) => Piece::Text(text.unwrap_or_else(|| "null".to_owned())),
        Err(e) => {
            let id = match event.get_type() {
                Ok(ValueType::Object) => Object::from_unknown(event)
                    .ok()
                    .and_then(|o| o.get::<String>("id").ok().flatten()),
                _ => None,
            };
            let error = invalid(format_args!("the event cannot be written as JSON: {}", e.reason));
            Piece::Rejected(EventOutcome::rejected(id.map(EventId::from), error))
        }
    }
}

/// The stock state of one network: a validated network and its ledger.
///
/// Every method that fails throws an `Error` whose `code` is one of `ERROR_CODES` and whose
/// `data` names what was involved (`{ pool: 'web' }`, `{ field: 'quantity' }`, ...).
/// Keys are camelCase on output; on input camelCase and snake_case are both accepted.
/// Integers beyond ±(2^53 − 1) are refused on input (`invalid_input`): a JavaScript number
/// cannot hold them exactly.
///
/// @example
/// const { Inventory } = require('omnistock')
/// const inv = new Inventory({
///   locations: [{ id: 'DC1', kind: 'warehouse' }],
///   pools: [{ id: 'web', members: [{ location: 'DC1' }] }],
/// })
/// inv.apply([{ type: 'receive', id: 'e1', location: 'DC1', sku: 'MUG', quantity: 3 }])
/// inv.atp('MUG', 'web') // 3
#[napi]
pub struct Inventory {
    inner: Shared,
}

impl Inventory {
    /// Reads `now` and `days`, answers a timeline with the core, and gives it to JavaScript.
    fn timeline<'env, F>(
        &self,
        env: &'env Env,
        now: Unknown<'_>,
        days: Unknown<'_>,
        f: F,
    ) -> napi::Result<Unknown<'env>>
    where
        F: FnOnce(&omnistock::Inventory, jiff::Timestamp, u32) -> omnistock::Result<omnistock::AtpTimeline>,
    {
        let result = (|| -> Result<String, Failure> {
            let (now, days) = (read_now(env, now)?, read_days(days)?);
            let timeline = f(&*lock(&self.inner)?, now, days)?;
            Ok(conversion::to_json(&timeline)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }
}

#[napi]
impl Inventory {
    /// An empty inventory over a network, given as an object or as JSON text.
    ///
    /// @throws {Error} `invalid_input` (unreadable network), `invalid_network`, `duplicate_id`,
    /// `unknown_location`, `unknown_pool`, `invalid_quantity`.
    #[napi(constructor, catch_unwind, ts_args_type = "network: Network | string")]
    pub fn new(env: Env, network: Unknown<'_>) -> napi::Result<Self> {
        let inv = or_throw(&env, read_network(&env, network))?;
        Ok(Inventory {
            inner: Arc::new(Mutex::new(inv)),
        })
    }

    /// Applies events in order and returns one outcome per event.
    ///
    /// An event already applied is `duplicate`, a stale count `stale`; an invalid or unreadable
    /// event is `rejected` with its error and changes nothing, and the following events still
    /// apply. Each outcome lists the ATP changes the event caused.
    ///
    /// @param events an array of events, or its JSON text.
    /// @throws {Error} `invalid_input` only if `events` is neither an array nor the JSON text of one.
    #[napi(
        catch_unwind,
        ts_args_type = "events: StockEvent[] | string",
        ts_return_type = "EventOutcome[]"
    )]
    pub fn apply<'env>(&self, env: &'env Env, events: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        let text = or_throw(env, Events::take(env, events).apply(&self.inner))?;
        conversion::parse(env, &text)
    }

    /// Like `apply`, with the core's work on the libuv thread pool so the event loop keeps
    /// turning during a big batch. Same outcomes; rejects (never throws) with the same errors
    /// (`code`, `data`) as `apply`.
    ///
    /// Objects are written to JSON text on the calling thread (where JavaScript values live);
    /// reading the text and applying the events happen on the worker. Other calls on this
    /// inventory wait while a batch is being applied; other inventories do not.
    #[napi(
        catch_unwind,
        ts_args_type = "events: StockEvent[] | string",
        ts_return_type = "Promise<EventOutcome[]>"
    )]
    pub fn apply_async(&self, env: Env, events: Unknown<'_>) -> AsyncTask<ApplyTask> {
        AsyncTask::new(ApplyTask {
            inner: Arc::clone(&self.inner),
            events: Some(Events::take(&env, events)),
        })
    }

    /// Available-to-promise now for a SKU through a pool (0 for a SKU never seen).
    ///
    /// @throws {Error} `unknown_pool`; `quantity_overflow` if the answer is beyond ±(2^53 − 1).
    #[napi(catch_unwind)]
    pub fn atp(&self, env: Env, sku: String, pool: String) -> napi::Result<i64> {
        or_throw(
            &env,
            lock(&self.inner).and_then(|inv| Ok(js_number(inv.atp(&sku, &pool)?)?)),
        )
    }

    /// ATP for many SKUs through one pool, in the order given (one call for the whole list).
    ///
    /// @throws {Error} `unknown_pool`; `quantity_overflow` if an answer is beyond ±(2^53 − 1).
    #[napi(catch_unwind)]
    pub fn atp_many(&self, env: Env, skus: Vec<String>, pool: String) -> napi::Result<Vec<i64>> {
        let result = lock(&self.inner).and_then(|inv| {
            let atps = inv.atp_many(&skus, &pool)?;
            Ok(atps.into_iter().map(js_number).collect::<Result<Vec<_>, _>>()?)
        });
        or_throw(&env, result)
    }

    /// A pool's member locations for one SKU, by location id: on hand, reserved, buffer,
    /// sellable, what can be reserved there through the pool (`atp`), enabled.
    ///
    /// @throws {Error} `unknown_pool`.
    #[napi(catch_unwind, ts_return_type = "LocationAtp[]")]
    pub fn atp_by_location<'env>(&self, env: &'env Env, sku: String, pool: String) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|inv| Ok(conversion::to_json(&inv.atp_by_location(&sku, &pool)?)?));
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Time-phased ATP of a SKU through a pool: `days` daily buckets from today (the date of
    /// `now` in the pool's time zone), each with its supply, demand, discrete ATP (backward
    /// consumption), cumulative ATP and what one more reservation due that day could take
    /// (`promisable`). Dates are `YYYY-MM-DD` strings.
    ///
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset (`'2026-11-30T09:00:00Z'`) or a `Date`.
    /// @param days how many daily buckets, 1 to 3660.
    /// @throws {Error} `unknown_pool`; `invalid_input` naming `now` or `days`.
    #[napi(
        catch_unwind,
        ts_args_type = "sku: string, pool: string, now: string | Date, days: number",
        ts_return_type = "AtpTimeline"
    )]
    pub fn atp_timeline<'env>(
        &self,
        env: &'env Env,
        sku: String,
        pool: String,
        now: Unknown<'_>,
        days: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        self.timeline(env, now, days, |inv, now, days| {
            inv.atp_timeline(&sku, &pool, now, days)
        })
    }

    /// `atpTimeline` through the pool a channel sells from, with the channel's quotas applied to
    /// `promisable` and reported in `quotaLeft`.
    ///
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @param days how many daily buckets, 1 to 3660.
    /// @throws {Error} `unknown_channel`; `invalid_input` naming `now` or `days`.
    #[napi(
        catch_unwind,
        ts_args_type = "sku: string, channel: string, now: string | Date, days: number",
        ts_return_type = "AtpTimeline"
    )]
    pub fn atp_timeline_for_channel<'env>(
        &self,
        env: &'env Env,
        sku: String,
        channel: String,
        now: Unknown<'_>,
        days: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        self.timeline(env, now, days, |inv, now, days| {
            inv.atp_timeline_for_channel(&sku, &channel, now, days)
        })
    }

    /// When a cart (or one line) can be delivered, or picked up, and from where: per line the
    /// units promised, their sources (location, `due` to reserve them with, ship date, delivery
    /// date, reasons), and for the cart `promised`, `date` and `shipments`. Nothing is held:
    /// reserve each source through the channel with its `due` to keep the promise.
    ///
    /// @param request an object (camelCase keys, snake_case accepted) or its JSON text.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} `invalid_input` (naming the field: `lines`, `service`, `destination`,
    /// `pickup`, `now`, ...), `invalid_quantity`, `unknown_channel`, `unknown_service`,
    /// `unknown_location`.
    #[napi(
        catch_unwind,
        ts_args_type = "request: PromiseRequest | string, now: string | Date",
        ts_return_type = "PromiseAnswer"
    )]
    pub fn promise<'env>(&self, env: &'env Env, request: Unknown<'_>, now: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        let result = (|| -> Result<String, Failure> {
            let request = read_request(env, request)?;
            let now = read_now(env, now)?;
            let answer = lock(&self.inner)?.promise(&request, now)?;
            Ok(conversion::to_json(&answer)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// `promise` for many requests, in order, each answered against the same state (one answer
    /// holds nothing for the next).
    ///
    /// @param requests an array of requests, or its JSON text.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} the first invalid request's error, its `data.field` prefixed with its
    /// index (`[3].lines[0].quantity`); `invalid_input` naming `now`.
    #[napi(
        catch_unwind,
        ts_args_type = "requests: PromiseRequest[] | string, now: string | Date",
        ts_return_type = "PromiseAnswer[]"
    )]
    pub fn promise_many<'env>(
        &self,
        env: &'env Env,
        requests: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(env, PromiseMany::take(env, requests, now).run(&self.inner))?;
        conversion::parse(env, &text)
    }

    /// Like `promiseMany`, with the reading of the requests and the core's work on the libuv
    /// thread pool, so the event loop keeps turning during a big batch. Same answers; rejects
    /// (never throws) with the same errors (`code`, `data`) as `promiseMany`.
    #[napi(
        catch_unwind,
        ts_args_type = "requests: PromiseRequest[] | string, now: string | Date",
        ts_return_type = "Promise<PromiseAnswer[]>"
    )]
    pub fn promise_many_async(
        &self,
        env: Env,
        requests: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<PromiseMany>> {
        AsyncTask::new(JobTask::new(&self.inner, PromiseMany::take(&env, requests, now)))
    }

    /// Proposes which locations ship which units of each order, without changing anything
    /// (see the README's "Allocate orders").
    ///
    /// @param orders an array of orders (camelCase keys, snake_case accepted), or its JSON text.
    /// @param rules a rule set, its JSON text, or a preset's name: `priority`, `closest`,
    /// `fewest_shipments`, `cheapest`, `balanced`.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} `invalid_input` (naming the field: `orders[1].lines[0].quantity`,
    /// `rules.weights.split`, `now`, ...), `duplicate_id`, `invalid_quantity`,
    /// `unknown_channel`, `unknown_service`, `unknown_location`, `location_disabled`.
    #[napi(
        catch_unwind,
        ts_args_type = "orders: Order[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "Plan"
    )]
    pub fn allocate<'env>(
        &self,
        env: &'env Env,
        orders: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(
            env,
            Allocate::take(env, Call::Allocate, orders, rules, now).run(&self.inner),
        )?;
        conversion::parse(env, &text)
    }

    /// Like `allocate`, with the core's work on the libuv thread pool, so the event loop keeps
    /// turning during a big batch. Same plan; rejects (never throws) with the same errors.
    #[napi(
        catch_unwind,
        ts_args_type = "orders: Order[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "Promise<Plan>"
    )]
    pub fn allocate_async(
        &self,
        env: Env,
        orders: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<Allocate>> {
        AsyncTask::new(JobTask::new(
            &self.inner,
            Allocate::take(&env, Call::Allocate, orders, rules, now),
        ))
    }

    /// Allocates a whole wave of orders jointly: scarce SKUs are rationed by the rule set's
    /// `scarcity` (`priority` or `fair_share`), then every order is sourced at once, so early
    /// orders no longer take the cheap stock later ones needed. The plan's `wave` reports the
    /// score, the lower bound and the gap between them (`lowerBound`, `gap`), shipments,
    /// `splitOrders`, and for smaller waves the per-order allocation it was compared with
    /// (`perOrder`). Nothing changes until `commit(plan)`.
    ///
    /// @example
    /// const plan = inv.allocateWave(orders, { name: 'wave', preset: 'cheapest', scarcity: 'fair_share' }, new Date())
    /// console.log(plan.wave.score, plan.wave.gap)
    /// inv.commit(plan)
    ///
    /// @param orders an array of orders (camelCase keys, snake_case accepted), or its JSON text.
    /// @param rules a rule set, its JSON text, or a preset's name.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} the codes of `allocate` (`invalid_input` naming the field, ...).
    #[napi(
        catch_unwind,
        ts_args_type = "orders: Order[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "WavePlan"
    )]
    pub fn allocate_wave<'env>(
        &self,
        env: &'env Env,
        orders: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(
            env,
            Allocate::take(env, Call::Wave, orders, rules, now).run(&self.inner),
        )?;
        conversion::parse(env, &text)
    }

    /// Like `allocateWave`, with the core's work on the libuv thread pool, so the event loop
    /// keeps turning during a big wave. Same plan; rejects (never throws) with the same errors.
    #[napi(
        catch_unwind,
        ts_args_type = "orders: Order[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "Promise<WavePlan>"
    )]
    pub fn allocate_wave_async(
        &self,
        env: Env,
        orders: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<Allocate>> {
        AsyncTask::new(JobTask::new(
            &self.inner,
            Allocate::take(&env, Call::Wave, orders, rules, now),
        ))
    }

    /// Allocates the backlog again by category, typically once supply has landed or
    /// reservations were released: `lose` orders give back what they hold; `win`, then `gain`
    /// orders (the default, and `new` ones) get what they miss in one wave; `redistribute`
    /// orders are re-sourced whole and keep their plan unless the new one is fuller or better
    /// and no later (unless the rule set's `allowLater`); `fill` orders keep what they hold.
    /// Nothing changes until `commit(plan)`.
    ///
    /// @example
    /// const plan = inv.processBackorders([{ order: 'SO-1', category: 'win' }, { order: 'SO-2', category: 'lose' }], 'cheapest', new Date())
    /// inv.commit(plan)
    ///
    /// @param backlog an array of `{order: '<committed id>'}` or `{new: order}`, each with an
    /// optional `category`, or its JSON text.
    /// @param rules a rule set, its JSON text, or a preset's name.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} `invalid_input` naming the field (`backlog[0]` for an entry with both
    /// `order` and `new`), `unknown_order` (`backlog[0].order`), then the codes of `allocate`.
    #[napi(
        catch_unwind,
        ts_args_type = "backlog: Backorder[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "WavePlan"
    )]
    pub fn process_backorders<'env>(
        &self,
        env: &'env Env,
        backlog: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(
            env,
            Allocate::take(env, Call::Backorders, backlog, rules, now).run(&self.inner),
        )?;
        conversion::parse(env, &text)
    }

    /// Like `processBackorders`, on the libuv thread pool. Same plan; rejects (never throws)
    /// with the same errors.
    #[napi(
        catch_unwind,
        ts_args_type = "backlog: Backorder[] | string, rules: RuleSet | Preset | string, now: string | Date",
        ts_return_type = "Promise<WavePlan>"
    )]
    pub fn process_backorders_async(
        &self,
        env: Env,
        backlog: Unknown<'_>,
        rules: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<Allocate>> {
        AsyncTask::new(JobTask::new(
            &self.inner,
            Allocate::take(&env, Call::Backorders, backlog, rules, now),
        ))
    }

    /// Replenishment proposals (see the README's "Replenish"): purchases, transfers and
    /// rebalancing moves that bring each replenished position back to its policy's levels,
    /// most urgent first, and the needs left uncovered. Nothing changes in the inventory.
    ///
    /// @param history daily demand: an array of rows `{location, sku, date, sales, lostSales?}`,
    /// or columns `{location: [...], sku: [...], date: [...], sales: [...], lostSales?: [...]}`,
    /// or the JSON text of either.
    /// @param policies `{defaults, rules, categories, sources, minAtp}` or its JSON text.
    /// @param now an ISO 8601 / RFC 3339 timestamp with an offset, or a `Date`.
    /// @throws {Error} `invalid_policy`, `invalid_history`, `invalid_input` (naming the field),
    /// `invalid_quantity`, `duplicate_id`, `unknown_location`, `unknown_channel`.
    #[napi(
        catch_unwind,
        ts_args_type = "history: DemandRow[] | DemandColumns | string, policies: Policies | string, now: string | Date",
        ts_return_type = "Replenishment"
    )]
    pub fn replenish<'env>(
        &self,
        env: &'env Env,
        history: Unknown<'_>,
        policies: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(
            env,
            Replenish::take(env, history, policies, now, false).run(&self.inner),
        )?;
        conversion::parse(env, &text)
    }

    /// Like `replenish`, on the libuv thread pool. Same answer; rejects with the same errors.
    #[napi(
        catch_unwind,
        ts_args_type = "history: DemandRow[] | DemandColumns | string, policies: Policies | string, now: string | Date",
        ts_return_type = "Promise<Replenishment>"
    )]
    pub fn replenish_async(
        &self,
        env: Env,
        history: Unknown<'_>,
        policies: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<Replenish>> {
        AsyncTask::new(JobTask::new(
            &self.inner,
            Replenish::take(&env, history, policies, now, false),
        ))
    }

    /// Alerts on the current state, most severe first: `oversold`, `negative_stock`,
    /// `projected_stockout` (with its `date`), `below_safety_stock`, `below_min_atp`,
    /// `stale_data`, `excess_stock`. Arguments and errors as `replenish`.
    #[napi(
        catch_unwind,
        ts_args_type = "history: DemandRow[] | DemandColumns | string, policies: Policies | string, now: string | Date",
        ts_return_type = "Alert[]"
    )]
    pub fn alerts<'env>(
        &self,
        env: &'env Env,
        history: Unknown<'_>,
        policies: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let text = or_throw(env, Replenish::take(env, history, policies, now, true).run(&self.inner))?;
        conversion::parse(env, &text)
    }

    /// Like `alerts`, on the libuv thread pool. Same answer; rejects with the same errors.
    #[napi(
        catch_unwind,
        ts_args_type = "history: DemandRow[] | DemandColumns | string, policies: Policies | string, now: string | Date",
        ts_return_type = "Promise<Alert[]>"
    )]
    pub fn alerts_async(
        &self,
        env: Env,
        history: Unknown<'_>,
        policies: Unknown<'_>,
        now: Unknown<'_>,
    ) -> AsyncTask<JobTask<Replenish>> {
        AsyncTask::new(JobTask::new(
            &self.inner,
            Replenish::take(&env, history, policies, now, true),
        ))
    }

    /// Commits a plan from `allocate`, `allocateWave`, `processBackorders`, `reallocate` or
    /// `reallocateOffline`: hard reservations and capacity use, all or nothing.
    ///
    /// @throws {Error} `stale_plan` (`data.cause` says why), `duplicate_id`, `unknown_order`,
    /// `invalid_input`; nothing changes on error.
    #[napi(catch_unwind, ts_args_type = "plan: Plan | string", ts_return_type = "Committed")]
    pub fn commit<'env>(&self, env: &'env Env, plan: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        let result = (|| -> Result<String, Failure> {
            let plan = read_doc(env, plan, "plan")?;
            let done = lock(&self.inner)?.commit_value(plan)?;
            Ok(conversion::to_json(&done)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Releases everything a committed order still holds.
    ///
    /// @throws {Error} `unknown_order`.
    #[napi(catch_unwind, ts_return_type = "Committed")]
    pub fn release_order<'env>(&self, env: &'env Env, order_id: String) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|mut inv| Ok(conversion::to_json(&inv.release_order(&order_id)?)?));
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// A plan moving what a disruption affects of a committed order (`{type: 'reject', location,
    /// lines?}`, `{type: 'short_pick', location, line, quantity}`, `{type: 'offline',
    /// location}`); commit it to apply it.
    ///
    /// @throws {Error} `unknown_order`, `unknown_location`, `invalid_input`, `invalid_quantity`.
    #[napi(
        catch_unwind,
        ts_args_type = "orderId: string, event: Disruption | string, now: string | Date",
        ts_return_type = "Plan"
    )]
    pub fn reallocate<'env>(
        &self,
        env: &'env Env,
        order_id: String,
        event: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let result = (|| -> Result<String, Failure> {
            let event = read_doc(env, event, "event")?;
            let now = read_now(env, now)?;
            let plan = lock(&self.inner)?.reallocate_value(&order_id, event, now)?;
            Ok(conversion::to_json(&plan)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// One plan reallocating every open order holding units at `location` (it went offline), in
    /// priority, promised-date and id order.
    ///
    /// @throws {Error} `unknown_location`, `invalid_input` naming `now`.
    #[napi(
        catch_unwind,
        ts_args_type = "location: string, now: string | Date",
        ts_return_type = "Plan"
    )]
    pub fn reallocate_offline<'env>(
        &self,
        env: &'env Env,
        location: String,
        now: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let result = (|| -> Result<String, Failure> {
            let now = read_now(env, now)?;
            let plan = lock(&self.inner)?.reallocate_offline(&location, now)?;
            Ok(conversion::to_json(&plan)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Committed orders still holding units, by id.
    #[napi(catch_unwind, ts_return_type = "OpenOrder[]")]
    pub fn open_orders<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|inv| {
            let list: Vec<&omnistock::OpenOrder> = inv.open_orders().collect();
            Ok(conversion::to_json(&list)?)
        });
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// One open order, or `null`.
    #[napi(catch_unwind, ts_return_type = "OpenOrder | null")]
    pub fn open_order<'env>(&self, env: &'env Env, order_id: String) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|inv| Ok(conversion::to_json(&inv.open_order(&order_id))?));
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Work committed at `location` for `date` (`'YYYY-MM-DD'`).
    ///
    /// @throws {Error} `unknown_location`, `invalid_input` naming `date`.
    #[napi(catch_unwind, ts_return_type = "CapacityUse")]
    pub fn capacity_used<'env>(&self, env: &'env Env, location: String, date: String) -> napi::Result<Unknown<'env>> {
        let result = (|| -> Result<String, Failure> {
            let date = read_date(&date)?;
            let used = lock(&self.inner)?.capacity_used(&location, date)?;
            Ok(conversion::to_json(&used)?)
        })();
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// One position, or `null` if the ledger has none for this location and SKU.
    ///
    /// @throws {Error} `unknown_location`.
    #[napi(catch_unwind, ts_return_type = "Position | null")]
    pub fn position<'env>(&self, env: &'env Env, location: String, sku: String) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|inv| Ok(conversion::to_json(&inv.position(&location, &sku)?)?));
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Outstanding reservations, by id.
    #[napi(catch_unwind, ts_return_type = "Reservation[]")]
    pub fn reservations<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let result = lock(&self.inner).and_then(|inv| {
            let list: Vec<&omnistock::Reservation> = inv.reservations().collect();
            Ok(conversion::to_json(&list)?)
        });
        conversion::parse(env, &or_throw(env, result)?)
    }

    /// Whether an event id has been applied (rejected and stale events are not remembered).
    #[napi(catch_unwind)]
    pub fn has_applied(&self, env: Env, event_id: String) -> napi::Result<bool> {
        or_throw(&env, lock(&self.inner).map(|inv| inv.has_applied(&event_id)))
    }

    /// The whole state (network, positions, reservations, supplies, applied event ids) as
    /// versioned JSON bytes. Equal states give equal bytes, in every language.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> napi::Result<Buffer> {
        or_throw(&env, lock(&self.inner).map(|inv| Buffer::from(inv.snapshot())))
    }

    /// Rebuilds an inventory from `snapshot()` bytes (a `Buffer` or any `Uint8Array`), checking
    /// that the content is consistent.
    ///
    /// @throws {Error} `invalid_snapshot` (`data.cause` holds the underlying code where there is one).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, data: Uint8Array) -> napi::Result<Self> {
        let inv = or_throw(&env, omnistock::Inventory::restore(&data))?;
        Ok(Inventory {
            inner: Arc::new(Mutex::new(inv)),
        })
    }
}

/// `applyAsync`: `compute` runs the core on a libuv worker thread; `resolve` only converts
/// (the outcomes to JS values, or a failure to the same `Error` a sync call throws).
pub struct ApplyTask {
    inner: Shared,
    events: Option<Events>,
}

impl<'task> ScopedTask<'task> for ApplyTask {
    type Output = Result<String, Failure>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let events = self.events.take().unwrap_or(Events::Text("[]".to_owned()));
        // `#[napi(catch_unwind)]` covers the JS thread only: this is the net on the worker.
        let result = catch_unwind(AssertUnwindSafe(|| events.apply(&self.inner)));
        Ok(result.unwrap_or_else(|_| {
            Err(Failure::Napi(napi::Error::from_reason(
                "omnistock panicked while applying events (a bug: please report it)",
            )))
        }))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        match output {
            Ok(text) => conversion::parse(env, &text),
            Err(failure) => Err(to_js_error(env, failure)),
        }
    }
}
