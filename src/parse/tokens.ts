// Tokens of the expression language. Order matters where one token is a prefix of another
// (`**` before `*`, `//` before `/`, `<=` before `<`, `==` before `=`). Labels make messages readable.

import { createToken, Lexer, TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[jJ]?/,
  label: 'a number',
});
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

export const Power = createToken({ name: 'Power', pattern: '**', label: "'**'" });
export const Star = createToken({ name: 'Star', pattern: '*', label: "'*'" });
export const FloorDiv = createToken({ name: 'FloorDiv', pattern: '//', label: "'//'" });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: '%', label: "'%'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const ShiftLeft = createToken({ name: 'ShiftLeft', pattern: '<<', label: "'<<'" });
export const ShiftRight = createToken({ name: 'ShiftRight', pattern: '>>', label: "'>>'" });
export const LessEqual = createToken({ name: 'LessEqual', pattern: '<=', label: "'<='" });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: '>=', label: "'>='" });
export const EqualEqual = createToken({ name: 'EqualEqual', pattern: '==', label: "'=='" });
export const NotEqual = createToken({ name: 'NotEqual', pattern: '!=', label: "'!='" });
export const Less = createToken({ name: 'Less', pattern: '<', label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: '>', label: "'>'" });
export const Equals = createToken({ name: 'Equals', pattern: '=', label: "'='" });
export const Ampersand = createToken({ name: 'Ampersand', pattern: '&', label: "'&'" });
export const Pipe = createToken({ name: 'Pipe', pattern: '|', label: "'|'" });
export const Caret = createToken({ name: 'Caret', pattern: '^', label: "'^'" });
export const Tilde = createToken({ name: 'Tilde', pattern: '~', label: "'~'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });

export const allTokens: TokenType[] = [
  WhiteSpace, NumberLiteral, Identifier,
  Power, Star, FloorDiv, Slash, Percent, Plus, Minus,
  ShiftLeft, ShiftRight, LessEqual, GreaterEqual, EqualEqual, NotEqual, Less, Greater, Equals,
  Ampersand, Pipe, Caret, Tilde, LParen, RParen, Comma,
];

export const ComparisonTokens = [Less, LessEqual, EqualEqual, NotEqual, GreaterEqual, Greater];

export const lexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
