#!/usr/bin/env bash
# `npm test`: every check there is, in the order that fails fastest.
set -euo pipefail
bash tests/system-packages.sh
npm run lint
npm run typecheck
npm run build
# The browser tests use the build just made (tests/e2e/global-setup.ts).
RECLAIM_BUILT=1 npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json
# One plain closing line for CI: N passed, N failed.
node -e "const r=require('./.tmp/vitest.json'); console.log('tests: ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''))"
