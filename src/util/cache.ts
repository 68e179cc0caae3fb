// A bounded LRU map (Map keeps insertion order: a hit re-inserts, eviction drops the oldest).
// numexpr keeps two such caches of 256 entries; so do we (see pipeline.ts).

export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  // the hot path asks for the same key over and over: answer it without reordering the map
  private lastKey: K | undefined;
  private lastValue: V | undefined;
  constructor(private capacity: number) {}

  get(key: K): V | undefined {
    if (key === this.lastKey && this.lastValue !== undefined) return this.lastValue;
    const v = this.map.get(key);
    this.lastKey = key;
    this.lastValue = v;
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.lastKey = undefined;
    this.lastValue = undefined;
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.lastKey = undefined;
    this.lastValue = undefined;
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  resize(capacity: number): void {
    this.lastKey = undefined;
    this.lastValue = undefined;
    this.capacity = capacity;
    while (this.map.size > capacity) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.lastKey = undefined;
    this.lastValue = undefined;
    this.map.clear();
  }
}
