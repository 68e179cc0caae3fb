// The part of an AbortSignal fusexpr uses, typed structurally: the declarations then compile
// without DOM or Node types, and any AbortSignal (browser, Node, a polyfill) fits.

/**
 * An AbortSignal (from an AbortController).
 *
 * @example
 * ```ts
 * const ac = new AbortController();
 * const p = evaluateAsync('sin(x)', { x }, undefined, { signal: ac.signal });
 * ac.abort(); // p rejects with code ABORTED
 * ```
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  /** Calls `listener` when the signal aborts. */
  addEventListener(type: 'abort', listener: () => void): void;
  /** Stops calling `listener`. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

export const isAbortSignal = (v: unknown): v is AbortSignalLike =>
  typeof v === 'object' && v !== null && typeof (v as AbortSignalLike).aborted === 'boolean' && typeof (v as AbortSignalLike).addEventListener === 'function';
