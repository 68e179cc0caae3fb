// Typed arrays over the arena and their lifetime. Each allocation has one owner object; every view
// fusexpr hands out (the array and its subarrays, through a subclass whose subarray() records the
// owner) keeps it alive through a WeakMap, and a FinalizationRegistry on the owner frees the block once
// no view is reachable. `free()` releases it at once. Must not know about kernels or the runtime.

import { arenaAlloc, arenaAllocZeroed, arenaFree, arenaMemory, isArenaInstance, registerArenaClass } from './arena.js';
import { BoolArray } from '../../types/dtypes.js';

/** One allocation: freed when the last view of it is collected, or by free(). */
class Owner {
  freed = false;
  /** Calls running on this block (evaluateAsync): free() marks it freed but releases it when they end. */
  pins = 0;
  constructor(
    readonly ptr: number,
    readonly bytes: number,
    /** Allocated by the user (no limit), not as a result. */
    readonly user: boolean,
  ) {}
}

/** Bytes of live arrays users allocated (empty, zeros, full, toShared): results may take as much again. */
let userBytes = 0;
export const userArenaBytes = (): number => userBytes;

function release(ptr: number, bytes: number, user: boolean): void {
  if (user) userBytes -= bytes;
  arenaFree(ptr, bytes);
}

const OWNER = new WeakMap<object, Owner>();
const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<{ ptr: number; bytes: number; user: boolean }>((b) => release(b.ptr, b.bytes, b.user)) : undefined;

type TypedCtor = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): ArrayBufferView; BYTES_PER_ELEMENT: number; name: string; prototype: object };

/** The arena subclass of a typed-array class: same name, same behaviour; subarray() keeps the owner alive. */
function arenaClass(Base: TypedCtor): TypedCtor {
  const B = Base as unknown as new (...a: unknown[]) => { subarray(b?: number, e?: number): ArrayBufferView; slice(b?: number, e?: number): ArrayBufferView };
  class Arena extends B {
    override subarray(begin?: number, end?: number): ArrayBufferView {
      const s = super.subarray(begin, end); // species: an Arena view of the same buffer
      const o = OWNER.get(this);
      if (o) OWNER.set(s, o);
      return s;
    }
  }
  Object.defineProperty(Arena, 'name', { value: Base.name });
  registerArenaClass(Arena);
  return Arena as unknown as TypedCtor;
}

const classes = new Map<TypedCtor, TypedCtor>();

/**
 * A zero-filled (when `zero`) array of `length` elements of class C in the arena, or undefined when
 * the arena is unavailable or cannot grow that far (under `limit` bytes of memory).
 */
export function arenaArray<A extends ArrayBufferView>(C: TypedCtor, length: number, zero: boolean, limit = Infinity): A | undefined {
  const mem = arenaMemory();
  if (!mem) return undefined;
  const bytes = length * C.BYTES_PER_ELEMENT;
  const ptr = zero ? arenaAllocZeroed(bytes, limit) : arenaAlloc(bytes, limit);
  if (!ptr) return undefined;
  let K = classes.get(C);
  if (!K) classes.set(C, (K = arenaClass(C)));
  const a = new K(mem.buffer, ptr, length);
  const o = new Owner(ptr, bytes, limit === Infinity);
  if (o.user) userBytes += bytes;
  OWNER.set(a, o);
  registry?.register(o, { ptr, bytes, user: o.user }, o);
  return a as A;
}

/**
 * A BoolArray over the bytes of an arena Uint8Array, in the arena too (Wasm reads it) and keeping its
 * block alive like a subarray (asBool of an arena array); undefined when `a` is not an arena array.
 * Its subarray() and slice() are BoolArrays (the class's species).
 */
export function arenaBoolView(a: Uint8Array): BoolArray | undefined {
  const o = OWNER.get(a);
  if (!o) return undefined;
  const B = BoolArray as unknown as TypedCtor;
  let K = classes.get(B);
  if (!K) classes.set(B, (K = arenaClass(B)));
  const v = new K(a.buffer, a.byteOffset, a.length) as BoolArray;
  OWNER.set(v, o);
  return v;
}

/** Whether `a` is a live arena allocation (or a view fusexpr made of one). */
export const isArenaArray = (a: unknown): boolean => typeof a === 'object' && a !== null && OWNER.get(a) !== undefined && !OWNER.get(a)!.freed;

/** Whether `a` is an arena array (or a view fusexpr made of one) whose block free() gave back. */
/** Some array was given back by free(): until then no call needs to look for freed arrays. */
export let freedAny = false;

// asked for every var of every call: the class test first keeps plain arrays off the WeakMap
export const isFreedArena = (a: object): boolean => isArenaInstance(a) && OWNER.get(a)?.freed === true;

/**
 * Release an arena array's memory now. Every view of it (subarrays included) becomes invalid: its
 * bytes may be handed out again. Returns false when `a` is not an arena array or was freed already.
 */
export function freeArena(a: object): boolean {
  const o = OWNER.get(a);
  if (!o || o.freed) return false;
  o.freed = true;
  freedAny = true;
  registry?.unregister(o);
  if (o.pins === 0) release(o.ptr, o.bytes, o.user);
  return true;
}

/**
 * Hold the blocks of these arrays (or views' data) while an async call runs: free() during the call
 * makes them unusable at once, but their bytes are handed out again only once every holder is done
 * (worker blocks already running may still write them). Returns the release.
 */
export function pinArena(values: readonly unknown[]): () => void {
  const owners: Owner[] = [];
  for (const v of values) {
    const d = typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) ? (v as { data?: unknown }).data : v;
    const o = typeof d === 'object' && d !== null ? OWNER.get(d) : undefined;
    if (o && !o.freed && !owners.includes(o)) {
      o.pins++;
      owners.push(o);
    }
  }
  return () => {
    for (const o of owners) if (--o.pins === 0 && o.freed) release(o.ptr, o.bytes, o.user);
  };
}
