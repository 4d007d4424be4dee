// `npm run soak`: one long export per destination (ZIP, folder, S3 in turn) of some 330 files, the platform
// failing all the while and the browser interrupting it, then a check that every file arrived exactly once,
// byte for byte, as the history says (issue 13 §4). Options: options.ts. Exits non-zero when any destination
// fails; the last lines are one `SOAK <destination>: PASS|FAIL …` each.
import { runBench } from '../bench/util.ts';
import { readOptions } from './options.ts';
import { brokenResult, soakLine, soakNotes } from './report.ts';
import { closeRunning, type SoakResult, soakOne } from './run.ts';

const options = readOptions();
const results: SoakResult[] = [];

async function main(): Promise<void> {
  console.log(`soak: ${JSON.stringify(options)}`);
  for (const destination of options.destinations) {
    try {
      results.push(await soakOne(options, destination));
    } catch (error) {
      console.error(`soak ${destination}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      results.push(brokenResult(destination, error));
    }
    const result = results.at(-1) as SoakResult;
    console.log(soakLine(result));
    for (const note of soakNotes(result)) console.log(note);
  }
  console.log('');
  for (const result of results) console.log(soakLine(result));
  const failed = results.filter((result) => result.reasons.length > 0);
  if (failed.length > 0) throw new Error(`soak failed for ${failed.map((result) => result.destination).join(', ')}`);
}

// Each destination at most twice its minutes plus a quarter of an hour (run.ts gives up by then), and setup.
const watchdogMs = options.destinations.length * (options.minutes * 2 + 25) * 60_000;
runBench('soak', main, () => closeRunning(), watchdogMs);
