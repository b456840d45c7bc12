import { describe, expect, it } from 'vitest';
import { resources } from './resources';
import { createI18n } from './i18n';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [p, s] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const en = leaves(resources.en.translation);
  const zh = leaves(resources['zh-CN'].translation);

  it('Simplified Chinese has exactly the English keys, none empty, with the same placeholders', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(en.get(key)!));
    }
  });

  it('Chinese strings are really translated (only endonyms, units and gear letters may match English)', () => {
    const allowedSame = new Set(['settings.languages.en', 'settings.languages.zh-CN', 'home.gears.P', 'home.gears.R', 'home.gears.N', 'home.gears.D']);
    // Head units write SI unit symbols the same in both languages: "{{voltage}} V", "{{power}} kW".
    const UNITS = new Set(['V', 'A', 'W', 'kW', 'kWh', 'Wh', 'km', 'km/h', 'mi', 'mph', 'm', 'mm', 'cm', '°', '°C', '°F', '%', 'h', 'min', 's', 'ms']);
    const onlyUnits = (text: string) => {
      const rest = text.replace(/\{\{\w+\}\}/g, ' ').split(/[\s·,/()–-]+/).filter(Boolean);
      return rest.every((token) => UNITS.has(token));
    };
    // Connector standards are names (CHAdeMO, CCS2, NACS), written the same in every language.
    const names = (key: string) => key.startsWith('charging.standards.');
    for (const [key, text] of zh) {
      if (allowedSame.has(key) || onlyUnits(text) || names(key)) continue;
      expect(text, key).not.toBe(en.get(key));
    }
  });

  it('an i18n instance interpolates in both languages', () => {
    expect(createI18n('en').t('about.version', { version: '1.0' })).toBe('Version 1.0');
    expect(createI18n('zh-CN').t('about.version', { version: '1.0' })).toBe('版本 1.0');
  });
});
