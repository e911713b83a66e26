import type { DocumentModel } from './types';

/**
 * A derived value remembered per model object (a pipeline, a store, a resource). Models are
 * immutable and several rules ask the same questions of them, so each is answered once; the
 * cache goes with the model.
 */
export function perModelObject<K extends object, V>(compute: (model: DocumentModel, key: K) => V): (model: DocumentModel, key: K) => V {
  const cache = new WeakMap<K, V>();
  return (model, key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(model, key);
    cache.set(key, value);
    return value;
  };
}
