#!/usr/bin/env bash
# Brings the whole tree to biome.jsonc's style in one commit-sized step: formats every file,
# applies the lint fixes Biome marks safe, then the few unsafe ones that only rewrite
# expressions (template strings, optional chains, `**`, Math.min/max). Review the diff and run
# the tests before committing it. `npm run lint` then lists what needs a hand-written fix.
set -euo pipefail
cd "$(dirname "$0")/.."
npx biome check --write .
npx biome lint --write --unsafe \
  --only=style/useTemplate --only=complexity/useOptionalChain \
  --only=style/useExponentiationOperator --only=complexity/useMathMinMax .
npx biome format --write .
npm run lint || true
