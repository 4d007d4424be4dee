// Waiting for a state in tests that script every answer: turns of the event loop, never a time, so a loaded
// machine waits exactly as long as an idle one.

/** Resolves once `test` holds, looking again after every turn of the event loop (gives up after `turns`). */
export async function until(test: () => boolean | Promise<boolean>, turns = 2_000): Promise<void> {
  for (let n = 0; n < turns && !(await test()); n++) await new Promise((resolve) => setTimeout(resolve, 0));
}
