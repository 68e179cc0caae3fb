// fusexpr-owned memory: one shared WebAssembly.Memory per process (Wasm kernels address nothing
// else), its allocator, and the lifetime of the typed arrays handed out over it. Must not know about
// kernels or the runtime: the backend and the runtime ask `inArena`, allocate, and free.

import type { WasmMemory } from '../../kernel/abi.js';
import { wasmApi } from './api.js';

/** Bytes per Wasm page. */
const PAGE = 65536;
/** wasm32's whole address space: 65536 pages = 4 GiB. */
const MAX_PAGES = 65536;
/** Per-thread scratch for reduce kernels (a block's values): slots × bytes, after the header page. */
export const SCRATCH_SLOTS = 64;
export const SCRATCH_BYTES = 65536;
const SCRATCH_BASE = PAGE;
/** Header words (Int32 at address 0): [0] next scratch slot, [1] the memory's id. Address 0 is never handed out. */
const HDR_NEXT_SLOT = 0;
const HDR_ID = 1;
/** The vector math library's constant tables (math/tables.ts), in the header page: written by the backend. */
export const MATH_TABLES_AT = 4096;
export const MATH_TABLES_BYTES = PAGE - MATH_TABLES_AT;
const HEAP_BASE = SCRATCH_BASE + SCRATCH_SLOTS * SCRATCH_BYTES;
/** Small sizes come from power-of-two classes carved out of 64 KiB chunks; large ones from extents. */
const SMALL_MAX = 4096;
const LARGE_ALIGN = 4096;

let memory: WasmMemory | null | undefined;
let maxPages = MAX_PAGES;
/** Every SharedArrayBuffer object the memory has had (grow replaces memory.buffer with a longer one). */
const buffers = new WeakSet<ArrayBufferLike>();
/** The classes of arena arrays (arrays.ts makes one per typed-array class). */
const ARENA_CLASSES = new Set<unknown>();
export const registerArenaClass = (c: unknown): void => void ARENA_CLASSES.add(c);
/** Whether `a` is an instance of an arena array class (cheap: no `.buffer`, no WeakMap). */
export const isArenaInstance = (a: object): boolean => ARENA_CLASSES.has(a.constructor);

/** The process's arena memory, created on first use; null where shared Wasm memory is unavailable. */
export function arenaMemory(): WasmMemory | null {
  if (memory !== undefined) return memory;
  memory = null;
  const api = wasmApi();
  if (!api || typeof SharedArrayBuffer === 'undefined') return null;
  // a 32-bit host may not reserve 4 GiB of address space for a shared memory: try less
  for (const max of [MAX_PAGES, 16384, 4096]) {
    try {
      memory = new api.Memory({ initial: HEAP_BASE / PAGE, maximum: max, shared: true });
      maxPages = max;
      break;
    } catch {
      memory = null;
    }
  }
  if (memory) {
    buffers.add(memory.buffer);
    // a worker receives a new Memory object with each kernel it revives: the id says they are one memory
    new Int32Array(memory.buffer, 0, 4)[HDR_ID] = 1 + Math.floor(Math.random() * 0x7ffffffe);
  }
  return memory ?? null;
}

/** The largest memory the arena may grow to, in pages. */
export const arenaMaxPages = (): number => maxPages;

/** Whether `a` lies in the arena's memory (any view made on it, before or after a grow). */
export function inArena(a: ArrayBufferView): boolean {
  // the class first: reading `.buffer` makes V8 give a small on-heap array a buffer of its own (the
  // cached 16-element call went 0.27 → 0.39 µs: bench/before-after.ts)
  return isArenaInstance(a) && buffers.has(a.buffer);
}

// ---- the allocator ------------------------------------------------------------------------------------

let top = HEAP_BASE;
/** Bytes below this have been handed out at least once; above it the memory is still zero. */
let touched = HEAP_BASE;
/** Free extents of the large allocator, sorted by address, never adjacent (coalesced). */
const freeStart: number[] = [];
const freeEnd: number[] = [];
const smallFree = new Map<number, number[]>();
let chunkAt = 0;
let chunkLeft = 0;
let live = 0;
let peak = 0;

const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;
const classOf = (n: number) => Math.max(16, 2 ** Math.ceil(Math.log2(n)));

/** What the allocator hands out for a request of n bytes. */
export const blockSize = (n: number): number => (n <= SMALL_MAX ? classOf(n) : roundUp(n, LARGE_ALIGN));

function grow(to: number, limit: number): boolean {
  const mem = memory!;
  const have = mem.buffer.byteLength;
  if (to <= have) return true;
  const cap = Math.min(limit, maxPages * PAGE);
  if (to > cap) return false;
  // grow by at least a quarter (fewer grows), never past the cap
  const want = Math.min(cap, Math.max(to, have + have / 4));
  try {
    mem.grow(Math.ceil((want - have) / PAGE));
  } catch {
    try {
      mem.grow(Math.ceil((to - have) / PAGE));
    } catch {
      return false;
    }
  }
  buffers.add(mem.buffer);
  return true;
}

function allocLarge(size: number, limit: number): number {
  for (let k = 0; k < freeStart.length; k++) {
    const s = freeStart[k]!;
    const len = freeEnd[k]! - s;
    if (len < size) continue;
    if (len === size) {
      freeStart.splice(k, 1);
      freeEnd.splice(k, 1);
    } else freeStart[k] = s + size;
    return s;
  }
  if (!grow(top + size, limit)) return 0;
  const p = top;
  top += size;
  return p;
}

function freeLarge(p: number, size: number): void {
  let end = p + size;
  let start = p;
  // binary search for the insertion point
  let lo = 0;
  let hi = freeStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (freeStart[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  if (k > 0 && freeEnd[k - 1] === start) {
    start = freeStart[k - 1]!;
    k--;
    freeStart.splice(k, 1);
    freeEnd.splice(k, 1);
  }
  if (k < freeStart.length && freeStart[k] === end) {
    end = freeEnd[k]!;
    freeStart.splice(k, 1);
    freeEnd.splice(k, 1);
  }
  if (end === top) top = start;
  else {
    freeStart.splice(k, 0, start);
    freeEnd.splice(k, 0, end);
  }
}

/**
 * n bytes (16-byte aligned) in the arena, or 0 when it cannot grow that far: past wasm32's 4 GiB,
 * or past `limit` bytes of memory (results evaluate allocates use a lower limit: see SOFT_LIMIT).
 */
export function arenaAlloc(n: number, limit = Infinity): number {
  if (!arenaMemory() || n < 0) return 0;
  const size = blockSize(Math.max(1, n));
  let p = 0;
  if (size <= SMALL_MAX) {
    const list = smallFree.get(size);
    if (list && list.length) p = list.pop()!;
    else {
      if (chunkLeft < size) {
        const c = allocLarge(PAGE, limit);
        if (!c) return 0;
        chunkAt = c;
        chunkLeft = PAGE; // the rest of an old chunk is dropped (at most 4 KiB)
      }
      p = chunkAt;
      chunkAt += size;
      chunkLeft -= size;
    }
  } else {
    p = allocLarge(size, limit);
    if (!p) return 0;
  }
  live += size;
  peak = Math.max(peak, live);
  touched = Math.max(touched, p + size);
  return p;
}

/**
 * arenaAlloc, zero-filled: fresh memory (never handed out) is zero already, a reused block is
 * cleared. Through a Float64Array: fill() on shared memory stores element by element.
 */
export function arenaAllocZeroed(n: number, limit = Infinity): number {
  const before = touched;
  const p = arenaAlloc(n, limit);
  if (p && p < before) new Float64Array(memory!.buffer, p, Math.min(blockSize(Math.max(1, n)), before - p) / 8).fill(0);
  return p;
}

/** Give back a block from arenaAlloc(n). */
export function arenaFree(p: number, n: number): void {
  const size = blockSize(Math.max(1, n));
  live -= size;
  if (size <= SMALL_MAX) {
    let list = smallFree.get(size);
    if (!list) smallFree.set(size, (list = []));
    list.push(p);
  } else freeLarge(p, size);
}

/** The arena's figures: memory size, bytes in live blocks, their peak, free extents. */
export function arenaStats(): { readonly memoryBytes: number; readonly liveBytes: number; readonly peakBytes: number; readonly freeExtents: number } {
  return { memoryBytes: memory ? memory.buffer.byteLength : 0, liveBytes: live, peakBytes: peak, freeExtents: freeStart.length };
}

// ---- per-thread scratch -------------------------------------------------------------------------------

let scratchSlot: { id: number; ptr: number } | undefined;

/**
 * This thread's scratch (SCRATCH_BYTES at the returned address) in `mem`, claimed once per thread
 * through an atomic counter in the header; 0 when every slot is taken (the caller falls back to JS).
 * Keyed by the memory's id, not the Memory object: each kernel a worker revives brings its own
 * object for the same memory, and one slot per kernel would soon take all of them.
 */
export function threadScratch(mem: WasmMemory): number {
  const header = new Int32Array(mem.buffer, 0, 4);
  const id = Atomics.load(header, HDR_ID);
  if (scratchSlot && scratchSlot.id === id) return scratchSlot.ptr;
  const slot = Atomics.add(header, HDR_NEXT_SLOT, 1);
  scratchSlot = { id, ptr: slot < SCRATCH_SLOTS ? SCRATCH_BASE + slot * SCRATCH_BYTES : 0 };
  return scratchSlot.ptr;
}
