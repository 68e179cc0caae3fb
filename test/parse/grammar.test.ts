// grammar/ is the language's source of truth: the EBNF names the parser's rules, and the committed
// railroad diagram is what the parser generates today.

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parser } from '../../src/parse/grammar.js';
import { diagramHtml } from '../../grammar/diagram.js';

const read = (f: string) => readFileSync(new URL(`../../grammar/${f}`, import.meta.url), 'utf8');

describe('grammar/', () => {
  it('the EBNF defines exactly the parser rules (plus lexical ones)', () => {
    const ebnf = read('language.ebnf').replace(/\(\*[\s\S]*?\*\)/g, '');
    const defined = [...ebnf.matchAll(/^(\w+)\s*=/gm)].map((m) => m[1]);
    const rules = Object.keys(parser.getGAstProductions());
    for (const r of rules) expect(defined).toContain(r);
  });
  it('the committed railroad diagram is not stale (npm run grammar regenerates it)', () => {
    expect(read('diagram.html')).toBe(diagramHtml());
  });
});
