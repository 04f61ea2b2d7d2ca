// Order sourcing through the JavaScript API: allocate (and allocateAsync), commit, fulfil,
// releaseOrder, reallocate, reallocateOffline, capacityUsed, and the errors a caller can make.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, thrown } from './helpers.mjs'

const { Inventory } = omnistock
const NOW = '2026-11-27T09:00:00Z'

const network = {
  locations: [
    { id: 'DC1', kind: 'warehouse', capabilities: ['ship'], zone: 'A', priority: 1,
      capacity: { ordersPerDay: 2, unitsPerDay: 10 }, handling: { perOrder: '1.00', perUnit: '0.10' },
      shipping: { standard: { zones: { A: { base: '5.00', perUnit: '0.20' } } } } },
    { id: 'S1', kind: 'store', capabilities: ['ship_from_store', 'pickup'], zone: 'A', priority: 2,
      handling: { perOrder: '2.00', perUnit: '0.30' },
      shipping: { standard: { zones: { A: { base: '3.00', perUnit: '0.20' } } } } },
  ],
  channels: [{ id: 'web', kind: 'web', pool: 'online' }],
  pools: [{ id: 'online', members: [{ location: 'DC1' }, { location: 'S1' }] }],
  services: [{ id: 'standard', transit: { zones: { A: { A: 1 } } } }],
}

const order = (id, quantity = 2, extra = {}) => ({
  id, channel: 'web', service: 'standard', destination: { zone: 'A' },
  lines: [{ id: '1', sku: 'A', quantity }], ...extra,
})

function inventory() {
  const inv = new Inventory(network)
  inv.apply([
    { type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 5 },
    { type: 'receive', id: 'e2', location: 'S1', sku: 'A', quantity: 3 },
  ])
  return inv
}

test('allocate, commit, fulfil closes the order', async () => {
  const inv = inventory()
  const plan = inv.allocate([order('SO-1')], 'cheapest', NOW)
  const op = plan.orders[0]
  assert.strictEqual(op.status, 'allocated')
  // The store: 3.00 + 0.40 shipping, 2.00 + 0.60 handling = 6.00; DC1: 5.40 + 1.20 = 6.60.
  assert.deepStrictEqual(op.shipments.map((s) => s.location), ['S1'])
  assert.strictEqual(op.cost.score, '6.00')
  assert.deepStrictEqual(op.explanation.runnerUp.locations, ['DC1'])
  assert.deepStrictEqual(await inv.allocateAsync([order('SO-1')], 'cheapest', new Date(NOW)), plan)
  assert.strictEqual(inv.atp('A', 'online'), 8, 'allocate changes nothing')
  const done = inv.commit(plan)
  assert.deepStrictEqual(done.reservations, ['SO-1/1/S1/1'])
  assert.strictEqual(inv.atp('A', 'online'), 6)
  assert.strictEqual(inv.openOrders().length, 1)
  assert.strictEqual(inv.openOrder('SO-1').order.id, 'SO-1')
  const out = inv.apply([{ type: 'fulfil', id: 'f1', reservation: 'SO-1/1/S1/1' }])
  assert.strictEqual(out[0].status, 'applied')
  assert.deepStrictEqual(inv.openOrders(), [])
  assert.strictEqual(inv.openOrder('SO-1'), null)
  assert.deepStrictEqual(inv.capacityUsed('S1', '2026-11-27'), { orders: 1, units: 2 })
})

test('releaseOrder restores the state', () => {
  const inv = inventory()
  const before = inv.snapshot()
  inv.commit(inv.allocate([order('SO-1'), order('SO-2', 4)], 'balanced', NOW))
  inv.releaseOrder('SO-1')
  inv.releaseOrder('SO-2')
  assert.ok(inv.snapshot().equals(before))
})

test('reallocate after a rejection, then the location goes offline', () => {
  const inv = inventory()
  inv.commit(inv.allocate([order('SO-1')], 'cheapest', NOW))
  const moved = inv.reallocate('SO-1', { type: 'reject', location: 'S1' }, NOW)
  const op = moved.orders[0]
  assert.deepStrictEqual(op.shipments.map((s) => s.location), ['DC1'])
  assert.deepStrictEqual(op.replaces.release, [{ reservation: 'SO-1/1/S1/1', quantity: 2 }])
  inv.commit(moved)
  assert.strictEqual(inv.openOrder('SO-1').shipments[0].location, 'DC1')
  const offline = inv.reallocateOffline('DC1', NOW)
  assert.strictEqual(offline.orders[0].status, 'unallocated')
  inv.commit(offline)
  assert.deepStrictEqual(inv.openOrders(), [])
})

test('capacity runs out across the orders of one plan', () => {
  const inv = inventory()
  const plan = inv.allocate([0, 1, 2, 3].map((i) => order(`SO-${i}`, 1)), { name: 'dc', preset: 'priority' }, NOW)
  assert.deepStrictEqual(plan.orders.map((o) => o.shipments[0].location), ['DC1', 'DC1', 'S1', 'S1'])
  inv.commit(plan)
  assert.deepStrictEqual(inv.capacityUsed('DC1', '2026-11-27'), { orders: 2, units: 2 })
})

test('a stale plan is refused whole', () => {
  const inv = inventory()
  const plan = inv.allocate([order('SO-1', 3)], 'cheapest', NOW)
  inv.apply([{ type: 'adjust', id: 'x', location: 'S1', sku: 'A', delta: -1, reason: 'damaged' }])
  const before = inv.snapshot()
  const err = thrown(() => inv.commit(plan))
  assert.strictEqual(err.code, 'stale_plan')
  assert.strictEqual(err.data.cause, 'insufficient_stock')
  assert.ok(inv.snapshot().equals(before))
  inv.commit(inv.allocate([order('SO-2', 1)], 'cheapest', NOW))
  assert.strictEqual(thrown(() => inv.commit(inv.allocate([order('SO-2', 1)], 'cheapest', NOW))).code, 'duplicate_id')
})

test('errors name the field', async () => {
  const inv = inventory()
  const cases = [
    [() => inv.allocate([order('SO-1')], 'fastest', NOW), 'invalid_input', 'rules'],
    [() => inv.allocate([order('SO-1')], { name: 'x', wieghts: {} }, NOW), 'invalid_input', 'rules.wieghts'],
    [() => inv.allocate([order('SO-1'), order('SO-1')], 'cheapest', NOW), 'duplicate_id', 'orders[1].id'],
    [() => inv.allocate([order('SO-1', 0)], 'cheapest', NOW), 'invalid_quantity', 'orders[0].lines[0].quantity'],
    [() => inv.allocate([order('SO-1', null)], 'cheapest', NOW), 'invalid_input', 'orders[0].lines[0].quantity'],
    [() => inv.allocate([order('SO-1', NaN)], 'cheapest', NOW), 'invalid_input', 'orders[0].lines[0].quantity'],
    [() => inv.allocate([order('SO-1', 1.5)], 'cheapest', NOW), 'invalid_input', 'orders[0].lines[0].quantity'],
    [() => inv.allocate([order('SO-1', '2')], 'cheapest', NOW), 'invalid_input', 'orders[0].lines[0].quantity'],
    [() => inv.allocate({ id: 'SO-1' }, 'cheapest', NOW), 'invalid_input', 'orders'],
    [() => inv.allocate([order('SO-1', 1, { channel: 'nope' })], 'cheapest', NOW), 'unknown_channel', 'orders[0].channel'],
    [() => inv.allocate([order('SO-1')], 'cheapest', 'tomorrow'), 'invalid_input', 'now'],
    [() => inv.releaseOrder('SO-9'), 'unknown_order', undefined],
    [() => inv.reallocate('SO-9', { type: 'offline', location: 'S1' }, NOW), 'unknown_order', undefined],
    [() => inv.reallocateOffline('NOPE', NOW), 'unknown_location', undefined],
    [() => inv.capacityUsed('S1', '27/11/2026'), 'invalid_input', 'date'],
  ]
  for (const [call, code, field] of cases) {
    const err = thrown(call)
    assert.strictEqual(err.code, code, err.message)
    if (field !== undefined) assert.strictEqual(err.data.field, field, err.message)
  }
  await assert.rejects(inv.allocateAsync([order('SO-1', 0)], 'cheapest', NOW), (err) => err.code === 'invalid_quantity')
})

test('data keys are kept as written', () => {
  const inv = new Inventory({
    ...network,
    locations: [{ ...network.locations[0], zone: 'north_east',
      shipping: { next_day: { zones: { north_east: { base: '1' } } } } }],
    pools: [{ id: 'online', members: [{ location: 'DC1' }] }],
    services: [{ id: 'next_day', transit: { zones: { north_east: { north_east: 1 } } } }],
  })
  inv.apply([{ type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 5 }])
  const plan = inv.allocate([{ ...order('SO_1'), service: 'next_day', destination: { zone: 'north_east' } }], 'cheapest', NOW)
  assert.strictEqual(plan.orders[0].shipments[0].cost.shipping, '1') // the zone rate was found under its key
  inv.commit(plan)
  inv.apply([{ type: 'fulfil', id: 'f', reservation: 'SO_1/1/DC1/1', quantity: 1 }])
  assert.deepStrictEqual(inv.openOrder('SO_1').shipped, { 'SO_1/1/DC1/1': 1 })
})
