// Rewrites one generated section of README.md: the text between `<!-- NAME:begin -->` and
// `<!-- NAME:end -->` (the accuracy tables of scripts/math-accuracy.ts and scripts/js-accuracy.ts).

import { readFileSync, writeFileSync } from 'node:fs';

export function writeReadmeSection(name: string, body: string): void {
  const path = new URL('../README.md', import.meta.url);
  const text = readFileSync(path, 'utf8');
  const re = new RegExp(`(<!-- ${name}:begin -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README.md has no ${name} markers`);
  writeFileSync(path, text.replace(re, (_, begin: string, end: string) => `${begin}\n${body}\n${end}`));
  console.log('README.md table rewritten');
}
