// What the binding adds around the core's Inventory: input forms, camelCase keys, snapshots as
// Buffers, and applyAsync (same answers, event loop free while the core works).
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, receives, smallNetwork, turnsDuring } from './helpers.mjs'

const { Inventory } = omnistock

const reserve = (id, extra) => ({ type: 'reserve', id, reservation: `cart-${id}`, sku: 'A', quantity: 1, kind: 'soft', ...extra })

test('objects and JSON text give the same answers', () => {
  const events = [...receives(50), { type: 'reserve', id: 'r', reservation: 'r1', sku: 'S1', quantity: 1, pool: 'web', kind: 'hard' }]
  const a = new Inventory(smallNetwork())
  const b = new Inventory(JSON.stringify(smallNetwork()))
  assert.deepStrictEqual(a.apply(events), b.apply(JSON.stringify(events)))
  assert.ok(a.snapshot().equals(b.snapshot()))
})

test('outputs have camelCase keys; values are left as they are', () => {
  const inv = new Inventory(smallNetwork())
  const out = inv.apply([
    { type: 'receive', id: 'e1', location: 'S1', sku: 'A', quantity: 4 },
    { type: 'count', id: 'c1', location: 'S1', sku: 'A', quantity: 3, seq: 7 },
    { type: 'count', id: 'c0', location: 'S1', sku: 'A', quantity: 9, seq: 6 },
    { type: 'adjust', id: 'a1', location: 'S1', sku: 'A', delta: -3, reason: 'damaged' },
  ])
  assert.deepStrictEqual(inv.position('S1', 'A'), { location: 'S1', sku: 'A', onHand: 0, reserved: 0, inbound: 0, lastCountSeq: 7 })
  assert.strictEqual(out[2].status, 'stale')
  assert.deepStrictEqual(out[3].changes.find((c) => c.pool === 'cc'), { sku: 'A', pool: 'cc', before: 1, after: 0, signal: 'out_of_stock' })
  assert.deepStrictEqual(Object.keys(inv.atpByLocation('A', 'web')[0]).sort(), ['atp', 'buffer', 'enabled', 'location', 'onHand', 'reserved', 'sellable'])
  assert.strictEqual(inv.position('S1', 'B'), null)
})

test('camelCase and snake_case input keys are both accepted', () => {
  const camelNet = smallNetwork()
  const snakeNet = smallNetwork()
  snakeNet.pools[1] = { id: 'cc', members: [{ location: 'S1' }], max_share_pct: '50', low_stock_threshold: 2 }
  const a = new Inventory(camelNet)
  const b = new Inventory(snakeNet)
  const stock = { type: 'receive', id: 'e1', location: 'S1', sku: 'A', quantity: 9 }
  const ra = a.apply([stock, reserve('r1', { channel: 'cc', expiresAt: '2026-11-26T10:00:00Z' })])
  const rb = b.apply([stock, reserve('r1', { channel: 'cc', expires_at: '2026-11-26T10:00:00Z' })])
  assert.deepStrictEqual(ra, rb)
  assert.ok(a.snapshot().equals(b.snapshot()))
  // maxSharePct 50 of the 8 units left at S1; lowStockThreshold 2 signals a drop to 2 or less.
  assert.strictEqual(a.atp('A', 'cc'), 4)
  assert.deepStrictEqual(a.reservations(), [
    { id: 'cart-r1', sku: 'A', pool: 'cc', channel: 'cc', quantity: 1, kind: 'soft', expiresAt: '2026-11-26T10:00:00Z' },
  ])
  const [o] = a.apply([reserve('r2', { channel: 'cc', quantity: 3, expiresAt: '2026-11-26T10:00:00Z' })])
  assert.deepStrictEqual(o.changes.find((c) => c.pool === 'cc'), { sku: 'A', pool: 'cc', before: 4, after: 2, signal: 'low_stock' })
  // A key that is neither the core's name nor its camelCase form is refused by the core.
  const net = smallNetwork()
  net.pools[1].maxShare = '50'
  assert.throws(() => new Inventory(net), (err) => err.code === 'invalid_input' && err.data.field === 'pools[1].max_share')
})

test('objects are read as JSON.stringify writes them', () => {
  const inv = new Inventory(smallNetwork())
  const out = inv.apply([
    { type: 'receive', id: 'e1', location: 'S1', sku: 'A', quantity: 5, note: undefined },
    reserve('r1', { channel: 'cc', expiresAt: new Date(Date.UTC(2026, 10, 26, 10)) }),
  ])
  assert.deepStrictEqual(out.map((o) => o.status), ['applied', 'applied'])
  assert.strictEqual(inv.reservations()[0].expiresAt, '2026-11-26T10:00:00Z')
})

test('snapshot is a Buffer that restores exactly; restore takes any Uint8Array', () => {
  const inv = new Inventory(smallNetwork())
  inv.apply([...receives(20), reserve('r1', { quantity: 1, sku: 'S3', pool: 'web', expiresAt: '2026-11-26T10:00:00Z' })])
  const data = inv.snapshot()
  assert.ok(Buffer.isBuffer(data))
  assert.strictEqual(JSON.parse(data.toString('utf8')).format, 'omnistock-snapshot')
  for (const copy of [Inventory.restore(data), Inventory.restore(new Uint8Array(data))]) {
    assert.ok(copy instanceof Inventory)
    assert.ok(copy.snapshot().equals(data))
    assert.strictEqual(copy.atp('S3', 'web'), inv.atp('S3', 'web'))
    assert.deepStrictEqual(copy.reservations(), inv.reservations())
    assert.ok(copy.hasApplied('e0'))
    assert.ok(!copy.hasApplied('nope'))
    assert.deepStrictEqual(copy.apply(receives(1)), [{ id: 'e0', status: 'duplicate' }])
  }
  // Copies are independent.
  const copy = Inventory.restore(data)
  copy.apply(receives(1, 'x'))
  assert.notStrictEqual(copy.atp('S0', 'web'), inv.atp('S0', 'web'))
})

test('atpMany answers like atp, in order', () => {
  const inv = new Inventory(smallNetwork())
  inv.apply(receives(300))
  const skus = ['S5', 'nope', 'S1', 'S5']
  assert.deepStrictEqual(inv.atpMany(skus, 'web'), skus.map((s) => inv.atp(s, 'web')))
  assert.deepStrictEqual(inv.atpMany([], 'web'), [])
})

test('applyAsync gives the same outcomes and state as apply', async () => {
  const events = [
    ...receives(300),
    { type: 'adjust', id: 'x', location: 'DC1', sku: 'S1', delta: -100, reason: 'lost' },
    { type: 'receive', id: 'bad', location: 'DC9', sku: 'S1', quantity: 1 },
    { type: 'receive', id: 'e1', location: 'DC1', sku: 'S1', quantity: 1 },
  ]
  for (const form of [events, JSON.stringify(events)]) {
    const a = new Inventory(smallNetwork())
    const b = new Inventory(smallNetwork())
    assert.deepStrictEqual(await b.applyAsync(form), a.apply(form))
    assert.ok(a.snapshot().equals(b.snapshot()))
  }
})

test('concurrent applyAsync calls each apply once, in some order', async () => {
  const inv = new Inventory(smallNetwork())
  const batches = [0, 1, 2, 3].map((k) => receives(1000, `b${k}-`))
  const outs = await Promise.all([...batches.map((b) => inv.applyAsync(b)), inv.applyAsync(batches[0])])
  assert.ok(outs.slice(0, 4).every((out) => out.every((o) => o.status === 'applied' || o.status === 'duplicate')))
  assert.strictEqual(outs.flat().filter((o) => o.status === 'applied').length, 4000)
  assert.strictEqual(inv.atp('S0', 'web'), 40)
})

test('the event loop keeps turning during a big applyAsync', async () => {
  const inv = new Inventory(smallNetwork())
  const events = receives(200_000)
  // The events were read on this thread; the core works on a libuv worker from here on.
  const { result: out, turns } = await turnsDuring(() => inv.applyAsync(events))
  assert.strictEqual(out.length, 200_000)
  assert.ok(out.every((o) => o.status === 'applied'))
  assert.ok(turns > 0, `the event loop did not turn while applyAsync ran (${turns} turns)`)
})
