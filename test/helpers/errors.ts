// Catching the FusexprError a call must throw, for tests that check its code, message or caret.

import { expect } from 'vitest';
import { FusexprError } from '../../src/index.js';

/** The FusexprError `f` throws; fails the test when it throws something else or nothing. */
export function fusexprError(f: () => unknown): FusexprError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FusexprError);
    return e as FusexprError;
  }
  throw new Error('expected a FusexprError');
}

/** The code of the FusexprError `f` throws, or 'none' when it returns; other errors propagate. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof FusexprError) return e.code;
    throw e;
  }
  return 'none';
}

/** `code: reason` of the FusexprError `f` throws, `raw …` for any other error, 'ok' when it returns. */
export function errorText(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof FusexprError ? `${e.code}: ${e.reason}` : `raw ${String(e)}`;
  }
  return 'ok';
}
