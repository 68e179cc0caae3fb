// The API with loose signatures, for tests about runtime behaviour (bad vars, results of every
// kind) that would otherwise cast at every call. The typed signatures are pinned by test/types/.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as api from '../../src/index.js';

type Loose = (...args: any[]) => any;
export const evaluate = api.evaluate as Loose;
export const evaluateAsync = api.evaluateAsync as (...args: any[]) => Promise<any>;
export const validate = api.validate as (expression: string, vars?: any, options?: any) => api.Validation;
export const explain = api.explain as (expression: string, vars?: any, options?: any) => api.Explanation;
export const compile = api.compile as (expression: string, signature?: any, options?: any) => { run: Loose; readonly source: string; readonly signature: Readonly<Record<string, string>>; readonly expression: string };
