// After the last statement: applies what refers back to messages and signals (VAL_, SIG_VALTYPE_, CM_, BA_, SG_MUL_VAL_), then checks multiplexing and overlaps.
import { report, type Draft } from './dbcDraft';
import type { DbcMessage, DbcSignal } from './dbcModel';
import { signalBitPositions } from './signalBits';

type ExtendedMux = Map<DbcSignal, { at: number; selector: string; ids: number[] }>;

export function resolve(draft: Draft): void {
  const { db, warnings, errors } = draft;
  const findSignal = (at: number, key: number, name: string, what: string): DbcSignal | null => {
    const message = db.messagesByKey.get(key);
    if (!message) {
      report(draft, warnings, at, `${what} refers to unknown message id ${key}`);
      return null;
    }
    const signal = draft.signalsByName.get(message)?.get(name);
    if (!signal) report(draft, warnings, at, `${what} refers to unknown signal ${name} in message ${message.name}`);
    return signal ?? null;
  };

  for (const { at, value } of draft.valueDescriptions) {
    const signal = findSignal(at, value.key, value.signal, 'VAL_');
    if (!signal) continue;
    if (typeof value.choices === 'string') {
      const table = db.valueTables.get(value.choices);
      if (!table) report(draft, warnings, at, `VAL_ refers to unknown value table ${value.choices}`);
      else signal.choices = new Map(table);
    } else {
      signal.choices = value.choices;
    }
  }

  for (const { at, value } of draft.valueTypes) {
    const signal = findSignal(at, value.key, value.signal, 'SIG_VALTYPE_');
    if (!signal) continue;
    if (value.type === 0) continue;
    const [type, bits] = value.type === 1 ? (['float32', 32] as const) : value.type === 2 ? (['float64', 64] as const) : [null, 0];
    if (!type) {
      report(draft, errors, at, `SIG_VALTYPE_ ${value.type} for ${value.signal} is not 0, 1 (float32) or 2 (float64)`);
    } else if (signal.length !== bits) {
      report(draft, errors, at, `signal ${signal.name} is ${signal.length} bits long but SIG_VALTYPE_ ${value.type} needs ${bits}`);
    } else {
      signal.valueType = type;
      signal.exactInteger = false;
    }
  }

  for (const { at, value } of draft.comments) {
    const { target, text } = value;
    if (target.kind === 'network') db.comment = text;
    else if (target.kind === 'node') {
      const node = db.nodes.find((n) => n.name === target.name);
      if (node) node.comment = text;
    } else if (target.kind === 'message') {
      const message = db.messagesByKey.get(target.key);
      if (message) message.comment = text;
      else report(draft, warnings, at, `CM_ refers to unknown message id ${target.key}`);
    } else if (target.kind === 'signal') {
      const signal = findSignal(at, target.key, target.signal, 'CM_');
      if (signal) signal.comment = text;
    }
  }

  for (const { at, value } of draft.attributeValues) {
    const { target, name } = value;
    let attrValue = value.value;
    const def = db.attributeDefinitions.get(name);
    if (def?.valueType === 'ENUM' && typeof attrValue === 'number' && def.enumValues[attrValue] !== undefined) {
      attrValue = def.enumValues[attrValue];
    }
    if (target.kind === 'network') db.attributes.set(name, attrValue);
    else if (target.kind === 'message') {
      const message = db.messagesByKey.get(target.key);
      if (message) message.attributes.set(name, attrValue);
      else report(draft, warnings, at, `BA_ "${name}" refers to unknown message id ${target.key}`);
    } else if (target.kind === 'signal') {
      const signal = findSignal(at, target.key, target.signal, `BA_ "${name}"`);
      if (signal) signal.attributes.set(name, attrValue);
    }
  }

  const defaultOf = (name: string): number | string | null => db.attributeDefinitions.get(name)?.defaultValue ?? null;
  const cycleDefault = defaultOf('GenMsgCycleTime');
  const formatDefault = defaultOf('VFrameFormat');
  for (const message of db.messages) {
    const cycle = message.attributes.get('GenMsgCycleTime') ?? cycleDefault;
    const cycleMs = typeof cycle === 'number' ? cycle : typeof cycle === 'string' ? Number(cycle) : NaN;
    message.cycleTimeMs = Number.isFinite(cycleMs) && cycleMs > 0 ? cycleMs : null;
    const format = message.attributes.get('VFrameFormat') ?? formatDefault;
    message.frameFormat = format === null ? null : String(format);
    if (typeof format === 'string' && /_FD$/.test(format)) message.fd = true;
  }

  const extendedBySignal: ExtendedMux = new Map();
  for (const { at, value } of draft.extendedMux) {
    const signal = findSignal(at, value.key, value.signal, 'SG_MUL_VAL_');
    if (signal) extendedBySignal.set(signal, { at, selector: value.selector, ids: value.ids });
  }

  for (const message of db.messages) resolveMultiplexing(message, draft, extendedBySignal);
  for (const message of db.messages) checkOverlaps(message, draft);
}

/** Gives each multiplexed signal its selector (the one `M` of the message, or SG_MUL_VAL_'s), then breaks selector loops. */
function resolveMultiplexing(message: DbcMessage, draft: Draft, extendedBySignal: ExtendedMux): void {
  const plainSelectors = message.signals.filter((sg) => sg.isMultiplexer && draft.muxMarks.get(sg)?.muxId === null);
  const byName = new Map(message.signals.map((sg) => [sg.name, sg]));
  for (const signal of message.signals) {
    const extended = extendedBySignal.get(signal);
    if (extended) {
      const selector = byName.get(extended.selector);
      if (!selector) {
        report(draft, draft.errors, extended.at, `SG_MUL_VAL_: ${extended.selector} is not a signal of message ${message.name}`);
        signal.multiplexerIds = null;
        continue;
      }
      if (!selector.isMultiplexer) {
        report(draft, draft.warnings, extended.at, `SG_MUL_VAL_: ${extended.selector} is used as a multiplexer but is not marked M`);
        selector.isMultiplexer = true;
      }
      signal.multiplexerSignal = selector.name;
      signal.multiplexerIds = extended.ids;
      continue;
    }
    const mark = draft.muxMarks.get(signal);
    if (mark?.muxId === null || mark === undefined) continue;
    if (plainSelectors.length === 1 && plainSelectors[0] !== signal) {
      signal.multiplexerSignal = plainSelectors[0].name;
    } else {
      report(
        draft,
        draft.errors,
        signal.location,
        plainSelectors.length === 0
          ? `signal ${signal.name} is multiplexed (m${mark.muxId}) but message ${message.name} has no M selector`
          : `signal ${signal.name} is multiplexed (m${mark.muxId}) but message ${message.name} has several selectors and no SG_MUL_VAL_ says which`,
      );
      signal.multiplexerIds = null;
    }
  }
  breakSelectorLoops(message, draft, byName);
  message.multiplexed = message.signals.some((sg) => sg.isMultiplexer);
}

/**
 * A selector chain must end at an unconditional signal. Each loop is reported once, at the first signal (in file
 * order) that leads into it, and every signal on that path becomes unconditional. Chains already known to end
 * well are not walked again, so a long chain costs linear time.
 */
function breakSelectorLoops(message: DbcMessage, draft: Draft, byName: Map<string, DbcSignal>): void {
  const endsWell = new Set<DbcSignal>();
  for (const signal of message.signals) {
    if (signal.multiplexerSignal === null) continue;
    const seen = new Set<DbcSignal>();
    let cursor: DbcSignal | undefined = signal;
    while (cursor && cursor.multiplexerSignal !== null && !endsWell.has(cursor)) {
      if (seen.has(cursor)) {
        report(draft, draft.errors, signal.location, `signal ${signal.name}: multiplexer chain loops back on itself`);
        for (const sg of seen) {
          sg.multiplexerSignal = null;
          sg.multiplexerIds = null;
        }
        break;
      }
      seen.add(cursor);
      cursor = byName.get(cursor.multiplexerSignal);
    }
    for (const sg of seen) endsWell.add(sg);
    endsWell.add(signal);
  }
}

/** First signal (index + 1) owning each payload bit, reused message after message; 0 = free. */
const firstOwner = new Int32Array(64 * 8);

/** Signals whose bits overlap while both can be present in one frame: a warning (real files have them). */
function checkOverlaps(message: DbcMessage, draft: Draft): void {
  const signals = message.signals;
  // Bits owned by more than one signal: the later owners, in file order. Rare, so kept apart from firstOwner.
  const moreOwners = new Map<number, number[]>();
  let byName: Map<string, DbcSignal> | null = null;
  // Each pair is judged once, however many bits it shares.
  const judged = new Set<number>();
  const touched: number[] = [];
  for (let j = 0; j < signals.length; j++) {
    const signal = signals[j];
    for (const p of signalBitPositions(signal)) {
      const first = firstOwner[p] - 1;
      if (first < 0) {
        firstOwner[p] = j + 1;
        touched.push(p);
        continue;
      }
      let more = moreOwners.get(p);
      if (!more) moreOwners.set(p, (more = []));
      for (let k = -1; k < more.length; k++) {
        const i = k < 0 ? first : more[k];
        const pair = i * signals.length + j;
        if (judged.has(pair)) continue;
        judged.add(pair);
        const other = signals[i];
        if (exclusive(other, signal, (byName ??= new Map(signals.map((sg) => [sg.name, sg]))))) continue;
        report(draft, draft.warnings, signal.location, `signals ${other.name} and ${signal.name} overlap in message ${message.name}`);
      }
      more.push(j);
    }
  }
  for (const p of touched) firstOwner[p] = 0;
}

/** True when two signals can never be present in the same frame (their chains need different values of one selector). */
function exclusive(a: DbcSignal, b: DbcSignal, byName: Map<string, DbcSignal>): boolean {
  const chainA = selectorChain(a, byName);
  for (const [selector, idsB] of selectorChain(b, byName)) {
    const idsA = chainA.get(selector);
    if (!idsA) continue;
    const setA = new Set(idsA);
    if (!idsB.some((id) => setA.has(id))) return true;
  }
  return false;
}

function selectorChain(signal: DbcSignal, byName: Map<string, DbcSignal>): Map<string, number[]> {
  const chain = new Map<string, number[]>();
  let cursor: DbcSignal | undefined = signal;
  while (cursor && cursor.multiplexerSignal !== null && !chain.has(cursor.multiplexerSignal)) {
    chain.set(cursor.multiplexerSignal, cursor.multiplexerIds ?? []);
    cursor = byName.get(cursor.multiplexerSignal);
  }
  return chain;
}
