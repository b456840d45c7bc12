import { describe, expect, it } from 'vitest';
import { DEFAULT_UX_THRESHOLDS } from '../ux/restrictions';
import { tileOrigins } from './brandSchema';
import { CONTRAST_PAIRS } from './contrastPairs';
import { validateBrandFile, type BrandIssue } from './brandValidation';
import { builtInBrand, fontStack } from './resolvedBrand';

/** A complete, valid brand.json as an object; tests change one thing at a time. */
function pack(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'acme',
    name: { en: 'Acme', 'zh-CN': '艾克美' },
    appId: 'com.example.acme',
    logos: { mark: 'logos/mark.svg' },
    fonts: { text: { family: 'Inter' } },
    defaults: { language: 'en', distanceUnit: 'km', temperatureUnit: 'celsius', clockFormat: '24h' },
    map: { tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', datum: 'WGS84', attribution: '© OpenStreetMap contributors' } },
    ...overrides,
  };
}

const messages = (issues: BrandIssue[]) => issues.map((i) => `${i.category} ${i.path.join('.')}: ${i.message}`);

describe('validateBrandFile', () => {
  it('resolves a minimal pack: defaults for every token, all features on, the bundled CJK face', () => {
    const r = validateBrandFile(pack());
    expect(r.issues).toEqual([]);
    const brand = r.brand!;
    expect(brand.features).toEqual({ profiles: true, charging: true, swap: true, reservations: true, climate: true });
    expect(brand.fonts.cjk).toEqual({ family: 'Noto Sans SC' });
    expect(fontStack(brand)).toEqual(['Inter', 'Noto Sans SC']);
    expect(brand.tokens).toEqual(builtInBrand().tokens);
    expect(brand.drivingRestrictions).toEqual(DEFAULT_UX_THRESHOLDS);
    expect(brand.drivingRestrictions).not.toBe(DEFAULT_UX_THRESHOLDS);
    expect(brand.map.tiles).toMatchObject({ minZoom: 0, maxZoom: 19 });
    // Day and night: 2 × the declared pairs, all judged.
    expect(r.contrast.length).toBe(2 * CONTRAST_PAIRS.length);
  });

  it('turns features off and refuses an unknown feature flag by name', () => {
    expect(validateBrandFile(pack({ features: { swap: false } })).brand!.features.swap).toBe(false);
    const r = validateBrandFile(pack({ features: { swap: false, teleport: true } }));
    expect(messages(r.issues)).toEqual(['schema features.teleport: unknown feature flag "teleport"; the features are profiles, charging, swap, reservations, climate']);
    expect(r.brand).toBeNull();
  });

  it('refuses tile URLs that are not https, lack placeholders or hide credentials', () => {
    const tiles = (url: string, extra: Record<string, unknown> = {}) =>
      messages(validateBrandFile(pack({ map: { tiles: { url, datum: 'GCJ02', attribution: 'x', ...extra } } })).issues);
    expect(tiles('http://tile.example.com/{z}/{x}/{y}.png')).toEqual(['schema map.tiles.url: tile URLs must use https, got "http:" in "http://tile.example.com/{z}/{x}/{y}.png"']);
    expect(tiles('ftp://tile.example.com/{z}/{x}/{y}.png')[0]).toMatch(/must use https, got "ftp:"/);
    expect(tiles('https://tile.example.com/{z}/{x}.png')).toEqual(['schema map.tiles.url: a tile URL needs {y}']);
    expect(tiles('https://me:secret@tile.example.com/{z}/{x}/{y}.png')).toEqual(['schema map.tiles.url: a tile URL may not carry a user name or password']);
    expect(tiles('https://{s}.tile.example.com/{z}/{x}/{y}.png')).toEqual(['schema map.tiles.url: the URL uses {s}: list the subdomains in "subdomains"']);
    expect(tiles('tile.example.com/{z}/{x}/{y}')[0]).toMatch(/not a URL/);
    expect(tiles('https://{s}.tile.example.com/{z}/{x}/{y}.png', { subdomains: ['a', 'b'] })).toEqual([]);
    expect(messages(validateBrandFile(pack({ map: { tiles: { url: 'https://t.example/{z}/{x}/{y}', datum: 'BD09', attribution: 'x' } } })).issues)).toEqual([
      'schema map.tiles.datum: Invalid option: expected one of "WGS84"|"GCJ02"',
    ]);
  });

  it('names the origins tiles come from, for the content-security policy', () => {
    expect(tileOrigins({ url: 'https://{s}.Tile.example.com:8443/{z}/{x}/{y}.png?key=1', subdomains: ['a', 'b'] })).toEqual([
      'https://a.tile.example.com:8443',
      'https://b.tile.example.com:8443',
    ]);
    expect(tileOrigins({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' })).toEqual(['https://tile.openstreetmap.org']);
  });

  it('reports missing fields, wrong types and unknown keys by JSON path', () => {
    const { name: _name, ...noName } = pack();
    const r = validateBrandFile({ ...noName, id: 'Acme!', logos: { mark: '../x.svg', icon: 'a.png' }, colour: 'red', fonts: { text: { family: 'Comic Sans' } } });
    expect(messages(r.issues)).toEqual([
      'schema id: a brand id: lower-case letters, digits and dashes, starting with a letter or digit',
      'schema name: missing; expected object',
      'schema logos.mark: a path inside the pack folder (no "..", "." or empty parts)',
      'schema logos.icon: unknown key "icon"',
      'schema fonts.text.family: "Comic Sans" is not bundled with Cabin (bundled: Inter, Noto Sans SC); ship its files in "files"',
      expect.stringMatching(/^schema colour: unknown key "colour"; brand.json has schemaVersion, id, name, appId, logos, fonts, tokens,/),
    ]);
  });

  it('refuses a pack file with files for a bundled family, and a logo that is not SVG', () => {
    const r = validateBrandFile(pack({ logos: { mark: 'logos/mark.png' }, fonts: { text: { family: 'Inter', files: [{ path: 'fonts/inter.woff2' }] } } }));
    expect(messages(r.issues)).toEqual([
      'schema logos.mark: logos are SVG files (.svg)',
      'schema fonts.text.family: "Inter" is bundled with Cabin: name it without "files", or give your own face another name',
    ]);
  });

  it('reports each unreadable colour pair with its ratio and the word contrast, at the token the pack set', () => {
    const r = validateBrandFile(pack({ tokens: { color: { day: { textMuted: '#777', surfaceRaised: '#ffffff' } } } }));
    expect(r.brand).not.toBeNull();
    expect(messages(r.issues)).toEqual([
      'contrast tokens.color.day.textMuted: contrast 3.95:1 by day (and at the lowest brightness): textMuted #777 on background #eef1f4 needs 4.5:1 for body text',
      'contrast tokens.color.day.textMuted: contrast 4.48:1 by day (and at the lowest brightness): textMuted #777 on surface #ffffff needs 4.5:1 for body text',
      'contrast tokens.color.day.textMuted: contrast 4.48:1 by day (and at the lowest brightness): textMuted #777 on surfaceRaised #ffffff needs 4.5:1 for body text',
    ]);
    // Night is judged on its own: night colours were not touched.
    expect(r.contrast.filter((c) => c.mode === 'night' && !c.ok)).toEqual([]);
  });

  it('judges large text and icons at 3:1, body text at 4.5:1', () => {
    // #949494 is 3.03:1 on white and 2.68:1 on the default background: enough for the accent's icons on
    // white, never for danger's small error text.
    const r = validateBrandFile(pack({ tokens: { color: { day: { accent: '#949494', danger: '#949494', onAccent: '#000000', onDanger: '#000000' } } } }));
    const failing = r.contrast.filter((c) => !c.ok).map((c) => `${c.foreground}/${c.background} ${c.ratio.toFixed(2)} ${c.kind}`);
    expect(failing).toEqual(['danger/background 2.68 body', 'danger/surface 3.03 body', 'accent/background 2.68 large']);
  });

  it('does not judge contrast on a colour it refused', () => {
    const r = validateBrandFile(pack({ tokens: { color: { night: { text: 'white' } } } }));
    expect(messages(r.issues)).toEqual(['token tokens.color.night.text: expected a colour as #RGB or #RRGGBB, got "white"']);
    expect(r.contrast.some((c) => c.mode === 'night' && c.foreground === 'text')).toBe(false);
  });

  it('accepts tighter driving-restriction thresholds and refuses looser ones', () => {
    const tighter = validateBrandFile(pack({ drivingRestrictions: { maxListItems: 4, restrictedWhile: { idling: ['noVideo', 'noSetup', 'noKeyboard'] } } }));
    expect(tighter.issues).toEqual([]);
    expect(tighter.brand!.drivingRestrictions.maxListItems).toBe(4);
    expect(tighter.brand!.drivingRestrictions.restrictedWhile.idling).toEqual(['noKeyboard', 'noSetup', 'noVideo']);
    const looser = validateBrandFile(pack({ drivingRestrictions: { movingAboveKmh: 5, restrictedWhile: { moving: ['noVideo'] } } }));
    expect(messages(looser.issues)).toEqual([
      'restriction drivingRestrictions.movingAboveKmh: 5 would loosen 1 (only lower values are allowed)',
      expect.stringMatching(/^restriction drivingRestrictions\.restrictedWhile\.moving: drops noKeyboard, limitedLists/),
    ]);
    expect(messages(validateBrandFile(pack({ drivingRestrictions: { speedLimit: 3 } })).issues)).toEqual(['schema drivingRestrictions.speedLimit: unknown key "speedLimit"']);
  });

  it('refuses what is not an object', () => {
    expect(messages(validateBrandFile([]).issues)).toEqual(['schema : brand.json must hold one JSON object']);
    expect(messages(validateBrandFile(pack({ schemaVersion: 2 })).issues)).toEqual(['schema schemaVersion: expected 1']);
  });
});
