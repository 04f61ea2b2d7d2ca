// Wave allocation and backorder processing through the JavaScript API: allocateWave and
// processBackorders (and their Async variants) give camelCase plans that commit as they are,
// camelCase rules are read, errors carry their code and field, and the event loop keeps turning
// during a big allocateWaveAsync.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, thrown, turnsDuring } from './helpers.mjs'

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

const held = (inv) =>
  Object.fromEntries(inv.openOrders().map((o) => [o.order.id, o.shipments.flatMap((s) => s.lines).reduce((n, l) => n + l.quantity, 0)]))

test('a wave allocates, its camelCase plan commits as it is', async () => {
  const inv = inventory()
  // 9 units asked, 8 in stock: the lower-priority order (priority 1) is the one left short.
  const orders = [order('SO-1'), order('SO-2', 3), order('SO-3', 4, { priority: 1 })]
  const plan = inv.allocateWave(orders, 'cheapest', NOW)
  const { wave } = plan
  assert.deepStrictEqual([wave.orders, wave.units, wave.allocated, wave.scarcity], [3, 9, 8, 'priority'])
  for (const key of ['lowerBound', 'gap', 'splitOrders', 'perOrder']) assert.ok(key in wave, key)
  assert.ok(!('lower_bound' in wave) && !('split_orders' in wave) && !('per_order' in wave))
  assert.deepStrictEqual(Object.keys(wave.perOrder).sort(), ['allocated', 'score', 'shipments', 'splitOrders'])
  assert.strictEqual(typeof wave.score, 'string')
  const short = plan.orders.find((o) => o.order.id === 'SO-3').unallocated
  assert.deepStrictEqual(short, [{ line: '1', sku: 'A', quantity: 1, reason: 'scarcity' }])
  assert.deepStrictEqual(await inv.allocateWaveAsync(orders, 'cheapest', new Date(NOW)), plan)
  assert.deepStrictEqual(inv.allocateWave(JSON.stringify(orders), 'cheapest', NOW), plan)
  assert.strictEqual(inv.atp('A', 'online'), 8, 'allocateWave changes nothing')
  // Back in, every camelCase key (lowerBound, splitOrders, perOrder, ...) is read again.
  const done = inv.commit(plan)
  assert.deepStrictEqual(done.orders, ['SO-1', 'SO-2', 'SO-3'])
  assert.strictEqual(inv.atp('A', 'online'), 0)
  // Also as JSON text, on a fresh copy.
  const again = inventory()
  again.commit(JSON.stringify(plan))
  assert.ok(again.snapshot().equals(inv.snapshot()))
})

test('camelCase rules: scarcity and allowLater go in and come back', () => {
  const inv = inventory()
  const plan = inv.allocateWave([order('SO-1')], { name: 'w', preset: 'cheapest', scarcity: 'fair_share', allowLater: true }, NOW)
  assert.strictEqual(plan.wave.scarcity, 'fair_share')
  assert.strictEqual(plan.rules.allowLater, true)
  assert.ok(!('allow_later' in plan.rules))
  inv.commit(plan)
})

test('backorders are filled when supply lands', async () => {
  const inv = inventory()
  inv.commit(inv.allocateWave([order('SO-1', 4), order('SO-2', 6, { priority: 1 })], 'cheapest', NOW))
  assert.deepStrictEqual(held(inv), { 'SO-1': 4, 'SO-2': 4 })
  inv.apply([{ type: 'receive', id: 'e3', location: 'DC1', sku: 'A', quantity: 2 }])
  const before = inv.snapshot()
  const backlog = [{ order: 'SO-2', category: 'win' }, { order: 'SO-1', category: 'fill' }, { new: order('SO-3', 1) }]
  const plan = inv.processBackorders(backlog, 'cheapest', NOW)
  assert.ok(inv.snapshot().equals(before), 'processBackorders changes nothing')
  assert.deepStrictEqual(await inv.processBackordersAsync(backlog, 'cheapest', NOW), plan)
  assert.deepStrictEqual(inv.processBackorders(JSON.stringify(backlog), 'cheapest', new Date(NOW)), plan)
  const byId = Object.fromEntries(plan.orders.map((o) => [o.order.id, o]))
  assert.strictEqual(byId['SO-2'].status, 'allocated')
  assert.strictEqual(byId['SO-2'].replaces.generation, 1)
  assert.strictEqual(byId['SO-3'].status, 'unallocated', 'win is served before new orders (gain)')
  assert.strictEqual(typeof plan.wave.splitOrders, 'number')
  inv.commit(plan)
  assert.deepStrictEqual(held(inv), { 'SO-1': 4, 'SO-2': 6 })
})

test('errors carry their code and field, thrown by the sync calls and rejected by the async ones', async () => {
  const inv = inventory()
  const cases = [
    ['allocateWave', [[order('SO-1', 2, { channel: 'nope' })], 'cheapest', NOW], 'unknown_channel', 'orders[0].channel'],
    ['allocateWave', [[order('SO-1'), order('SO-1')], 'cheapest', NOW], 'duplicate_id', 'orders[1].id'],
    ['allocateWave', [[order('SO-1', 1.5)], 'cheapest', NOW], 'invalid_input', 'orders[0].lines[0].quantity'],
    ['allocateWave', [{ id: 'SO-1' }, 'cheapest', NOW], 'invalid_input', 'orders'],
    ['allocateWave', [[order('SO-1')], { name: 'w', scarcity: 'random' }, NOW], 'invalid_input', 'rules.scarcity'],
    ['processBackorders', [[{ order: 'SO-9' }], 'cheapest', NOW], 'unknown_order', 'backlog[0].order'],
    ['processBackorders', [[{ order: 'SO-1', new: order('SO-1') }], 'cheapest', NOW], 'invalid_input', 'backlog[0]'],
    ['processBackorders', [[{ order: 'SO-1', category: 'keep' }], 'cheapest', NOW], 'invalid_input', 'backlog[0].category'],
    ['processBackorders', [{ order: 'SO-1' }, 'cheapest', NOW], 'invalid_input', 'backlog'],
    ['processBackorders', ['[1,', 'cheapest', NOW], 'invalid_input', 'backlog'],
    ['processBackorders', [[{ new: order('SO-1', 0) }], 'cheapest', NOW], 'invalid_quantity', undefined],
    ['processBackorders', [[], { name: 'w', allowLater: 'yes' }, NOW], 'invalid_input', 'rules.allow_later'],
    ['processBackorders', [[], 'cheapest', 'tomorrow'], 'invalid_input', 'now'],
  ]
  const before = inv.snapshot()
  for (const [method, args, code, field] of cases) {
    const err = thrown(() => inv[method](...args))
    assert.strictEqual(err.code, code, `${method}: ${err.message}`)
    if (field !== undefined) assert.strictEqual(err.data.field, field, `${method}: ${err.message}`)
    await assert.rejects(inv[`${method}Async`](...args), (e) => e.code === code && e.data?.field === err.data?.field)
  }
  assert.ok(inv.snapshot().equals(before))
})

test('the event loop keeps turning during a big allocateWaveAsync', async () => {
  // 1,000 orders over 50 locations and 50 SKUs (about 2 s in release mode: the core also
  // compares the wave with the per-order allocation below 2,000 orders).
  const locations = Array.from({ length: 50 }, (_, i) => ({
    id: `L${String(i).padStart(2, '0')}`, kind: 'warehouse', capabilities: ['ship'], zone: 'A', priority: i,
    handling: { perOrder: '1.00', perUnit: `0.${i % 10}0` },
    shipping: { standard: { zones: { A: { base: `${3 + (i % 7)}.00`, perUnit: '0.20' } } } },
  }))
  const inv = new Inventory({
    locations,
    channels: [{ id: 'web', kind: 'web', pool: 'online' }],
    pools: [{ id: 'online', members: locations.map((l) => ({ location: l.id })) }],
    services: [{ id: 'standard', transit: { zones: { A: { A: 1 } } } }],
  })
  inv.apply(locations.flatMap((l) => Array.from({ length: 50 }, (_, k) => (
    { type: 'receive', id: `r${l.id}-${k}`, location: l.id, sku: `S${k}`, quantity: 40 }))))
  const orders = Array.from({ length: 1000 }, (_, j) => ({
    id: `SO-${j}`, channel: 'web', service: 'standard', destination: { zone: 'A' },
    lines: [{ id: '1', sku: `S${j % 50}`, quantity: 1 + (j % 2) }],
  }))
  const { result: plan, turns } = await turnsDuring(() => inv.allocateWaveAsync(orders, 'cheapest', NOW))
  assert.strictEqual(plan.wave.orders, 1000)
  assert.strictEqual(plan.wave.allocated, plan.wave.units)
  assert.ok(turns > 0, `the event loop did not turn while allocateWaveAsync ran (${turns} turns)`)
})
