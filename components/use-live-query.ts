// Dexie's liveQuery as a Preact hook: the popup shows the database as it changes, whoever changed it.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** `deps`: what the query reads besides the database (a search, a filter); it is asked again when they change. */
export function useLiveQuery<T>(query: () => Promise<T>, initial: T, deps: unknown[] = []): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
