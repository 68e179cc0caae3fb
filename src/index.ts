// Public re-exports only.
export { evaluate, evaluateAsync, compile, validate, explain, clearCaches } from './api.js';
export { setNumThreads, getNumThreads, detectNumberOfCores, setParallelThreshold, getParallelThreshold, startThreads, shutdown } from './runtime/threads/settings.js';
export { empty, zeros, isShared, toShared } from './runtime/shared.js';
export type { Kernel, Validation, Explanation, EvaluateOptions, AsyncOptions, NdArray, Out } from './api.js';
export { FusexprError } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { DType, Casting } from './types/dtypes.js';
export { asBool } from './types/dtypes.js';
export type { OptimizeLevel } from './optimize/index.js';
export { tune, formatTune } from './tune.js';
export type { TuneResult, TuneRow } from './tune.js';
export { evaluateChunked, mergePartials } from './chunked.js';
export type { ChunkedOptions, PartialReduction } from './chunked.js';
export { chunkedArray } from './chunked/source.js';
export type { ChunkedArray, ChunkData } from './chunked/source.js';
export { fromZarr } from './chunked/zarr.js';
