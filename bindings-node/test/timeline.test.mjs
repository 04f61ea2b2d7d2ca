// What the binding adds around the core's time-phased ATP: `now` as a string or a Date, `days`
// checked as a JavaScript number, camelCase buckets with YYYY-MM-DD dates, and the `due` of a
// reserve event.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, thrown } from './helpers.mjs'

const { Inventory } = omnistock
const NOW = '2026-11-26T10:00:00Z' // a Thursday

const network = () => ({
  locations: [{ id: 'DC1', kind: 'warehouse' }],
  channels: [{ id: 'mkp', kind: 'marketplace', pool: 'web' }],
  pools: [
    { id: 'web', members: [{ location: 'DC1' }], quotas: [{ channel: 'mkp', quantity: 3, period: 'week' }] },
    { id: 'paris', members: [{ location: 'DC1' }], timeZone: 'Europe/Paris' },
  ],
})

/** The core's worked example: 10 on hand, 20 expected on Dec 1, 25 held by the pool due Dec 2. */
function stocked() {
  const inv = new Inventory(network())
  const out = inv.apply([
    { type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 10 },
    { type: 'supply_add', id: 'e2', supply: 'PO-1', location: 'DC1', sku: 'A', quantity: 20, expected: '2026-12-01' },
    { type: 'reserve', id: 'e3', reservation: 'r1', sku: 'A', quantity: 25, pool: 'web', kind: 'hard', due: '2026-12-02' },
  ])
  assert.deepStrictEqual(out.map((o) => o.status), ['applied', 'applied', 'applied'])
  return inv
}

test('a timeline is a plain object with camelCase keys and YYYY-MM-DD dates', () => {
  const t = stocked().atpTimeline('A', 'web', NOW, 7)
  assert.deepStrictEqual(Object.keys(t).sort(), ['atpNow', 'beyond', 'buckets', 'pool', 'sku'])
  assert.strictEqual(t.atpNow, 5)
  assert.deepStrictEqual(t.beyond, { supply: 0, demand: 0 })
  assert.deepStrictEqual(
    t.buckets.map((b) => b.date),
    ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'],
  )
  assert.deepStrictEqual(t.buckets[0], { date: '2026-11-26', supply: 10, demand: 0, discreteAtp: 5, cumulativeAtp: 5, promisable: 5 })
  assert.deepStrictEqual(t.buckets[5], { date: '2026-12-01', supply: 20, demand: 0, discreteAtp: 0, cumulativeAtp: 5, promisable: 5 })
  assert.deepStrictEqual(t.buckets[6], { date: '2026-12-02', supply: 0, demand: 25, discreteAtp: 0, cumulativeAtp: 5, promisable: 5 })
})

test('the due of a reserve event is read (camelCase events) and echoed on the reservation', () => {
  const inv = stocked()
  assert.deepStrictEqual(inv.reservations(), [{ id: 'r1', sku: 'A', pool: 'web', quantity: 25, kind: 'hard', due: '2026-12-02' }])
  const [bad] = inv.apply([{ type: 'reserve', id: 'e4', reservation: 'r2', sku: 'A', quantity: 1, pool: 'web', kind: 'hard', due: '2026-02-30' }])
  assert.deepStrictEqual([bad.status, bad.error.code, bad.error.context.field], ['rejected', 'invalid_input', 'due'])
})

test('through a channel: its quota is applied and reported in quotaLeft', () => {
  const t = stocked().atpTimelineForChannel('A', 'mkp', NOW, 5)
  assert.strictEqual(t.channel, 'mkp')
  assert.strictEqual(t.pool, 'web')
  assert.deepStrictEqual(t.buckets.map((b) => [b.promisable, b.quotaLeft]), Array(5).fill([3, 3]))
})

test('a Date and its ISO string are the same now; today is the pool time zone date', () => {
  const inv = stocked()
  for (const iso of [NOW, '2026-11-30T22:59:59.999Z', '2026-11-30T23:00:00Z']) {
    for (const [call, where] of [['atpTimeline', 'web'], ['atpTimeline', 'paris'], ['atpTimelineForChannel', 'mkp']]) {
      assert.deepStrictEqual(inv[call]('A', where, new Date(iso), 4), inv[call]('A', where, iso, 4), `${call} ${where} ${iso}`)
    }
  }
  // 23:00 UTC on Nov 30 is already Dec 1 in Paris, not in UTC.
  const at = new Date('2026-11-30T23:00:00Z')
  assert.strictEqual(inv.atpTimeline('A', 'web', at, 1).buckets[0].date, '2026-11-30')
  assert.strictEqual(inv.atpTimeline('A', 'paris', at, 1).buckets[0].date, '2026-12-01')
  assert.strictEqual(inv.atpTimeline('A', 'paris', new Date('2026-11-30T22:59:59.999Z'), 1).buckets[0].date, '2026-11-30')
})

test('days must be a safe non-negative integer within u32: invalid_input naming days', () => {
  const inv = stocked()
  for (const bad of [-1, 1.5, -0.5, NaN, Infinity, -Infinity, 2 ** 32, 2 ** 53, Number.MAX_VALUE, '3', null, undefined, true, 3n, [3], { days: 3 }]) {
    for (const call of [() => inv.atpTimeline('A', 'web', NOW, bad), () => inv.atpTimelineForChannel('A', 'mkp', NOW, bad)]) {
      const err = thrown(call)
      assert.strictEqual(err.code, 'invalid_input', `${String(bad)}: ${err.message}`)
      assert.strictEqual(err.data.field, 'days', String(bad))
      assert.match(err.message, /^days: /)
    }
  }
  // Integers within u32 reach the core, which checks its own range (1..=3660).
  for (const outside of [0, -0, 3661, 2 ** 32 - 1]) {
    const err = thrown(() => inv.atpTimeline('A', 'web', NOW, outside))
    assert.deepStrictEqual([err.code, err.data.field], ['invalid_input', 'days'], String(outside))
    assert.match(err.message, /^days: days must be within 1\.\.=3660/)
  }
  assert.strictEqual(inv.atpTimeline('A', 'web', NOW, 1).buckets.length, 1)
  assert.strictEqual(inv.atpTimeline('A', 'web', NOW, 3660).buckets.length, 3660)
  assert.strictEqual(inv.atpTimeline('A', 'web', NOW, 2.0).buckets.length, 2)
})

test('unknown pool and channel throw the core codes; an unknown SKU has an empty timeline', () => {
  const inv = stocked()
  assert.deepStrictEqual(thrown(() => inv.atpTimeline('A', 'nope', NOW, 2)).data, { pool: 'nope' })
  assert.strictEqual(thrown(() => inv.atpTimeline('A', 'nope', NOW, 2)).code, 'unknown_pool')
  assert.strictEqual(thrown(() => inv.atpTimelineForChannel('A', 'nope', NOW, 2)).code, 'unknown_channel')
  const t = inv.atpTimeline('ZZZ', 'web', NOW, 2)
  assert.strictEqual(t.atpNow, 0)
  assert.ok(t.buckets.every((b) => b.supply === 0 && b.promisable === 0))
})
