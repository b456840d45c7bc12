// Every reason the stations service gives the screen (a refusal, a failed search) is a translation key that exists in English and Chinese.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../test/fixtures/corpus';
import { LIMITING_FILTERS } from '../../../shared/state/stationsSlice';

describe('the reasons the stations service gives', () => {
  const here = join(projectRoot, 'main', 'services', 'stations');
  const sources = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(here, f), 'utf8'))
    .join('\n');
  const keys = new Set([...sources.matchAll(/(?:key: |PreferenceRefused\([^)]*?, )[`'"](charging\.[A-Za-z.]+)/g)].map((m) => m[1]));
  // Refusals by the intent router for name search while driving, and every filter a search can be emptied by.
  keys.add('ux.restricted.noKeyboard');
  for (const filter of LIMITING_FILTERS) keys.add(`charging.noResults.loosen.${filter}`);
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

  it.each(['en', 'zh-CN'])('are all in %s', (language) => {
    const strings = JSON.parse(readFileSync(join(projectRoot, 'assets', 'locales', language, 'translation.json'), 'utf8'));
    expect(keys.size).toBeGreaterThan(15);
    expect([...keys].filter((key) => typeof lookup(strings, key) !== 'string')).toEqual([]);
  });
});
