// The WebAssembly JS API as fusexpr uses it, typed here (Node's typings lack it) and looked up at run
// time, so engines without WebAssembly load this backend and report it unavailable.

import type { WasmMemory } from '../../kernel/abi.js';

export interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** globalThis.WebAssembly, or undefined where the engine has none (or it was removed). */
export const wasmApi = (): WasmApi | undefined => {
  const w = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof w === 'object' && w !== null ? w : undefined;
};
