// The TypeScript typings compile against a small usage file (`tsc --noEmit`), including lines
// that must be type errors (`@ts-expect-error`), so the typings are neither wrong nor `any`.
import { test } from 'node:test'
import assert from 'node:assert'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pkg, require } from './helpers.mjs'

test('index.d.ts type-checks test/usage.ts (tsc --noEmit)', () => {
  const tsc = require.resolve('typescript/bin/tsc')
  const r = spawnSync(process.execPath, [tsc, '-p', join(pkg, 'test', 'tsconfig.json')], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, `${r.stdout}${r.stderr}`)
})
