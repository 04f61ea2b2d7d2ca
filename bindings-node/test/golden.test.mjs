// Every golden vector of testdata/golden through the JavaScript API, with the same runner
// semantics as core/tests/golden.rs; apply steps also through applyAsync, which must agree.
import { test } from 'node:test'
import assert from 'node:assert'
import { basename, dirname } from 'node:path'
import { omnistock, goldenFiles, readJson, camelKeys, canonical } from './helpers.mjs'

const { Inventory, OmnistockError } = omnistock

const stripErrors = (outcomes) =>
  outcomes.map((o) => (o.error ? { ...o, error: { code: o.error.code } } : o))

async function run(vector) {
  let inv
  try {
    inv = new Inventory(vector.input.network)
  } catch (err) {
    if (err instanceof OmnistockError) return { error: { code: err.code } }
    throw err
  }
  const out = []
  for (const step of vector.input.steps ?? []) {
    let v
    try {
      switch (step.op) {
        case 'apply': {
          const before = inv.snapshot()
          v = stripErrors(inv.apply(step.events))
          // The async variant, from the same state, gives the same outcomes.
          const twin = Inventory.restore(before)
          assert.deepStrictEqual(stripErrors(await twin.applyAsync(step.events)), v)
          assert.ok(twin.snapshot().equals(inv.snapshot()))
          break
        }
        case 'atp':
          v = inv.atp(step.sku, step.pool)
          break
        case 'atp_many':
          v = inv.atpMany(step.skus, step.pool)
          break
        case 'atp_by_location':
          v = inv.atpByLocation(step.sku, step.pool)
          break
        case 'position':
          v = inv.position(step.location, step.sku)
          break
        case 'restore':
          inv = Inventory.restore(Buffer.from(step.data, 'utf8'))
          v = null
          break
        case 'restore_snapshot': {
          const data = inv.snapshot()
          inv = Inventory.restore(data)
          assert.ok(inv.snapshot().equals(data))
          v = null
          break
        }
        default:
          throw new Error(`unknown op ${step.op}`)
      }
    } catch (err) {
      if (!(err instanceof OmnistockError)) throw err
      v = { error: { code: err.code } }
    }
    out.push(v)
  }
  return { expected: out }
}

const files = goldenFiles()

test('there are at least 30 golden vectors', () => {
  assert.ok(files.length >= 30, `found ${files.length}`)
})

for (const file of files) {
  const name = `${basename(dirname(file))}/${basename(file, '.json')}`
  const vector = readJson(file)
  const skip = vector.skip?.node
  test(name, { skip }, async () => {
    const got = await run(vector)
    if (vector.error) {
      assert.deepStrictEqual(got, { error: vector.error })
    } else {
      assert.strictEqual(got.error, undefined, `network refused: ${JSON.stringify(got.error)}`)
      assert.strictEqual(canonical(got.expected), canonical(camelKeys(vector.expected)))
    }
  })
}
