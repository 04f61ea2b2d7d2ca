#!/usr/bin/env bash
# The packages install the way users install them:
#   pip install ./bindings-python   in a fresh venv, then `import omnistock`;
#   npm install <path>/bindings-node in a fresh app, then `require('omnistock')`.
# Runs after `make test-node` (the addon must be built, as `npm run build` does).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "$root/bindings-python"
(cd "$tmp" && "$tmp/venv/bin/python" -c "
import omnistock
inv = omnistock.Inventory({'locations': [{'id': 'DC1', 'kind': 'warehouse'}], 'pools': [{'id': 'web', 'members': [{'location': 'DC1'}]}]})
inv.apply([{'type': 'receive', 'id': 'e1', 'location': 'DC1', 'sku': 'A', 'quantity': 2}])
assert inv.atp('A', 'web') == 2
print('pip install ./bindings-python: import omnistock works')
")

mkdir "$tmp/app"
(cd "$tmp/app" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$root/bindings-node" && node -e "
const { Inventory } = require('omnistock')
const inv = new Inventory({ locations: [{ id: 'DC1', kind: 'warehouse' }], pools: [{ id: 'web', members: [{ location: 'DC1' }] }] })
inv.apply([{ type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 2 }])
if (inv.atp('A', 'web') !== 2) throw new Error('wrong atp')
console.log('npm install bindings-node: require(\"omnistock\") works')
")
(cd "$root" && node -e "require('./bindings-node')")
echo "install: 3 passed, 0 failed"
