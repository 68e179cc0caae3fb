// The host this build runs on. The browser bundle replaces this module with browser.ts
// (scripts/build.mjs), so Node-only modules never reach it.

export { nodePlatform as platform } from './node.js';
