// npm run grammar: regenerate grammar/diagram.html from the parser. test/parse/grammar.test.ts fails
// when the committed diagram is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagramHtml } from './diagram.js';

const target = fileURLToPath(new URL('./diagram.html', import.meta.url));
writeFileSync(target, diagramHtml());
console.log(`wrote ${target}`);
