import { describe, expect, it } from 'vitest';
import { brandCssVariables, colorVariable, scaleVariable } from './cssVariables';
import { builtInBrand } from './resolvedBrand';
import { SCALE_TOKEN_NAMES } from './scaleTokens';
import { COLOR_TOKEN_NAMES } from './colorTokens';

describe('brandCssVariables', () => {
  it('names one custom property per token and writes CSS values', () => {
    const brand = builtInBrand();
    brand.tokens.scale['elevation.raised'] = 'none';
    const day = brandCssVariables(brand, 'day');
    expect(day['--cabin-color-background']).toBe('#eef1f4');
    expect(day['--cabin-color-on-accent']).toBe('#ffffff');
    expect(day['--cabin-font-size-body']).toBe('22px');
    expect(day['--cabin-font-weight-bold']).toBe('700');
    expect(day['--cabin-space-2xs']).toBe('4px');
    expect(day['--cabin-letter-spacing-label']).toBe('0em');
    expect(day['--cabin-text-case-label']).toBe('none');
    expect(day['--cabin-motion-standard']).toBe('300ms');
    expect(day['--cabin-motion-easing']).toBe('cubic-bezier(0.2, 0, 0, 1)');
    expect(day['--cabin-elevation-card']).toBe('0 1px 3px 0px var(--cabin-color-shadow)');
    expect(day['--cabin-elevation-raised']).toBe('none');
    expect(day['--cabin-icon-stroke-width']).toBe('2');
    expect(day['--cabin-font-family']).toBe('"Inter", "Noto Sans SC", sans-serif');
    expect(day).not.toHaveProperty('--cabin-icon-set');
    expect(brandCssVariables(brand, 'night')['--cabin-color-background']).toBe('#0b0f14');
    expect(Object.keys(day).length).toBe(COLOR_TOKEN_NAMES.length + SCALE_TOKEN_NAMES.length - 1 + 1);
  });

  it('gives every token a distinct name', () => {
    const names = [...COLOR_TOKEN_NAMES.map(colorVariable), ...SCALE_TOKEN_NAMES.map(scaleVariable).filter(Boolean)];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^--cabin-[a-z0-9-]+$/);
  });
});
