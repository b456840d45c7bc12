import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../test/fixtures/corpus';

/** Every reason the profiles service sends the screen is a translation key: each must exist in English and Chinese. */
describe('the reasons the profiles service gives', () => {
  const here = join(projectRoot, 'main', 'services', 'profiles');
  const sources = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(here, f), 'utf8'))
    .join('\n');
  // A key built at run time (`ux.refused.${refused}`) ends in a dot here: the restriction engine's keys are added below.
  const keys = new Set([...sources.matchAll(/key: [`'"]((?:profiles|ux)\.[A-Za-z.]+)/g)].map((m) => m[1]).filter((k) => !k.endsWith('.')));
  // The restriction engine's refusals reach the screen through the same field.
  keys.add('ux.refused.parkedOnly');
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

  it.each(['en', 'zh-CN'])('are all in %s', (language) => {
    const strings = JSON.parse(readFileSync(join(projectRoot, 'assets', 'locales', language, 'translation.json'), 'utf8'));
    expect(keys.size).toBeGreaterThan(12);
    expect([...keys].filter((key) => typeof lookup(strings, key) !== 'string')).toEqual([]);
  });
});
