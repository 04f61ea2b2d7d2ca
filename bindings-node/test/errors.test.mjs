// Error mapping and number exactness: what the binding adds around the core's errors.
import { test } from 'node:test'
import assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { omnistock, pkg, readJson, root, smallNetwork, thrown } from './helpers.mjs'

const { Inventory, ERROR_CODES } = omnistock
const MAX = Number.MAX_SAFE_INTEGER
const receive = (id, quantity, sku = 'A') => ({ type: 'receive', id, location: 'DC1', sku, quantity })

test('ERROR_CODES equal testdata/error_codes.json', () => {
  assert.deepStrictEqual(ERROR_CODES, readJson(join(root, 'testdata', 'error_codes.json')).codes)
})

test('the ErrorCode type of index.d.ts lists ERROR_CODES', () => {
  const dts = readFileSync(join(pkg, 'index.d.ts'), 'utf8')
  const union = dts.match(/export type ErrorCode =([^]*?)\n\n/)[1]
  assert.deepStrictEqual([...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]), ERROR_CODES)
})

test('a thrown error is an Error with the core code, message and data', () => {
  const inv = new Inventory(smallNetwork())
  const err = thrown(() => inv.atp('A', 'nope'))
  assert.ok(err instanceof Error)
  assert.strictEqual(err.code, 'unknown_pool')
  assert.strictEqual(err.message, 'unknown pool `nope`')
  assert.deepStrictEqual(err.data, { pool: 'nope' })
  assert.match(err.stack, /unknown pool `nope`/)
})

test('each kind of call throws the core code', () => {
  const net = smallNetwork()
  net.pools[0].members.push({ location: 'S9' })
  const cases = [
    [() => new Inventory(net), 'unknown_location', { location: 'S9', pool: 'web' }],
    [() => new Inventory('{"locations": ['), 'invalid_input', { line: '1', column: '15' }],
    [() => new Inventory({ locatoins: [] }), 'invalid_input', { field: 'locatoins' }],
    [() => new Inventory(), 'invalid_input', {}],
    [() => new Inventory(smallNetwork()).atpMany(['A'], 'nope'), 'unknown_pool', { pool: 'nope' }],
    [() => new Inventory(smallNetwork()).atpByLocation('A', 'nope'), 'unknown_pool', { pool: 'nope' }],
    [() => new Inventory(smallNetwork()).position('S9', 'A'), 'unknown_location', { location: 'S9' }],
    [() => new Inventory(smallNetwork()).apply(42), 'invalid_input', {}],
    [() => Inventory.restore(Buffer.from([0, 1, 2])), 'invalid_snapshot', {}],
  ]
  for (const [fn, code, data] of cases) {
    const err = thrown(fn)
    assert.ok(err instanceof Error, String(fn))
    assert.strictEqual(err.code, code, `${fn}: ${err.message}`)
    assert.deepStrictEqual(err.data, data, String(fn))
  }
})

test('data keys are camelCase, in thrown errors and in outcome errors', () => {
  const inv = new Inventory(smallNetwork())
  const [, out] = inv.apply([receive('e1', 2), { type: 'adjust', id: 'a1', location: 'DC1', sku: 'A', delta: -5, reason: 'lost' }])
  assert.strictEqual(out.error.code, 'insufficient_stock')
  assert.deepStrictEqual(out.error.context, { location: 'DC1', sku: 'A', onHand: '2', reserved: '0', requested: '5' })
})

test('sync and async errors carry the same code, message and data', async () => {
  const inv = new Inventory(smallNetwork())
  for (const bad of ['{"not": "an array"}', '[1, 2', 42, { events: [] }, null, undefined]) {
    const syncErr = thrown(() => inv.apply(bad))
    // applyAsync never throws synchronously: it returns a rejected promise.
    const promise = inv.applyAsync(bad)
    assert.ok(promise instanceof Promise)
    await assert.rejects(promise, (err) => {
      assert.ok(err instanceof Error)
      assert.strictEqual(err.code, 'invalid_input')
      assert.strictEqual(err.code, syncErr.code)
      assert.strictEqual(err.message, syncErr.message)
      assert.deepStrictEqual(err.data, syncErr.data)
      return true
    })
  }
})

test('integers beyond ±(2^53 − 1) are refused, numbers at the limit cross exactly', () => {
  const inv = new Inventory(smallNetwork())
  const out = inv.apply([
    receive('ok', MAX),
    receive('over', MAX + 1, 'B'),
    receive('under', -(MAX + 1), 'B'),
    receive('big', 2 ** 60, 'B'),
    receive('huge', 1e300, 'B'),
  ])
  assert.deepStrictEqual(
    out.map((o) => [o.id, o.status, o.error?.code, o.error?.context?.field]),
    [
      ['ok', 'applied', undefined, undefined],
      ['over', 'rejected', 'invalid_input', 'quantity'],
      ['under', 'rejected', 'invalid_input', 'quantity'],
      ['big', 'rejected', 'invalid_input', 'quantity'],
      ['huge', 'rejected', 'invalid_input', 'quantity'],
    ],
  )
  assert.match(out[1].error.message, /^quantity: 9007199254740992 is beyond ±\(2\^53 − 1\)/)
  assert.strictEqual(inv.atp('A', 'web'), MAX)
  assert.strictEqual(inv.atp('B', 'web'), 0)
})

test('a bigint cannot be written as JSON: that event alone is rejected', async () => {
  const events = [receive('a', 1), receive('b', 2n), receive('c', 3)]
  for (const call of ['apply', 'applyAsync']) {
    const inv = new Inventory(smallNetwork())
    const out = await inv[call](events)
    assert.deepStrictEqual(out.map((o) => [o.id, o.status, o.error?.code]), [
      ['a', 'applied', undefined],
      ['b', 'rejected', 'invalid_input'],
      ['c', 'applied', undefined],
    ])
    assert.match(out[1].error.message, /BigInt/)
    assert.strictEqual(inv.atp('A', 'web'), 4)
  }
})

test('unsafe integers are refused in JSON text and in the network too', () => {
  const inv = new Inventory(smallNetwork())
  const [o] = inv.apply('[{"type": "receive", "id": "t", "location": "DC1", "sku": "A", "quantity": 9007199254740992}]')
  assert.deepStrictEqual([o.id, o.status, o.error.code, o.error.context.field], ['t', 'rejected', 'invalid_input', 'quantity'])
  const net = smallNetwork()
  net.pools[0].members[1].buffer = 2 ** 53
  const err = thrown(() => new Inventory(net))
  assert.strictEqual(err.code, 'invalid_input')
  assert.strictEqual(err.data.field, 'pools[0].members[1].buffer')
  const text = JSON.stringify(smallNetwork()).replace('"buffer":1', '"buffer":9007199254740993')
  assert.strictEqual(thrown(() => new Inventory(text)).data.field, 'pools[0].members[1].buffer')
})

test('a non-integer or wrongly typed quantity is a rejected outcome, not a throw', async () => {
  const bad = [1.5, -0.25, '3', true, null, NaN, Infinity, -Infinity, [1], { n: 1 }, () => 1, Symbol('q')]
  const events = [...bad.map((quantity, i) => receive(`b${i}`, quantity)), receive('ok', 2)]
  for (const call of ['apply', 'applyAsync']) {
    const inv = new Inventory(smallNetwork())
    const out = await inv[call](events)
    assert.deepStrictEqual(
      out.map((o) => [o.id, o.status, o.error?.code]),
      events.map((e) => [e.id, e.id === 'ok' ? 'applied' : 'rejected', e.id === 'ok' ? undefined : 'invalid_input']),
      call,
    )
    assert.ok(out.slice(0, -1).every((o) => o.error.context.field === 'quantity'), call)
    assert.strictEqual(inv.atp('A', 'web'), 2)
  }
})

test('events that are not objects are rejected one by one', () => {
  const inv = new Inventory(smallNetwork())
  const out = inv.apply([undefined, null, 5, 'receive', [], receive('ok', 1)])
  assert.deepStrictEqual(
    out.map((o) => [o.id, o.status, o.error?.code]),
    [...Array(5).fill([null, 'rejected', 'invalid_input']), ['ok', 'applied', undefined]],
  )
})

test('outputs JavaScript cannot hold exactly are never rounded', () => {
  // Two safe receives add up beyond 2^53 − 1: the core holds it exactly (i64).
  const inv = new Inventory(smallNetwork())
  const out = inv.apply([receive('e1', MAX), receive('e2', MAX)])
  assert.strictEqual(out[1].changes[0].after, '18014398509481982')
  assert.strictEqual(inv.position('DC1', 'A').onHand, '18014398509481982')
  const err = thrown(() => inv.atp('A', 'web'))
  assert.strictEqual(err.code, 'quantity_overflow')
  assert.strictEqual(err.data.value, '18014398509481982')
  assert.strictEqual(thrown(() => inv.atpMany(['A'], 'web')).code, 'quantity_overflow')
})

test('wrong argument types throw (napi checks them), never crash', () => {
  const inv = new Inventory(smallNetwork())
  for (const fn of [() => inv.atp(1, 'web'), () => inv.atpMany('A', 'web'), () => Inventory.restore('text')]) {
    assert.ok(thrown(fn) instanceof Error)
  }
})

test('deeply nested or cyclic events are rejected one by one, never a crash', async () => {
  const cyclic = receive('c', 1)
  cyclic.self = cyclic
  const nest = (depth) => {
    let v = 1
    for (let i = 0; i < depth; i++) v = [v]
    return v
  }
  const events = [cyclic, receive('d', nest(300)), receive('e', nest(100_000)), receive('ok', 1)]
  for (const call of ['apply', 'applyAsync']) {
    const inv = new Inventory(smallNetwork())
    const out = await inv[call](events)
    assert.deepStrictEqual(
      out.map((o) => [o.id, o.error?.code]),
      [['c', 'invalid_input'], ['d', 'invalid_input'], ['e', 'invalid_input'], ['ok', undefined]],
    )
    assert.match(out[0].error.message, /circular/)
    assert.match(out[1].error.message, /recursion limit/)
  }
  assert.strictEqual(thrown(() => new Inventory(cyclic)).code, 'invalid_input')
})
