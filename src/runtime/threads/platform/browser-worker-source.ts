// The browser worker's code as a string, so the browser bundle is one self-contained file that any
// bundler can take. scripts/build.mjs replaces this module with the bundled browser-worker.ts; from
// source (undefined) browser.ts loads browser-worker.js next to itself instead.

export const WORKER_SOURCE: string | undefined = undefined;
