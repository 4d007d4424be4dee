// The bar's one store: its state, changed only by the reducer's actions, and a hook for the components that show
// it. The page controller dispatches; the components redraw themselves when what they read changed.
import { useEffect, useState } from 'preact/hooks';

export interface Store<S, A> {
  get(): S;
  dispatch(action: A): void;
  /** Facts kept outside the state changed (a listing arrived): whoever shows them looks again. */
  touch(): void;
  subscribe(listener: () => void): () => void;
}

export function createBarStore<S, A>(reducer: (state: S, action: A) => S, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      changed();
    },
    touch: changed,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's state in a component, redrawn on every change (and on `touch`). */
export function useStore<S, A>(store: Store<S, A>): S {
  const [, setVersion] = useState(0);
  useEffect(() => store.subscribe(() => setVersion((version) => version + 1)), [store]);
  return store.get();
}
