// The railroad diagram's HTML, generated from the live parser (so it cannot drift from the grammar).
import { createSyntaxDiagramsCode } from 'chevrotain';
import { parser } from '../src/parse/grammar.js';

export function diagramHtml(): string {
  return createSyntaxDiagramsCode(parser.getSerializedGastProductions());
}
