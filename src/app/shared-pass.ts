/**
 * One pass at a time per store: a second call while a pass runs gets that pass's promise
 * instead of starting another (the merged-event refresh, the affiliations kept current).
 */
import type { MarsadStore } from '../store/store.js';

/**
 * Wraps `pass` so that concurrent calls on one store share one run; a call after it settles starts a new one.
 * @example export const refreshMergedEvents = sharedPass(refreshPass); await Promise.all([refreshMergedEvents(s), refreshMergedEvents(s)]) // one pass
 */
export function sharedPass<T>(pass: (store: MarsadStore) => Promise<T>): (store: MarsadStore) => Promise<T> {
  const running = new WeakMap<MarsadStore, Promise<T>>();
  return (store) => {
    const current = running.get(store);
    if (current) return current;
    const run = pass(store).finally(() => running.delete(store));
    running.set(store, run);
    return run;
  };
}
