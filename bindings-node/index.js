'use strict'
// omnistock for Node.js: a thin wrapper over the native addon (native.js, built by
// `npm run build`). It only converts: objects to JSON text and back (camelCase keys outside,
// the core's snake_case inside), and native errors to `OmnistockError` with `.code` and `.data`.

const native = require('./native.js')

const MARKER = 'OMNISTOCK_ERROR:'

/** An omnistock error: `.code` is the stable code (one of `ERROR_CODES`), `.data` the context. */
class OmnistockError extends Error {
  constructor(code, message, data) {
    super(message)
    this.name = 'OmnistockError'
    this.code = code
    this.data = data ?? {}
  }
}

function convertError(err) {
  if (err && typeof err.message === 'string' && err.message.startsWith(MARKER)) {
    const body = JSON.parse(err.message.slice(MARKER.length))
    return new OmnistockError(body.code, body.message, body.context)
  }
  return err
}

function call(fn) {
  try {
    return fn()
  } catch (err) {
    throw convertError(err)
  }
}

// BigInts that fit a safe integer become numbers; others become strings, which the core
// refuses where a number belongs (invalid_input), event by event.
function replacer(_key, value) {
  if (typeof value === 'bigint') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : value.toString()
  }
  return value
}

function toJson(value, what) {
  if (typeof value === 'string') return value
  if (value === undefined) throw new OmnistockError('invalid_input', `${what} is required`, {})
  try {
    return JSON.stringify(value, replacer)
  } catch (err) {
    throw new OmnistockError('invalid_input', `${what} cannot be written as JSON: ${err.message}`, {})
  }
}

function eventsJson(events) {
  if (typeof events === 'string') return events
  if (!Array.isArray(events)) {
    throw new OmnistockError('invalid_input', 'events must be an array or a JSON array string', {})
  }
  return `[${events.map((e) => toJson(e, 'an event') ?? 'null').join(',')}]`
}

/** The whole stock state: a validated network and its ledger. */
class Inventory {
  /** @param network the network, as an object or JSON text */
  constructor(network, _native) {
    this._native = _native ?? call(() => new native.NativeInventory(toJson(network, 'network')))
  }

  /** Applies events in order; one outcome per event. */
  apply(events) {
    const json = eventsJson(events)
    return JSON.parse(call(() => this._native.apply(json)))
  }

  /** Like `apply`, off the event loop (libuv thread pool). Same outcomes, same errors. */
  async applyAsync(events) {
    const json = eventsJson(events)
    try {
      return JSON.parse(await this._native.applyAsync(json))
    } catch (err) {
      throw convertError(err)
    }
  }

  /** ATP now for a SKU through a pool (0 for a SKU never seen). */
  atp(sku, pool) {
    return call(() => this._native.atp(sku, pool))
  }

  /** ATP for many SKUs through one pool, in order. */
  atpMany(skus, pool) {
    return call(() => this._native.atpMany(skus, pool))
  }

  /** Per-location breakdown of a pool for one SKU, by location id. */
  atpByLocation(sku, pool) {
    return JSON.parse(call(() => this._native.atpByLocation(sku, pool)))
  }

  /** One position, or null. */
  position(location, sku) {
    return JSON.parse(call(() => this._native.position(location, sku)))
  }

  /** Outstanding reservations, by id. */
  reservations() {
    return JSON.parse(call(() => this._native.reservations()))
  }

  /** Whether an event id has been applied. */
  hasApplied(eventId) {
    return call(() => this._native.hasApplied(eventId))
  }

  /** The whole state as a Buffer (versioned JSON). */
  snapshot() {
    return call(() => this._native.snapshot())
  }

  /** Rebuilds an inventory from `snapshot()` bytes. */
  static restore(data) {
    return new Inventory(undefined, call(() => native.NativeInventory.restore(data)))
  }
}

const ERROR_CODES = native.errorCodes()

module.exports = { Inventory, OmnistockError, ERROR_CODES }
