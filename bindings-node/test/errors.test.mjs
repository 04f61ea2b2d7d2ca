// Error mapping and the conversions this binding adds.
import { test } from 'node:test'
import assert from 'node:assert'
import { join } from 'node:path'
import { omnistock, readJson, root, smallNetwork } from './helpers.mjs'

const { Inventory, OmnistockError, ERROR_CODES } = omnistock

test('ERROR_CODES match testdata/error_codes.json', () => {
  assert.deepStrictEqual(ERROR_CODES, readJson(join(root, 'testdata', 'error_codes.json')).codes)
})

test('errors are Error instances with code, message and data', () => {
  const inv = new Inventory(smallNetwork())
  assert.throws(
    () => inv.atp('A', 'nope'),
    (err) =>
      err instanceof Error &&
      err instanceof OmnistockError &&
      err.code === 'unknown_pool' &&
      err.message === 'unknown pool `nope`' &&
      err.data.pool === 'nope',
  )
})

test('sync and async errors carry the same code and data', async () => {
  const inv = new Inventory(smallNetwork())
  let syncErr
  try {
    inv.apply('{"not": "an array"}')
  } catch (err) {
    syncErr = err
  }
  await assert.rejects(inv.applyAsync('{"not": "an array"}'), (err) => {
    assert.ok(err instanceof OmnistockError)
    assert.strictEqual(err.code, syncErr.code)
    assert.strictEqual(err.code, 'invalid_input')
    assert.deepStrictEqual(err.data, syncErr.data)
    return true
  })
  assert.throws(() => inv.apply(42), (err) => err.code === 'invalid_input')
  await assert.rejects(inv.applyAsync(42), (err) => err.code === 'invalid_input')
})

test('network errors throw with the core code', () => {
  const net = smallNetwork()
  net.pools[0].members.push({ location: 'S9' })
  assert.throws(() => new Inventory(net), (err) => err.code === 'unknown_location' && err.data.location === 'S9')
  assert.throws(() => new Inventory('{"locations": ['), (err) => err.code === 'invalid_input')
  assert.throws(() => new Inventory(), (err) => err.code === 'invalid_input')
})

test('wrong JS types for a quantity are rejected per event', () => {
  const inv = new Inventory(smallNetwork())
  const bad = [1.5, '3', true, null, NaN, Infinity, [1], 2 ** 60, 2n ** 70n]
  const events = bad.map((quantity, i) => ({ type: 'receive', id: `b${i}`, location: 'DC1', sku: 'A', quantity }))
  events.push({ type: 'receive', id: 'ok', location: 'DC1', sku: 'A', quantity: 2n })
  const out = inv.apply(events)
  assert.deepStrictEqual(
    out.map((o) => [o.status, o.error?.code]),
    [...bad.map(() => ['rejected', 'invalid_input']), ['applied', undefined]],
  )
  assert.strictEqual(inv.atp('A', 'web'), 2)
})

test('the largest safe integer crosses exactly; one more is refused', () => {
  const inv = new Inventory(smallNetwork())
  const max = Number.MAX_SAFE_INTEGER
  const out = inv.apply([
    { type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: max },
    { type: 'receive', id: 'e2', location: 'DC1', sku: 'B', quantity: max + 1 },
  ])
  assert.deepStrictEqual(out.map((o) => o.status), ['applied', 'rejected'])
  assert.strictEqual(inv.atp('A', 'web'), max)
})

test('quantities beyond 2^53 - 1 reached through a snapshot are never rounded', () => {
  // A snapshot written by Rust or Python may hold quantities JavaScript numbers cannot.
  const network = { locations: [{ id: 'DC1', kind: 'warehouse' }], pools: [{ id: 'web', members: [{ location: 'DC1' }] }] }
  const snapshot = {
    format: 'omnistock-snapshot',
    version: 1,
    network,
    positions: [{ location: 'DC1', sku: 'A', on_hand: 9007199254740993 }],
    reservations: [],
    supplies: [],
    seen_events: [],
  }
  const text = JSON.stringify(snapshot).replace('9007199254740992', '9007199254740993')
  const inv = Inventory.restore(Buffer.from(text))
  assert.throws(() => inv.atp('A', 'web'), (err) => err.code === 'quantity_overflow')
  assert.strictEqual(inv.position('DC1', 'A').onHand, '9007199254740993')
})

test('restore refuses garbage with invalid_snapshot', () => {
  assert.throws(() => Inventory.restore(Buffer.from([0, 1, 2])), (err) => err.code === 'invalid_snapshot')
})
