#!/usr/bin/env bash
# `npm test`: every check there is, in the order that fails fastest.
set -euo pipefail
bash tests/system-packages.sh
mkdir -p .tmp
# The unit and portal tests need no build: they run beside lint, typecheck and the build (each of those keeps one
# core busy), so the browser tests start about a minute and a half sooner. Their output follows the browser tests'.
npx vitest run --project unit --project portal --reporter=default --reporter=json \
  --outputFile=.tmp/vitest-fast.json >.tmp/fast-tests.log 2>&1 &
fast=$!
show_fast() {
  wait "$fast" && fast_status=0 || fast_status=$?
  echo "── unit and portal tests ──"
  cat .tmp/fast-tests.log
  return "$fast_status"
}
trap 'kill "$fast" 2>/dev/null || true' EXIT
if ! { npm run lint && npm run typecheck && npm run build; }; then
  show_fast || true
  exit 1
fi
# The browser tests use the build just made (tests/e2e/global-setup.ts).
RECLAIM_BUILT=1 npx vitest run --project e2e --reporter=default --reporter=json --outputFile=.tmp/vitest.json &&
  browser_status=0 || browser_status=$?
show_fast && fast_status=0 || fast_status=$?
# One plain closing line for CI: N passed, N failed, over both runs.
node -e "
const runs = ['./.tmp/vitest-fast.json', './.tmp/vitest.json'].map((path) => { try { return require(path); } catch { return null; } });
const sum = (key) => runs.reduce((total, run) => total + (run ? run[key] : 0), 0);
const missing = runs.some((run) => !run) ? ' (a run wrote no report)' : '';
// The failed tests' names and first lines last, where a CI log's tail shows them.
for (const run of runs) for (const file of run ? run.testResults : []) for (const test of file.assertionResults)
  if (test.status === 'failed')
    console.log('FAILED ' + file.name.replace(process.cwd() + '/', '') + ' > ' + test.fullName + ': ' +
      String(test.failureMessages[0] || '').split('\\n')[0].slice(0, 300));
console.log('tests: ' + sum('numPassedTests') + ' passed, ' + sum('numFailedTests') + ' failed' + (sum('numPendingTests') ? ', ' + sum('numPendingTests') + ' skipped' : '') + missing);
"
exit $((browser_status || fast_status))
