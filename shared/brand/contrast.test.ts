import { describe, expect, it } from 'vitest';
import { contrastRatio, formatRatio, hexContrast, parseHexColor, relativeLuminance } from './contrast';

describe('WCAG 2.x contrast', () => {
  it('matches the known reference values', () => {
    expect(hexContrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(hexContrast('#ffffff', '#ffffff')).toBe(1);
    // #777 on white is the classic "just fails AA" grey.
    expect(hexContrast('#777', '#fff')).toBeCloseTo(4.48, 2);
    expect(hexContrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    // WebAIM's checker: #0000ff on white 8.59, #ff0000 on white 4.00, #808080 on black 5.32.
    expect(hexContrast('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
    expect(hexContrast('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
    expect(hexContrast('#808080', '#000000')).toBeCloseTo(5.32, 2);
  });

  it('is symmetric and never below 1', () => {
    expect(hexContrast('#123456', '#abcdef')).toBe(hexContrast('#abcdef', '#123456'));
    expect(hexContrast('#3a3a3a', '#3a3a3a')).toBe(1);
  });

  it('computes relative luminance from the sRGB curve', () => {
    expect(relativeLuminance(parseHexColor('#ffffff')!)).toBe(1);
    expect(relativeLuminance(parseHexColor('#000')!)).toBe(0);
    // The green channel weighs most: 0.7152.
    expect(relativeLuminance(parseHexColor('#00ff00')!)).toBeCloseTo(0.7152, 4);
    // Below the knee the curve is linear (c / 12.92).
    expect(relativeLuminance(parseHexColor('#0a0a0a')!)).toBeCloseTo(10 / 255 / 12.92, 6);
  });

  it('parses the three hex forms and refuses the rest', () => {
    expect(parseHexColor('#abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc, a: 1 });
    expect(parseHexColor('#0d1620')).toEqual({ r: 13, g: 22, b: 32, a: 1 });
    expect(parseHexColor('#00000080')?.a).toBeCloseTo(128 / 255, 6);
    for (const bad of ['0d1620', '#12', '#12345', '#ggg', 'red', 'rgb(0,0,0)', '#1234567']) {
      expect(parseHexColor(bad)).toBeNull();
    }
    expect(() => hexContrast('red', '#fff')).toThrow(/not a colour: red/);
  });

  it('never shows a failing ratio rounded up to its threshold', () => {
    expect(formatRatio(4.478, 4.5)).toBe('4.48:1');
    expect(formatRatio(4.4996, 4.5)).toBe('4.499:1');
    expect(formatRatio(21)).toBe('21.00:1');
    expect(contrastRatio({ r: 0, g: 0, b: 0, a: 1 }, { r: 0, g: 0, b: 0, a: 1 })).toBe(1);
  });
});
