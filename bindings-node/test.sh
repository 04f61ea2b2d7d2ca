#!/usr/bin/env bash
# Node binding: npm ci, build the addon (release), type-check the typings, run node:test.
# Works on a fresh clone with only node/npm and cargo installed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
npm run typecheck
npm test
