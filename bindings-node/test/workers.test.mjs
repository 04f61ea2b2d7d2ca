// Worker threads: the addon loads in each worker, and an inventory's state crosses threads as
// a snapshot (a copy); the object itself belongs to the thread that made it.
import { test } from 'node:test'
import assert from 'node:assert'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { omnistock, smallNetwork } from './helpers.mjs'

const { Inventory } = omnistock
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..')

function inWorker(code, workerData) {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData })
    w.once('message', resolve)
    w.once('error', reject)
  })
}

test('a snapshot restored in a worker answers like the original', async () => {
  const inv = new Inventory(smallNetwork())
  inv.apply([{ type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 7 }])
  const atp = await inWorker(
    `const { parentPort, workerData } = require('node:worker_threads')
     const { Inventory } = require(workerData.pkg)
     const copy = Inventory.restore(Buffer.from(workerData.snapshot))
     copy.apply([{ type: 'receive', id: 'e2', location: 'DC1', sku: 'A', quantity: 1 }])
     parentPort.postMessage(copy.atp('A', 'web'))`,
    { pkg, snapshot: inv.snapshot() },
  )
  assert.strictEqual(atp, 8)
  // The original is untouched: the worker had a copy.
  assert.strictEqual(inv.atp('A', 'web'), 7)
})

test('several workers run their own inventories at once', async () => {
  const results = await Promise.all(
    [1, 2, 3].map((k) =>
      inWorker(
        `const { parentPort, workerData } = require('node:worker_threads')
         const { Inventory } = require(workerData.pkg)
         const inv = new Inventory(workerData.network)
         const events = Array.from({ length: 5000 }, (_, i) =>
           ({ type: 'receive', id: 'e' + i, location: 'DC1', sku: 'A', quantity: workerData.k }))
         inv.apply(events)
         parentPort.postMessage(inv.atp('A', 'web'))`,
        { pkg, network: smallNetwork(), k },
      ),
    ),
  )
  assert.deepStrictEqual(results, [5000, 10000, 15000])
})
