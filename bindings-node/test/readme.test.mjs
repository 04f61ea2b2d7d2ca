// The README's JavaScript snippets run as written, with `require('omnistock')` resolving to
// this package through a node_modules link in a temporary folder (as an app would install it).
import { test } from 'node:test'
import assert from 'node:assert'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..')
const readme = readFileSync(join(pkg, '..', 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

test('README has JavaScript snippets', () => {
  assert.ok(blocks.length >= 1)
})

test('README JavaScript snippets run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-readme-'))
  try {
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(pkg, join(dir, 'node_modules', 'omnistock'), 'dir')
    blocks.forEach((code, i) => {
      const file = join(dir, `snippet${i}.cjs`)
      writeFileSync(file, code)
      execFileSync(process.execPath, [file], { cwd: dir, stdio: 'pipe' })
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
