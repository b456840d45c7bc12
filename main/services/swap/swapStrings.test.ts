// Every message the swap and reservations services send the screen is a translation key: each must exist in English and Chinese, including those built from an operator's code or an OCPI result.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVATION_OUTCOMES } from '../../../shared/ipc/reservations';
import { BOOKING_STATUSES } from '../../../shared/swap/bookingMachine';
import { projectRoot } from '../../../test/fixtures/corpus';

const sourcesOf = (folder: string) =>
  readdirSync(join(projectRoot, 'main', 'services', folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(projectRoot, 'main', 'services', folder, f), 'utf8'))
    .join('\n');

describe('the messages the swap and reservations services give', () => {
  const sources = sourcesOf('swap') + sourcesOf('reservations');
  const keys = new Set([...sources.matchAll(/key: [`'"]((?:swap|reservations)\.[A-Za-z.]+)/g)].map((m) => m[1]).filter((k) => !k.endsWith('.')));
  // Built at run time: an operator's refusal code, a transport failure's kind, an OCPI outcome, a booking status, a status reason.
  for (const code of ['NO_PACK_AVAILABLE', 'INCOMPATIBLE_PACK_STANDARD', 'STATION_CLOSED', 'BOOKING_EXPIRED', 'NOT_AT_STATION', 'SERVICE_UNAVAILABLE', 'OTHER']) keys.add(`swap.problems.refused.${code}`);
  for (const kind of ['unreachable', 'lost', 'malformed']) keys.add(`swap.problems.${kind}`).add(`reservations.problems.${kind}`);
  keys.add('reservations.problems.refused');
  for (const outcome of RESERVATION_OUTCOMES) keys.add(`reservations.outcomes.${outcome}`);
  for (const status of BOOKING_STATUSES) keys.add(`swap.status.${status}`);
  for (const reason of ['NO_SHOW', 'STATION_FAULT', 'SWAP_NOT_STARTED', 'SWAP_TIMED_OUT', 'BOOKING_NOT_FOUND']) keys.add(`swap.reasons.${reason}`);
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

  it.each(['en', 'zh-CN'])('are all in %s', (language) => {
    const strings = JSON.parse(readFileSync(join(projectRoot, 'assets', 'locales', language, 'translation.json'), 'utf8'));
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((key) => typeof lookup(strings, key) !== 'string')).toEqual([]);
  });
});
