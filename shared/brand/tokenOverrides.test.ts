import { describe, expect, it } from 'vitest';
import { COLOR_TOKENS, COLOR_TOKEN_NAMES, THEME_MODES, defaultColors } from './colorTokens';
import { checkContrast } from './contrastPairs';
import { SCALE_TOKENS, SCALE_TOKEN_NAMES } from './scaleTokens';
import { resolveTokens } from './tokenOverrides';
import { validateColor, validateTokenValue } from './tokenTypes';

describe('declared tokens', () => {
  it('have defaults that fit their own types, and default colours that pass every contrast pair', () => {
    for (const name of SCALE_TOKEN_NAMES) expect(validateTokenValue(SCALE_TOKENS[name].type, SCALE_TOKENS[name].default), name).toBeNull();
    for (const name of COLOR_TOKEN_NAMES) {
      for (const mode of THEME_MODES) expect(validateColor(COLOR_TOKENS[name][mode], 'alpha' in COLOR_TOKENS[name]), name).toBeNull();
    }
    for (const mode of THEME_MODES) expect(checkContrast(defaultColors(mode), mode).filter((r) => !r.ok)).toEqual([]);
  });

  it('say what each one styles', () => {
    for (const name of SCALE_TOKEN_NAMES) expect(SCALE_TOKENS[name].styles.length, name).toBeGreaterThan(10);
    for (const name of COLOR_TOKEN_NAMES) expect(COLOR_TOKENS[name].styles.length, name).toBeGreaterThan(10);
  });
});

describe('resolveTokens', () => {
  it('lays valid overrides over the defaults, per mode', () => {
    const r = resolveTokens({ color: { day: { accent: '#FF4D00' }, night: { text: '#fff' } }, radius: { card: 4 }, elevation: { card: 'none' } });
    expect(r.issues).toEqual([]);
    expect(r.tokens.color.day.accent).toBe('#ff4d00');
    expect(r.tokens.color.night.accent).toBe(COLOR_TOKENS.accent.night);
    expect(r.tokens.color.night.text).toBe('#fff');
    expect(r.tokens.scale['radius.card']).toBe(4);
    expect(r.tokens.scale['radius.control']).toBe(SCALE_TOKENS['radius.control'].default);
    expect(r.tokens.scale['elevation.card']).toBe('none');
    expect([...r.overridden.color.day]).toEqual(['accent']);
  });

  it('refuses undeclared tokens and groups, with a suggestion when one is close', () => {
    const r = resolveTokens({
      color: { day: { brandPink: '#ff00aa', textMutted: '#444' }, dusk: {} },
      radius: { huge: 40 },
      gradient: { hero: 'x' },
      space: { xxl: 48 },
    });
    expect(r.issues).toEqual([
      { path: ['tokens', 'color', 'day', 'brandPink'], message: 'undeclared token "color.brandPink": a pack may override declared tokens, not add new ones' },
      { path: ['tokens', 'color', 'day', 'textMutted'], message: 'undeclared token "color.textMutted": a pack may override declared tokens, not add new ones (did you mean "textMuted"?)' },
      { path: ['tokens', 'color', 'dusk'], message: 'colour tokens are given per mode, "day" and "night"; "dusk" is not one' },
      { path: ['tokens', 'radius', 'huge'], message: 'undeclared token "radius.huge": a pack may override declared tokens, not add new ones' },
      { path: ['tokens', 'gradient'], message: expect.stringMatching(/^undeclared token group "gradient"; the groups are color, fontSize, /) },
      { path: ['tokens', 'space', 'xxl'], message: 'undeclared token "space.xxl": a pack may override declared tokens, not add new ones (did you mean "2xl"?)' },
    ]);
    // Nothing undeclared leaks into the resolved set.
    expect(Object.keys(r.tokens.color.day)).toEqual(COLOR_TOKEN_NAMES);
    expect(Object.keys(r.tokens.scale)).toEqual(SCALE_TOKEN_NAMES);
  });

  it('refuses wrong types and out-of-range values, naming what is allowed', () => {
    const r = resolveTokens({
      color: { day: { text: 'black', shadow: '#00000080', surface: '#ffffff80' }, night: 5 },
      size: { touchTarget: 60 },
      fontSize: { body: '22px' },
      fontWeight: { bold: 750 },
      motion: { easing: 'cubic-bezier(2, 0, 0, 1)', fast: 5000 },
      icon: { set: 'material', strokeWidth: 1.3 },
    });
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toEqual({
      'tokens.color.day.text': 'expected a colour as #RGB or #RRGGBB, got "black"',
      'tokens.color.day.surface': 'expected an opaque colour (#RGB or #RRGGBB), got #ffffff80: text and surfaces may not be translucent',
      'tokens.color.night': 'expected an object of colour tokens',
      'tokens.size.touchTarget': 'expected whole pixels from 76 to 128, got 60',
      'tokens.fontSize.body': 'expected whole pixels from 20 to 36, got "22px"',
      'tokens.fontWeight.bold': 'expected a number from 100 to 900 in steps of 100, got 750',
      'tokens.motion.easing': expect.stringContaining('cubic-bezier(x1, y1, x2, y2) with x in 0–1, got "cubic-bezier(2, 0, 0, 1)"'),
      'tokens.motion.fast': 'expected milliseconds from 0 to 1000, got 5000',
      'tokens.icon.set': 'expected "lucide", got "material"',
      'tokens.icon.strokeWidth': 'expected a number from 1 to 3 in steps of 0.25, got 1.3',
    });
    // Shadows may be translucent; the refused values are not applied.
    expect(r.tokens.color.day.shadow).toBe('#00000080');
    expect(r.tokens.color.day.text).toBe(COLOR_TOKENS.text.day);
    expect([...r.invalidColors.day].sort()).toEqual(['surface', 'text']);
  });

  it('refuses a tokens value that is not an object', () => {
    expect(resolveTokens([1]).issues).toEqual([{ path: ['tokens'], message: 'expected an object of token groups' }]);
    expect(resolveTokens({ radius: 3 }).issues).toEqual([{ path: ['tokens', 'radius'], message: 'expected an object of radius tokens' }]);
  });
});

describe('validateTokenValue', () => {
  it('accepts the CSS easing forms and shadows it can write', () => {
    expect(validateTokenValue({ kind: 'easing' }, 'ease-out')).toBeNull();
    expect(validateTokenValue({ kind: 'easing' }, 'cubic-bezier(0.2, -0.5, 0.3, 1.4)')).toBeNull();
    expect(validateTokenValue({ kind: 'easing' }, 'steps(4)')).not.toBeNull();
    expect(validateTokenValue({ kind: 'shadow' }, { y: 2, blur: 8, spread: -1 })).toBeNull();
    expect(validateTokenValue({ kind: 'shadow' }, { y: 2, blur: -8 })).not.toBeNull();
    expect(validateTokenValue({ kind: 'shadow' }, { y: 2, blur: 8, color: '#000' })).not.toBeNull();
    expect(validateTokenValue({ kind: 'number', min: 0, max: 1, step: 0.05 }, 0.45)).toBeNull();
    expect(validateTokenValue({ kind: 'px', min: 0, max: 10 }, 2.5)).not.toBeNull();
    expect(validateTokenValue({ kind: 'px', min: 0, max: 10 }, Number.NaN)).not.toBeNull();
  });
});
