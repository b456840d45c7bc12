// The `math:` transform language of mapping files: a tiny recursive-descent parser and an AST-walking evaluator (never eval).

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'x' }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '%' | '^'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

const FUNCTIONS = {
  floor: { arity: [1, 1], impl: (a: number[]) => Math.floor(a[0]) },
  ceil: { arity: [1, 1], impl: (a: number[]) => Math.ceil(a[0]) },
  round: { arity: [1, 1], impl: (a: number[]) => Math.round(a[0]) },
  trunc: { arity: [1, 1], impl: (a: number[]) => Math.trunc(a[0]) },
  abs: { arity: [1, 1], impl: (a: number[]) => Math.abs(a[0]) },
  sqrt: { arity: [1, 1], impl: (a: number[]) => Math.sqrt(a[0]) },
  min: { arity: [1, 16], impl: (a: number[]) => Math.min(...a) },
  max: { arity: [1, 16], impl: (a: number[]) => Math.max(...a) },
} as const satisfies Record<string, { arity: readonly [number, number]; impl: (a: number[]) => number }>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** A syntax error at a 0-based character offset inside the expression text. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Deep nesting is refused rather than risking the JS stack on hostile input. */
const MAX_DEPTH = 64;
const MAX_LENGTH = 1000;

type Token =
  | { t: 'num'; value: number; at: number; end: number }
  | { t: 'id'; name: string; at: number; end: number }
  | { t: 'op'; op: string; at: number; end: number }
  | { t: 'eof'; at: number; end: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if ((c >= '0' && c <= '9') || (c === '.' && src[i + 1] >= '0' && src[i + 1] <= '9')) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      const text = m![0];
      i += text.length;
      if (/[A-Za-z_.]/.test(src[i] ?? '')) throw new ExpressionError(`malformed number "${src.slice(start, i + 1)}"`, start);
      out.push({ t: 'num', value: Number(text), at: start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++;
      out.push({ t: 'id', name: src.slice(start, i), at: start, end: i });
      continue;
    }
    if ('+-*/%^(),'.includes(c)) {
      out.push({ t: 'op', op: c, at: start, end: i + 1 });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, start);
  }
  out.push({ t: 'eof', at: src.length, end: src.length });
  return out;
}

/** Parses `text` (the transform's `math:` string); throws ExpressionError with the offending offset. */
export function parseExpression(text: string): Expr {
  if (text.length > MAX_LENGTH) throw new ExpressionError(`expression longer than ${MAX_LENGTH} characters`, MAX_LENGTH);
  const toks = tokenize(text);
  let p = 0;
  let depth = 0;

  const peek = (): Token => toks[p];
  const isOp = (tok: Token, op: string): boolean => tok.t === 'op' && tok.op === op;
  const describe = (tok: Token): string =>
    tok.t === 'eof' ? 'end of expression' : `"${text.slice(tok.at, tok.end)}"`;
  const expect = (op: string): void => {
    const tok = peek();
    if (!isOp(tok, op)) throw new ExpressionError(`expected "${op}" but found ${describe(tok)}`, tok.at);
    p++;
  };
  const enter = (at: number): void => {
    if (++depth > MAX_DEPTH) throw new ExpressionError(`expression nested deeper than ${MAX_DEPTH} levels`, at);
  };

  function additive(): Expr {
    let left = multiplicative();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.op === '+' || tok.op === '-')) {
        p++;
        left = { kind: 'bin', op: tok.op, left, right: multiplicative() };
      } else return left;
    }
  }

  function multiplicative(): Expr {
    let left = unary();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.op === '*' || tok.op === '/' || tok.op === '%')) {
        p++;
        left = { kind: 'bin', op: tok.op, left, right: unary() };
      } else return left;
    }
  }

  // Unary minus binds looser than ^ (so -x^2 is -(x^2)), as in mathematics and Python.
  function unary(): Expr {
    const tok = peek();
    if (isOp(tok, '-') || isOp(tok, '+')) {
      p++;
      enter(tok.at);
      const arg = unary();
      depth--;
      return (tok as { op: string }).op === '-' ? { kind: 'neg', arg } : arg;
    }
    return power();
  }

  // ^ is right-associative: 2^3^2 = 2^(3^2).
  function power(): Expr {
    const base = primary();
    const tok = peek();
    if (isOp(tok, '^')) {
      p++;
      enter(tok.at);
      const exponent = unary();
      depth--;
      return { kind: 'bin', op: '^', left: base, right: exponent };
    }
    return base;
  }

  function primary(): Expr {
    const tok = peek();
    if (tok.t === 'num') {
      p++;
      return { kind: 'num', value: tok.value };
    }
    if (tok.t === 'id') {
      p++;
      if (tok.name === 'x') return { kind: 'x' };
      if (!Object.hasOwn(FUNCTIONS, tok.name)) {
        throw new ExpressionError(
          `unknown name "${tok.name}" (use x for the signal value, or one of ${FUNCTION_NAMES.join(', ')})`,
          tok.at,
        );
      }
      const fn = tok.name as FunctionName;
      if (!isOp(peek(), '(')) throw new ExpressionError(`expected "(" after function ${fn}`, peek().at);
      p++;
      enter(tok.at);
      const args: Expr[] = [];
      if (!isOp(peek(), ')')) {
        args.push(additive());
        while (isOp(peek(), ',')) {
          p++;
          args.push(additive());
        }
      }
      expect(')');
      depth--;
      const [lo, hi] = FUNCTIONS[fn].arity;
      if (args.length < lo || args.length > hi) {
        const want = lo === hi ? `${lo}` : `${lo} to ${hi}`;
        throw new ExpressionError(`${fn} takes ${want} argument${hi === 1 ? '' : 's'}, got ${args.length}`, tok.at);
      }
      return { kind: 'call', fn, args };
    }
    if (isOp(tok, '(')) {
      p++;
      enter(tok.at);
      const inner = additive();
      expect(')');
      depth--;
      return inner;
    }
    throw new ExpressionError(`expected a number, x, a function or "(" but found ${describe(tok)}`, tok.at);
  }

  const expr = additive();
  const rest = peek();
  if (rest.t !== 'eof') throw new ExpressionError(`unexpected ${describe(rest)} after a complete expression`, rest.at);
  return expr;
}

/** Evaluates by walking the tree; division by zero follows IEEE (Infinity/NaN), never throws. */
export function evaluate(expr: Expr, x: number): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'x':
      return x;
    case 'neg':
      return -evaluate(expr.arg, x);
    case 'bin':
      return applyOp(expr.op, evaluate(expr.left, x), evaluate(expr.right, x));
    case 'call':
      return FUNCTIONS[expr.fn].impl(expr.args.map((a) => evaluate(a, x)));
  }
}

function applyOp(op: '+' | '-' | '*' | '/' | '%' | '^', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
  }
}

/**
 * Turns the tree into nested closures once, so the hot path pays no switch per node per frame.
 * Still no code generation from user text: each closure is one of a fixed set.
 */
export function compileExpression(expr: Expr): (x: number) => number {
  switch (expr.kind) {
    case 'num': {
      const v = expr.value;
      return () => v;
    }
    case 'x':
      return (x) => x;
    case 'neg': {
      const f = compileExpression(expr.arg);
      return (x) => -f(x);
    }
    case 'bin': {
      const l = compileExpression(expr.left);
      const r = compileExpression(expr.right);
      switch (expr.op) {
        case '+':
          return (x) => l(x) + r(x);
        case '-':
          return (x) => l(x) - r(x);
        case '*':
          return (x) => l(x) * r(x);
        case '/':
          return (x) => l(x) / r(x);
        case '%':
          return (x) => l(x) % r(x);
        case '^':
          return (x) => l(x) ** r(x);
      }
      break;
    }
    case 'call': {
      const impl = FUNCTIONS[expr.fn].impl;
      const args = expr.args.map(compileExpression);
      if (args.length === 1) {
        const a0 = args[0];
        return (x) => impl([a0(x)]);
      }
      return (x) => impl(args.map((a) => a(x)));
    }
  }
  throw new Error('unreachable expression node');
}

/** Whether the expression reads x at all (a constant transform is almost always a mistake). */
export function usesX(expr: Expr): boolean {
  switch (expr.kind) {
    case 'x':
      return true;
    case 'num':
      return false;
    case 'neg':
      return usesX(expr.arg);
    case 'bin':
      return usesX(expr.left) || usesX(expr.right);
    case 'call':
      return expr.args.some(usesX);
  }
}
