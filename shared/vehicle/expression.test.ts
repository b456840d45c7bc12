import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileExpression, evaluate, ExpressionError, parseExpression, usesX, type Expr } from './expression';

const run = (src: string, x = 0): number => evaluate(parseExpression(src), x);

function errorAt(src: string): { offset: number; message: string } {
  try {
    parseExpression(src);
  } catch (e) {
    if (e instanceof ExpressionError) return { offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error(`expected a syntax error for ${src}`);
}

describe('parseExpression / evaluate', () => {
  it('follows the usual precedence and associativity', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('64 / 4 / 2')).toBe(8);
    expect(run('2 ^ 3 ^ 2')).toBe(512);
    expect(run('-2 ^ 2')).toBe(-4);
    expect(run('2 ^ -1')).toBe(0.5);
    expect(run('7 % 4 * 2')).toBe(6);
    expect(run('--x', 5)).toBe(5);
    expect(run('+x', 5)).toBe(5);
    expect(run('1.5e2 + .5')).toBe(150.5);
  });

  it('evaluates x and the functions', () => {
    expect(run('floor(x * 0.5) - 40', 101)).toBe(10);
    expect(run('ceil(x / 3)', 7)).toBe(3);
    expect(run('round(x)', 2.5)).toBe(3);
    expect(run('trunc(x)', -2.7)).toBe(-2);
    expect(run('abs(x - 10)', 3)).toBe(7);
    expect(run('min(x, 100, 50)', 70)).toBe(50);
    expect(run('max(0, x)', -4)).toBe(0);
    expect(run('sqrt(x)', 16)).toBe(4);
  });

  it('divides by zero the IEEE way instead of throwing', () => {
    expect(run('1 / x', 0)).toBe(Infinity);
    expect(Number.isNaN(run('x % 0', 3))).toBe(true);
  });

  it('locates syntax errors at the offending character', () => {
    expect(errorAt('x * ')).toMatchObject({ offset: 4, message: expect.stringContaining('end of expression') });
    expect(errorAt('x $ 2')).toMatchObject({ offset: 2, message: expect.stringContaining('"$"') });
    expect(errorAt('flor(x)')).toMatchObject({ offset: 0, message: expect.stringContaining('unknown name "flor"') });
    expect(errorAt('(x + 1')).toMatchObject({ offset: 6, message: expect.stringContaining('expected ")"') });
    expect(errorAt('x 2')).toMatchObject({ offset: 2, message: expect.stringContaining('after a complete expression') });
    expect(errorAt('abs(x, 2)')).toMatchObject({ offset: 0, message: 'abs takes 1 argument, got 2' });
    expect(errorAt('min()')).toMatchObject({ offset: 0 });
    expect(errorAt('floor')).toMatchObject({ offset: 5, message: expect.stringContaining('expected "("') });
    expect(errorAt('1.2.3')).toMatchObject({ offset: 0, message: expect.stringContaining('malformed number') });
    expect(errorAt('')).toMatchObject({ offset: 0 });
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    expect(errorAt('('.repeat(200) + 'x' + ')'.repeat(200)).message).toMatch(/nested deeper/);
    expect(errorAt('-'.repeat(200) + 'x').message).toMatch(/nested deeper/);
    expect(errorAt(Array(100).fill('x').join('^')).message).toMatch(/nested deeper/);
  });

  it('knows whether x is used', () => {
    expect(usesX(parseExpression('floor(x)'))).toBe(true);
    expect(usesX(parseExpression('3 + 4'))).toBe(false);
  });
});

// Reference: a random AST printed fully parenthesised must parse back to the same value,
// and the compiled closure must agree with the tree walker.
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant<Expr>({ kind: 'x' }),
  fc.integer({ min: 0, max: 1000 }).map((v): Expr => ({ kind: 'num', value: v })),
);
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('e').map((arg): Expr => ({ kind: 'neg', arg })),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/', '%', '^' as const), tie('e'), tie('e'))
      .map(([op, left, right]): Expr => ({ kind: 'bin', op, left, right })),
    fc
      .tuple(fc.constantFrom('floor', 'ceil', 'round', 'abs' as const), tie('e'))
      .map(([fn, a]): Expr => ({ kind: 'call', fn, args: [a] })),
    fc.tuple(fc.constantFrom('min', 'max' as const), tie('e'), tie('e')).map(
      ([fn, a, b]): Expr => ({ kind: 'call', fn, args: [a, b] }),
    ),
  ),
})).e;

function print(e: Expr): string {
  switch (e.kind) {
    case 'x':
      return 'x';
    case 'num':
      return String(e.value);
    case 'neg':
      return `(-${print(e.arg)})`;
    case 'bin':
      return `(${print(e.left)} ${e.op} ${print(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(print).join(', ')})`;
  }
}

function reference(e: Expr, x: number): number {
  switch (e.kind) {
    case 'x':
      return x;
    case 'num':
      return e.value;
    case 'neg':
      return -reference(e.arg, x);
    case 'bin': {
      const a = reference(e.left, x);
      const b = reference(e.right, x);
      return { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b, '^': Math.pow(a, b) }[e.op];
    }
    case 'call':
      return (Math[e.fn] as (...n: number[]) => number)(...e.args.map((a) => reference(a, x)));
  }
}

describe('expression properties', () => {
  it('parse(print(ast)) evaluates like a reference evaluator, compiled or walked', () => {
    fc.assert(
      fc.property(exprArb, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (ast, x) => {
        const parsed = parseExpression(print(ast));
        const want = reference(ast, x);
        expect(evaluate(parsed, x)).toBe(want);
        expect(compileExpression(parsed)(x)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ExpressionError on random text', () => {
    const alphabet = fc.constantFrom(...'x0123456789.eE+-*/%^(), \tabcdflorunmiq$#_'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (src) => {
        try {
          const e = parseExpression(src);
          expect(typeof evaluate(e, 1.5)).toBe('number');
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
          const off = (err as ExpressionError).offset;
          expect(off).toBeGreaterThanOrEqual(0);
          expect(off).toBeLessThanOrEqual(src.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
