import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';

export default defineConfig({
  // 'fusexpr' (the examples' and the demo's import) resolves to the source, as under tsc and tsx
  resolve: { conditions: ['fusexpr-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['fusexpr-source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
