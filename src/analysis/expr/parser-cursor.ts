/**
 * Token cursor shared by the parser files: position, the predicate depth (where `#` and `.x` are
 * pointers), the node budget, and expr's first-error messages (`unexpected token EOF`).
 */
import type { Node } from './ast.js';
import { SyntaxError, tokenString } from './lexer.js';
import type { Token, TokenKind } from './lexer.js';

/** expr's default node budget; also keeps the recursive passes within the JS stack. */
const MAX_NODES = 10_000;

export class TokenCursor {
  pos = 0;
  /** > 0 inside a predicate. */
  depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[this.pos] ?? { kind: 'EOF', value: '' };
  }

  is(kind: TokenKind, value?: string): boolean {
    const t = this.current;
    return t.kind === kind && (value === undefined || t.value === value);
  }

  next(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
  }

  fail(message: string): never {
    throw new SyntaxError(message);
  }

  unexpected(token: Token = this.current): never {
    this.fail(`unexpected token ${tokenString(token)}`);
  }

  expect(kind: TokenKind, value?: string): void {
    if (!this.is(kind, value)) this.unexpected();
    this.next();
  }

  node<N extends Node>(n: N): N {
    if (++this.nodes > MAX_NODES) this.fail('compilation failed: expression exceeds maximum allowed nodes');
    return n;
  }
}
