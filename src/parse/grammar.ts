// The grammar as a pure chevrotain CstParser: rules only, no actions. Rule names match grammar/
// language.ebnf. Precedence is Python's (numexpr parses with Python's ast), lowest first:
// comparison < | < ^ < & < shifts < + - < * / // % < unary - + ~ < ** < atom.

import { CstParser } from 'chevrotain';
import * as T from './tokens.js';

export class ExpressionParser extends CstParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 3, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.comparison);
  });

  // Comparisons do not chain: the visitor rejects a second comparison operator with a clear message.
  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.bitOr);
    this.MANY(() => {
      this.OR(T.ComparisonTokens.map((t) => ({ ALT: () => this.CONSUME(t) })));
      this.SUBRULE2(this.bitOr);
    });
  });

  bitOr = this.RULE('bitOr', () => {
    this.SUBRULE(this.bitXor);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.bitXor);
    });
  });

  bitXor = this.RULE('bitXor', () => {
    this.SUBRULE(this.bitAnd);
    this.MANY(() => {
      this.CONSUME(T.Caret);
      this.SUBRULE2(this.bitAnd);
    });
  });

  bitAnd = this.RULE('bitAnd', () => {
    this.SUBRULE(this.shift);
    this.MANY(() => {
      this.CONSUME(T.Ampersand);
      this.SUBRULE2(this.shift);
    });
  });

  shift = this.RULE('shift', () => {
    this.SUBRULE(this.additive);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.ShiftLeft) }, { ALT: () => this.CONSUME(T.ShiftRight) }]);
      this.SUBRULE2(this.additive);
    });
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.multiplicative);
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.FloorDiv) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      this.SUBRULE2(this.unary);
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Tilde) }]);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  // `**` is right-associative and its right operand may be signed: 2**-1, -2**2 == -(2**2).
  power = this.RULE('power', () => {
    this.SUBRULE(this.atom);
    this.OPTION(() => {
      this.CONSUME(T.Power);
      this.SUBRULE(this.unary);
    });
  });

  atom = this.RULE('atom', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.SUBRULE(this.parenthesized) },
    ]);
  });

  call = this.RULE('call', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.argument);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.argument);
      });
    });
    this.CONSUME(T.RParen);
  });

  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier);
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.expression);
  });

  // `(a, b)`, `(a,)` and `()` are tuples: bind accepts them only as a reduction's axis=.
  parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(T.LParen);
    this.OPTION2(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression);
      });
      this.OPTION(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });
}

/** One parser instance, reused (chevrotain's advice: construction runs grammar analysis). */
export const parser = new ExpressionParser();
