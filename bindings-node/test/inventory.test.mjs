// What the binding adds around the core: input forms, camelCase, snapshots, the async variant.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, smallNetwork } from './helpers.mjs'

const { Inventory } = omnistock

const receives = (n, prefix = 'e') =>
  Array.from({ length: n }, (_, i) => ({ type: 'receive', id: `${prefix}${i}`, location: 'DC1', sku: `S${i % 100}`, quantity: 1 }))

test('object and JSON string inputs agree', () => {
  const events = [...receives(50), { type: 'reserve', id: 'r', reservation: 'r1', sku: 'S1', quantity: 1, pool: 'web', kind: 'hard' }]
  const a = new Inventory(smallNetwork())
  const b = new Inventory(JSON.stringify(smallNetwork()))
  assert.deepStrictEqual(a.apply(events), b.apply(JSON.stringify(events)))
  assert.ok(a.snapshot().equals(b.snapshot()))
})

test('camelCase out, camelCase or snake_case in', () => {
  const inv = new Inventory(smallNetwork())
  inv.apply([
    { type: 'receive', id: 'e1', location: 'S1', sku: 'A', quantity: 4 },
    { type: 'count', id: 'c1', location: 'S1', sku: 'A', quantity: 5, seq: 3 },
    { type: 'reserve', id: 'r1', reservation: 'cart', sku: 'A', quantity: 1, channel: 'cc', kind: 'soft', expiresAt: '2026-11-26T10:00:00Z' },
    { type: 'reserve', id: 'r2', reservation: 'cart2', sku: 'A', quantity: 1, channel: 'cc', kind: 'soft', expires_at: '2026-11-26T10:00:00Z' },
  ])
  assert.deepStrictEqual(inv.position('S1', 'A'), { location: 'S1', sku: 'A', onHand: 5, reserved: 0, inbound: 0, lastCountSeq: 3 })
  assert.deepStrictEqual(inv.reservations().map((r) => [r.id, r.expiresAt]), [
    ['cart', '2026-11-26T10:00:00Z'],
    ['cart2', '2026-11-26T10:00:00Z'],
  ])
  assert.deepStrictEqual(Object.keys(inv.atpByLocation('A', 'web')[1]).sort(), ['atp', 'buffer', 'enabled', 'location', 'onHand', 'reserved', 'sellable'])
  assert.deepStrictEqual(inv.atpMany(['A', 'B'], 'cc'), [1, 0])
  assert.strictEqual(inv.hasApplied('r1'), true)
  assert.strictEqual(inv.position('S1', 'B'), null)
})

test('snapshot is a Buffer that restores exactly', () => {
  const inv = new Inventory(smallNetwork())
  inv.apply(receives(20))
  const data = inv.snapshot()
  assert.ok(Buffer.isBuffer(data))
  const copy = Inventory.restore(data)
  assert.ok(copy.snapshot().equals(data))
  assert.strictEqual(copy.atp('S3', 'web'), inv.atp('S3', 'web'))
  assert.deepStrictEqual(copy.apply(receives(1)), [{ id: 'e0', status: 'duplicate' }])
})

test('applyAsync gives the same outcomes and state as apply', async () => {
  const events = [...receives(300), { type: 'adjust', id: 'x', location: 'DC1', sku: 'S1', delta: -100, reason: 'lost' }]
  const a = new Inventory(smallNetwork())
  const b = new Inventory(smallNetwork())
  assert.deepStrictEqual(await b.applyAsync(events), a.apply(events))
  assert.ok(a.snapshot().equals(b.snapshot()))
})

test('the event loop keeps turning during a big applyAsync', async () => {
  const inv = new Inventory(smallNetwork())
  const events = JSON.stringify(receives(200_000))
  let ticks = 0
  let spinning = true
  const spin = () => {
    ticks += 1
    if (spinning) setImmediate(spin)
  }
  setImmediate(spin)
  const out = await inv.applyAsync(events)
  spinning = false
  assert.strictEqual(out.length, 200_000)
  assert.ok(out.every((o) => o.status === 'applied'))
  // The parse and the core run on a worker thread: the loop turned meanwhile.
  assert.ok(ticks > 0, `no event-loop turn during applyAsync (${ticks})`)
})
