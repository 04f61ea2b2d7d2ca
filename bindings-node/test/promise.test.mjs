// What the binding adds around the core's delivery promises: requests read from objects or
// JSON text (camelCase or snake_case keys), `now` as a string or a Date, errors with the core's
// code and field (prefixed `[i]` in a batch), promiseManyAsync (same answers, event loop free),
// and the zone codes of a service's matrix passed through unchanged.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, thrown, turnsDuring } from './helpers.mjs'

const { Inventory } = omnistock
const NOW = '2026-11-26T09:00:00Z' // a Thursday, 10:00 in Paris: before DC1's 14:00 cut-off

// Zone codes with capitals and underscores, in both levels of the matrix: renaming them as
// keys (`southWest` → `south_west`, or back) would break the routes.
const zones = () => ({
  FR_Nord: { IDF: 1, north_east: 2, southWest: 3 },
  northEast: { IDF: 4, SOUTH_WEST: 5 },
})

const network = () => ({
  locations: [
    {
      id: 'DC1',
      kind: 'warehouse',
      zone: 'FR_Nord',
      capabilities: ['ship'],
      timeZone: 'Europe/Paris',
      cutoff: '14:00',
      workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    },
    { id: 'DC2', kind: 'warehouse', zone: 'northEast', capabilities: ['ship'] },
    { id: 'S1', kind: 'store', zone: 'IDF', capabilities: ['pickup', 'ship_from_store'] },
  ],
  channels: [{ id: 'web', kind: 'web', pool: 'online' }],
  pools: [{ id: 'online', members: [{ location: 'DC1' }, { location: 'DC2' }, { location: 'S1' }], timeZone: 'Europe/Paris' }],
  services: [{ id: 'standard', transit: { zones: zones(), distanceBands: [{ maxKm: 50, days: 1 }] } }],
  lanes: [{ from: 'DC1', to: 'S1', days: 1 }],
})

/** A on hand at DC1, B at DC2. */
function stocked(net = network()) {
  const inv = new Inventory(net)
  const out = inv.apply([
    { type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 5 },
    { type: 'receive', id: 'e2', location: 'DC2', sku: 'B', quantity: 5 },
  ])
  assert.ok(out.every((o) => o.status === 'applied'))
  return inv
}

const deliver = (zone, sku = 'A', extra = {}) => ({
  channel: 'web',
  lines: [{ sku, quantity: 1 }],
  destination: { zone },
  service: 'standard',
  ...extra,
})

/** The transit reason of an answer's only source (or null if nothing is promised). */
const transit = (answer) => answer.lines[0].sources[0]?.reasons.find((r) => r.includes('transit')) ?? null

test('zone codes of a transit matrix pass unchanged, in both levels', () => {
  const inv = stocked()
  const cases = [
    ['A', 'IDF', '1 day standard transit (zone FR_Nord → IDF)'],
    ['A', 'north_east', '2 days standard transit (zone FR_Nord → north_east)'],
    ['A', 'southWest', '3 days standard transit (zone FR_Nord → southWest)'],
    ['B', 'IDF', '4 days standard transit (zone northEast → IDF)'],
    ['B', 'SOUTH_WEST', '5 days standard transit (zone northEast → SOUTH_WEST)'],
    // What a key rename would have made of them: no such zone.
    ['A', 'northEast', null],
    ['A', 'south_west', null],
    ['B', 'southWest', null],
  ]
  for (const [sku, zone, why] of cases) {
    const answer = inv.promise(deliver(zone, sku), NOW)
    assert.strictEqual(transit(answer), why, `${sku} to ${zone}`)
    assert.strictEqual(answer.promised, why !== null, `${sku} to ${zone}`)
  }
})

test('the network as JSON text, or with snake_case field names, reads the zones the same', () => {
  const snake = network()
  snake.locations[0] = { ...snake.locations[0], time_zone: 'Europe/Paris', working_days: ['mon', 'tue', 'wed', 'thu', 'fri'] }
  delete snake.locations[0].timeZone
  delete snake.locations[0].workingDays
  snake.services[0].transit = { zones: zones(), distance_bands: [{ max_km: 50, days: 1 }] }
  const requests = ['IDF', 'north_east', 'southWest', 'SOUTH_WEST'].flatMap((z) => [deliver(z, 'A'), deliver(z, 'B')])
  const expected = stocked().promiseMany(requests, NOW)
  for (const net of [JSON.stringify(network()), snake]) {
    assert.deepStrictEqual(stocked(net).promiseMany(requests, NOW), expected)
  }
})

test('a snapshot keeps the zone codes as given, and its restored copy answers the same', () => {
  const inv = stocked()
  const data = inv.snapshot()
  assert.deepStrictEqual(JSON.parse(data.toString('utf8')).network.services[0].transit.zones, zones())
  const copy = Inventory.restore(data)
  for (const zone of ['IDF', 'north_east', 'southWest', 'SOUTH_WEST', 'northEast']) {
    assert.deepStrictEqual(copy.promise(deliver(zone, 'B'), NOW), inv.promise(deliver(zone, 'B'), NOW))
  }
})

test('zone-like keys outside a transit matrix are still field names', () => {
  // `zones` under something else is not a matrix: its keys are renamed, then refused.
  const net = network()
  net.pools[0].zones = { northEast: 1 }
  const err = thrown(() => new Inventory(net))
  assert.strictEqual(err.code, 'invalid_input')
  assert.strictEqual(err.data.field, 'pools[0].zones')
  // A field name inside a service is renamed as anywhere else.
  const typo = network()
  typo.services[0].transit.distanceBandz = []
  assert.strictEqual(thrown(() => new Inventory(typo)).data.field, 'services[0].transit.distance_bandz')
})

test('an unsafe integer inside the zone matrix is named by its path', () => {
  const net = network()
  net.services[0].transit.zones.FR_Nord.southWest = 2 ** 53
  const err = thrown(() => new Inventory(net))
  assert.strictEqual(err.code, 'invalid_input')
  assert.strictEqual(err.data.field, 'services[0].transit.zones.FR_Nord.southWest')
})

test('outputs are camelCase plain objects with YYYY-MM-DD dates', () => {
  const answer = stocked().promise({ id: 'cart-1', ...deliver('IDF'), shipComplete: true }, NOW)
  assert.deepStrictEqual(answer, {
    id: 'cart-1',
    promised: true,
    date: '2026-11-27',
    shipments: 1,
    lines: [
      {
        line: '0',
        sku: 'A',
        quantity: 1,
        promised: 1,
        date: '2026-11-27',
        sources: [
          {
            location: 'DC1',
            quantity: 1,
            due: '2026-11-26',
            ships: '2026-11-26',
            date: '2026-11-27',
            reasons: ['from stock on hand', 'ships 2026-11-26', '1 day standard transit (zone FR_Nord → IDF)'],
          },
        ],
        reasons: [],
      },
    ],
    reasons: [],
  })
})

test('camelCase and snake_case request keys, objects and JSON text, give the same answer', () => {
  const inv = stocked()
  const camel = deliver('IDF', 'A', { shipComplete: true, latest: '2026-12-01' })
  const snake = deliver('IDF', 'A', { ship_complete: true, latest: '2026-12-01' })
  const expected = inv.promise(camel, NOW)
  assert.deepStrictEqual(inv.promise(snake, NOW), expected)
  assert.deepStrictEqual(inv.promise(JSON.stringify(camel), NOW), expected)
  assert.deepStrictEqual(inv.promiseMany(JSON.stringify([camel, snake]), NOW), [expected, expected])
  // shipComplete is read, not dropped: without it the same cart splits across DC1 and DC2.
  const cart = { channel: 'web', lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }], destination: { zone: 'IDF' }, service: 'standard' }
  assert.strictEqual(inv.promise(cart, NOW).shipments, 2)
  assert.strictEqual(inv.promise({ ...cart, shipComplete: true }, NOW).promised, false)
})

test('a Date and its ISO string are the same now', () => {
  const inv = stocked()
  const requests = [deliver('IDF'), deliver('north_east', 'B'), { channel: 'web', lines: [{ sku: 'A', quantity: 2 }], pickup: 'S1' }]
  // 13:59:59.999 and 14:00 in Paris: the two sides of DC1's cut-off, to the millisecond.
  for (const iso of [NOW, '2026-11-26T12:59:59.999Z', '2026-11-26T13:00:00.000Z', '2026-11-28T23:30:00Z']) {
    const date = new Date(iso)
    for (const r of requests) assert.deepStrictEqual(inv.promise(r, date), inv.promise(r, iso), iso)
    assert.deepStrictEqual(inv.promiseMany(requests, date), inv.promiseMany(requests, iso), iso)
  }
  // The same instant written with an offset.
  assert.deepStrictEqual(inv.promise(requests[0], '2026-11-26T10:00:00+01:00'), inv.promise(requests[0], NOW))
  // And the cut-off really is between those two.
  const before = inv.promise(requests[0], new Date('2026-11-26T12:59:59.999Z'))
  const after = inv.promise(requests[0], new Date('2026-11-26T13:00:00.000Z'))
  assert.deepStrictEqual([before.date, after.date], ['2026-11-27', '2026-11-30'])
})

test('a bad now is invalid_input naming now, for every call that takes one', () => {
  const inv = stocked()
  const calls = [
    (now) => inv.promise(deliver('IDF'), now),
    (now) => inv.promiseMany([deliver('IDF')], now),
    (now) => inv.atpTimeline('A', 'online', now, 3),
    (now) => inv.atpTimelineForChannel('A', 'web', now, 3),
  ]
  for (const bad of ['2026-11-26T09:00:00', '2026-11-26', 'tomorrow', '', new Date(NaN), 1764147600000, null, undefined, { iso: NOW }]) {
    for (const call of calls) {
      const err = thrown(() => call(bad))
      assert.strictEqual(err.code, 'invalid_input', `${String(bad)}: ${err.message}`)
      assert.strictEqual(err.data.field, 'now', String(bad))
      assert.match(err.message, /^now: /)
    }
  }
})

test('bad requests give the core code and name the field', () => {
  const inv = stocked()
  const base = deliver('IDF')
  const cases = [
    [{ ...base, lines: [] }, 'invalid_input', 'lines'],
    [{ ...base, lines: [{ sku: 'A', quantity: 0 }] }, 'invalid_quantity', 'lines[0].quantity'],
    [{ ...base, lines: [{ sku: 'A', quantity: 1.5 }] }, 'invalid_input', 'lines[0].quantity'],
    [{ ...base, lines: [{ sku: 'A', quantity: '1' }] }, 'invalid_input', 'lines[0].quantity'],
    [{ ...base, lines: [{ sku: 'A', quantity: 2 ** 53 }] }, 'invalid_input', 'lines[0].quantity'],
    [{ ...base, lines: [{ sku: ' ', quantity: 1 }] }, 'invalid_input', 'lines[0].sku'],
    [{ ...base, channel: 'nope' }, 'unknown_channel', 'channel'],
    [{ ...base, service: 'nope' }, 'unknown_service', 'service'],
    [{ ...base, service: undefined }, 'invalid_input', 'service'],
    [{ ...base, pickup: 'S1' }, 'invalid_input', 'destination'],
    [{ ...base, destination: { position: { lat: 91, lon: 0 } } }, 'invalid_input', 'destination.position.lat'],
    [{ ...base, destination: { zip: '75001' } }, 'invalid_input', 'destination.zip'],
    [{ channel: 'web', lines: [{ sku: 'A', quantity: 1 }], pickup: 'DC1' }, 'invalid_input', 'pickup'],
    [{ channel: 'web', lines: [{ sku: 'A', quantity: 1 }], pickup: 'NOPE' }, 'unknown_location', 'pickup'],
    [{ ...base, shipComplete: 'yes' }, 'invalid_input', 'ship_complete'],
    [{ ...base, shipComplet: true }, 'invalid_input', 'ship_complet'],
    [{ ...base, latest: '2026-13-01' }, 'invalid_input', 'latest'],
    [{ ...base, channel: undefined }, 'invalid_input', 'channel'],
  ]
  const before = inv.snapshot()
  for (const [request, code, field] of cases) {
    const err = thrown(() => inv.promise(request, NOW))
    const what = JSON.stringify(request)
    assert.ok(err instanceof Error, what)
    assert.strictEqual(err.code, code, `${what}: ${err.message}`)
    assert.strictEqual(err.data.field, field, `${what}: ${err.message}`)
    assert.ok(err.message.startsWith(`${field}: `), err.message)
  }
  // Not objects at all.
  for (const bad of [42, undefined, null, [], '{', '"text"']) {
    assert.strictEqual(thrown(() => inv.promise(bad, NOW)).code, 'invalid_input', String(bad))
  }
  assert.deepStrictEqual(thrown(() => inv.promise('{', NOW)).data, { line: '1', column: '1' })
  assert.match(thrown(() => inv.promise({ ...base, n: 1n }, NOW)).message, /BigInt/)
  // A promise holds nothing, even when it fails.
  assert.ok(inv.snapshot().equals(before))
})

test('promiseMany names the failing request by its index', () => {
  const inv = stocked()
  const ok = deliver('IDF')
  const cases = [
    // Found by the core.
    [[ok, ok, { ...ok, lines: [{ sku: 'A', quantity: -1 }] }], 'invalid_quantity', '[2].lines[0].quantity'],
    [[ok, { ...ok, channel: 'nope' }], 'unknown_channel', '[1].channel'],
    // Found while reading a request.
    [[ok, { ...ok, lines: [{ sku: 'A', quantity: 2 ** 60 }] }], 'invalid_input', '[1].lines[0].quantity'],
    [[{ ...ok, shipComplete: 1 }, ok], 'invalid_input', '[0].ship_complete'],
    [[ok, ok, ok, 7], 'invalid_input', '[3]'],
    [[ok, null], 'invalid_input', '[1]'],
    [[ok, { ...ok, id: 5n }], 'invalid_input', '[1]'],
    // The first bad one wins (reading comes first, as in the Rust golden runner).
    [[{ ...ok, channel: 'nope' }, { ...ok, lines: [] }, { ...ok, bad: 1 }], 'invalid_input', '[2].bad'],
  ]
  for (const [requests, code, field] of cases) {
    const err = thrown(() => inv.promiseMany(requests, NOW))
    assert.strictEqual(err.code, code, err.message)
    assert.strictEqual(err.data.field, field, err.message)
    assert.ok(err.message.startsWith(`${field}: `), err.message)
  }
  assert.deepStrictEqual(inv.promiseMany([], NOW), [])
  for (const bad of [42, { requests: [] }, '{"a": 1}', '[1,', undefined]) {
    assert.strictEqual(thrown(() => inv.promiseMany(bad, NOW)).code, 'invalid_input', String(bad))
  }
})

test('promiseMany answers each request against the same state, like promise', () => {
  const inv = stocked()
  // Each asks for all 5 units of A: each is promised in full (nothing is held between them).
  const requests = [1, 2, 3].map((k) => ({ id: `cart-${k}`, ...deliver('IDF'), lines: [{ sku: 'A', quantity: 5 }] }))
  const answers = inv.promiseMany(requests, NOW)
  assert.deepStrictEqual(answers, requests.map((r) => inv.promise(r, NOW)))
  assert.deepStrictEqual(answers.map((a) => [a.id, a.promised]), [['cart-1', true], ['cart-2', true], ['cart-3', true]])
})

/** Many requests over a few SKUs, zones and pickups. */
const batch = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 3 === 2
      ? { id: `r${i}`, channel: 'web', lines: [{ sku: 'A', quantity: 1 + (i % 4) }], pickup: 'S1' }
      : { id: `r${i}`, ...deliver(['IDF', 'north_east', 'SOUTH_WEST'][i % 3], i % 2 ? 'A' : 'B'), shipComplete: i % 5 === 0 },
  )

test('promiseManyAsync resolves to what promiseMany returns', async () => {
  const inv = stocked()
  const requests = batch(300)
  for (const form of [requests, JSON.stringify(requests)]) {
    for (const now of [NOW, new Date(NOW)]) {
      const pending = inv.promiseManyAsync(form, now)
      assert.ok(pending instanceof Promise)
      assert.deepStrictEqual(await pending, inv.promiseMany(form, now))
    }
  }
})

test('promiseManyAsync rejects (never throws) with the error promiseMany throws', async () => {
  const inv = stocked()
  const ok = deliver('IDF')
  const cases = [
    [[ok, { ...ok, lines: [{ sku: 'A', quantity: 0 }] }], NOW],
    [[ok, { ...ok, service: 'nope' }], NOW],
    [[ok, { ...ok, lines: [{ sku: 'A', quantity: 2 ** 53 }] }], NOW],
    [[ok, { ...ok, id: 1n }], NOW],
    [[ok], 'not a time'],
    [[ok], new Date(NaN)],
    [42, NOW],
    ['[1,', NOW],
  ]
  for (const [requests, now] of cases) {
    const syncErr = thrown(() => inv.promiseMany(requests, now))
    let pending
    assert.doesNotThrow(() => {
      pending = inv.promiseManyAsync(requests, now)
    })
    await assert.rejects(pending, (err) => {
      assert.ok(err instanceof Error)
      assert.strictEqual(err.code, syncErr.code)
      assert.strictEqual(err.message, syncErr.message)
      assert.deepStrictEqual(err.data, syncErr.data)
      return true
    })
  }
})

test('the event loop keeps turning during a big promiseManyAsync', async () => {
  const inv = stocked()
  const requests = batch(20_000)
  // The requests were written as JSON on this thread; reading them and answering happen on a
  // libuv worker from here on.
  const { result: answers, turns } = await turnsDuring(() => inv.promiseManyAsync(requests, NOW))
  assert.strictEqual(answers.length, 20_000)
  assert.deepStrictEqual(answers.map((a) => a.id), requests.map((r) => r.id))
  assert.ok(turns > 0, `the event loop did not turn while promiseManyAsync ran (${turns} turns)`)
})
