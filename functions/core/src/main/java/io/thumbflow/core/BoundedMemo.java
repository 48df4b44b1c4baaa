package io.thumbflow.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers answers for the first {@code capacity} keys asked, and computes the rest each time: a
 * cache that cannot grow with its input. Thread-safe; two threads asking for the same new key may
 * both compute it, so the answer must depend on the key alone.
 */
public final class BoundedMemo<K, V> {
  private final Map<K, V> known = new ConcurrentHashMap<>();
  private final int capacity;

  public BoundedMemo(int capacity) {
    this.capacity = capacity;
  }

  /** {@code compute.apply(key)}, from memory when it was kept. */
  public V get(K key, Function<? super K, ? extends V> compute) {
    V value = known.get(key);
    if (value != null) {
      return value;
    }
    value = compute.apply(key);
    if (known.size() < capacity) {
      known.putIfAbsent(key, value);
    }
    return value;
  }
}
