// Checks a scenario's `expect` block against the end state: signal comparisons and event counts.
import type { VssValue } from '../shared/vehicle/vssValue';
import type { Expectation } from './scenario';
import type { SimEvent } from './vehicle/events';

export interface ExpectationResult {
  /** Human-readable form, e.g. `Vehicle.Speed below 1`. */
  description: string;
  pass: boolean;
  /** What was found: the signal's end value, or the number of matching events. */
  actual: VssValue | null;
}

export function evaluateExpectations(
  expectations: readonly Expectation[],
  end: Readonly<Record<string, VssValue>>,
  start: Readonly<Record<string, VssValue>>,
  events: readonly SimEvent[],
): ExpectationResult[] {
  return expectations.map((e) => (e.signal !== undefined ? checkSignal(e, e.signal, end, start) : checkEvent(e, events)));
}

function checkSignal(e: Expectation, path: string, end: Readonly<Record<string, VssValue>>, start: Readonly<Record<string, VssValue>>): ExpectationResult {
  const actual = end[path] ?? null;
  const n = typeof actual === 'number' ? actual : NaN;
  let pass: boolean;
  let description: string;
  if (e.equals !== undefined) {
    pass = actual === e.equals;
    description = `${path} equals ${JSON.stringify(e.equals)}`;
  } else if (e.notEquals !== undefined) {
    pass = actual !== null && actual !== e.notEquals;
    description = `${path} is not ${JSON.stringify(e.notEquals)}`;
  } else if (e.below !== undefined) {
    pass = n < e.below;
    description = `${path} below ${e.below}`;
  } else if (e.above !== undefined) {
    pass = n > e.above;
    description = `${path} above ${e.above}`;
  } else if (e.atLeast !== undefined) {
    pass = n >= e.atLeast;
    description = `${path} at least ${e.atLeast}`;
  } else if (e.atMost !== undefined) {
    pass = n <= e.atMost;
    description = `${path} at most ${e.atMost}`;
  } else if (e.between !== undefined) {
    pass = n >= e.between[0] && n <= e.between[1];
    description = `${path} between ${e.between[0]} and ${e.between[1]}`;
  } else {
    const changed = actual !== (start[path] ?? null);
    pass = changed === e.changed;
    description = `${path} ${e.changed ? 'changed' : 'unchanged'} (was ${JSON.stringify(start[path] ?? null)})`;
  }
  return { description, pass, actual };
}

function checkEvent(e: Expectation, events: readonly SimEvent[]): ExpectationResult {
  const kind = e.event!;
  const count = events.filter((ev) => ev.kind === kind && (e.detail === undefined || ev.detail.includes(e.detail))).length;
  const what = `${kind}${e.detail !== undefined ? ` "${e.detail}"` : ''} events`;
  if (typeof e.equals === 'number') return { description: `${what}: exactly ${e.equals}`, pass: count === e.equals, actual: count };
  const low = e.atLeast ?? (e.atMost === undefined ? 1 : 0);
  const high = e.atMost ?? Infinity;
  const description = `${what}: ${e.atMost === undefined ? `at least ${low}` : e.atLeast === undefined ? `at most ${high}` : `${low} to ${high}`}`;
  return { description, pass: count >= low && count <= high, actual: count };
}
