// Several events can want to move the same job at once (a download's end, the minute alarm, a restarted
// worker). Running them one after the other per job keeps each decision based on what the last one wrote.
const queues = new Map<number, Promise<unknown>>();

export function oneAtATime<T>(jobId: number, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(jobId) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(jobId, settled);
  void settled.then(() => {
    if (queues.get(jobId) === settled) queues.delete(jobId);
  });
  return next;
}
