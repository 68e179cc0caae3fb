// Public re-exports only.
export { evaluate, compile, validate, explain, clearCaches } from './api.js';
export type { Kernel, Validation, Explanation, EvaluateOptions } from './api.js';
export { FusexprError } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { DType, Casting } from './types/dtypes.js';
export { asBool } from './types/dtypes.js';
export type { OptimizeLevel } from './optimize/index.js';
