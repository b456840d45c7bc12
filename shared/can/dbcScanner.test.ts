// The scanner's line:column for any position, asked in file order (as the parser does) or in any other order, equals counting the newlines before it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scanner } from './dbcScanner';

function counted(text: string, pos: number) {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('Scanner.locate', () => {
  it('agrees with counting newlines, whatever the order of the questions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', 'BO_ 1 X: 8 N\n'), { minLength: 1, maxLength: 300 }).map((parts) => parts.join('')),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (text, picks, inOrder) => {
          const positions = picks.map((p) => p % (text.length + 1));
          if (inOrder) positions.sort((a, b) => a - b);
          const scanner = new Scanner(text);
          for (const pos of positions) expect(scanner.locate(pos), `position ${pos}`).toEqual(counted(text, pos));
        },
      ),
      { numRuns: 400 },
    );
  });
});
