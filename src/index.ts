// Public re-exports only.
export { evaluate, evaluateAsync, compile, validate, explain, clearCaches } from './api.js';
export { setNumThreads, getNumThreads, detectNumberOfCores, setParallelThreshold, getParallelThreshold, startThreads, shutdown, threadsWarning } from './runtime/threads/settings.js';
export { empty, zeros, isShared, toShared } from './runtime/shared.js';
export type { Kernel, Validation, Explanation, EvaluateOptions } from './api.js';
export type { NdArray, Out, Vars, VarValue, Result, ResultArray, ScalarResult, ArrayResultOf } from './values.js';
export { FusexprError } from './errors.js';
export type { ErrorCode, Span } from './errors.js';
export type { DType, Casting, ArrayOf } from './types/dtypes.js';
export { asBool } from './types/dtypes.js';
export type { OptimizeLevel } from './optimize/index.js';
export { tune, formatTune } from './tune.js';
export type { TuneResult, TuneRow } from './tune.js';
