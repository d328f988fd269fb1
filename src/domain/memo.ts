// A value kept per key in a bounded map: computed on first use, all forgotten once the map
// holds `limit` entries. Only for pure functions of the key, so nothing kept can go stale
// (offsets of an instant, a date's openings, a time's words).
export function remembered<K, V>(known: Map<K, V>, key: K, limit: number, compute: () => V): V {
  let value = known.get(key);
  if (value === undefined) {
    value = compute();
    if (known.size >= limit) known.clear();
    known.set(key, value);
  }
  return value;
}
