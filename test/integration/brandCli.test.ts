// `cabin brand check` and `cabin brand new` against real pack folders: the shipped brands, a scaffolded pack, and broken ones.
import { closeSync, copyFileSync, cpSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import { CONTRAST_PAIRS } from '../../shared/brand/contrastPairs';
import { projectRoot } from '../fixtures/corpus';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';

async function cabin(args: string[], cwd = dir): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(args, { stdout, stderr, stdin: Readable.from(['']), cwd });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const fontsource = (pkg: string, file: string) => join(projectRoot, 'node_modules', '@fontsource', pkg, 'files', file);

/** A copy of the scaffolded pack "acme" under DIR/<name>/acme, changed by `edit`. */
function pack(name: string, edit: (json: Record<string, unknown>, packDir: string) => void = () => {}): string {
  const packDir = join(dir, name, 'acme');
  cpSync(join(dir, 'acme'), packDir, { recursive: true });
  const file = join(packDir, 'brand.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json, packDir);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return `${name}/acme`;
}

/** The line:col of the first line of brand.json containing `needle` (1-based, at the needle). */
function at(packPath: string, needle: string): string {
  const text = readFileSync(join(dir, packPath, 'brand.json'), 'utf8').split('\n');
  const line = text.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${packPath}/brand.json`);
  return `${packPath}/brand.json:${line + 1}:${text[line].indexOf(needle) + 1}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabin-brand-cli-'));
  const made = await cabin(['brand', 'new', 'acme', '--name', 'Acme Motors', '--name-zh', '艾克美汽车']);
  if (made.code !== 0) throw new Error(made.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cabin brand check: good packs', () => {
  it('passes the four shipped brands, summarising each on stdout', async () => {
    const r = await cabin(['brand', 'check', ...['cabin', 'aurelia', 'voltra', 'ironbark'].map((b) => join(projectRoot, 'assets', 'brands', b))]);
    expect(r.stderr).toBe('cabin brand check: 0 problems in 4 packs\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cabin: Cabin / Cabin (org.cabin.app)');
    expect(r.stdout).toContain('aurelia: Aurelia / 奥瑞莉亚 (com.aurelia.cabin)');
    expect(r.stdout).toContain('voltra: Voltra / 沃创 (com.voltra.cabin)');
    expect(r.stdout).toContain('ironbark: Ironbark / 铁木 (com.ironbark.cabin)');
    expect(r.stdout.match(new RegExp(`${CONTRAST_PAIRS.length} contrast pairs, 0 failing`, 'g'))).toHaveLength(8);
  });

  it('scaffolds a pack that passes as written', async () => {
    const r = await cabin(['brand', 'check', 'acme']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acme: Acme Motors \/ 艾克美汽车 \(com\.example\.acme\)/);
    const json = JSON.parse(readFileSync(join(dir, 'acme', 'brand.json'), 'utf8')) as { tokens: { color: { day: Record<string, string> } } };
    // Every declared colour is written out for the OEM to edit.
    expect(Object.keys(json.tokens.color.day)).toContain('textStale');
  });

  it('accepts a pack font that covers Chinese, and a Latin-only one with the bundled CJK fallback', async () => {
    const covering = pack('cjk-ok', (json, packDir) => {
      mkdirSync(join(packDir, 'fonts'));
      copyFileSync(fontsource('noto-sans-sc', 'noto-sans-sc-chinese-simplified-400-normal.woff2'), join(packDir, 'fonts', 'acme-sc.woff2'));
      copyFileSync(fontsource('inter', 'inter-latin-400-normal.woff2'), join(packDir, 'fonts', 'acme.woff2'));
      json.fonts = { text: { family: 'Acme Sans', files: [{ path: 'fonts/acme.woff2' }] }, cjk: { family: 'Acme Sans SC', files: [{ path: 'fonts/acme-sc.woff2', weight: 400 }] } };
    });
    const r = await cabin(['brand', 'check', covering]);
    expect(r.stderr).toBe('cabin brand check: 0 problems in 1 pack\n');
    expect(r.stdout).toContain('font files 2');
    const fallback = pack('cjk-fallback', (json, packDir) => {
      mkdirSync(join(packDir, 'fonts'));
      copyFileSync(fontsource('inter', 'inter-latin-400-normal.woff2'), join(packDir, 'fonts', 'acme.woff2'));
      json.fonts = { text: { family: 'Acme Sans', files: [{ path: 'fonts/acme.woff2' }] } };
    });
    expect((await cabin(['brand', 'check', fallback])).code).toBe(0);
  });

  it('prints one JSON object per pack with --json', async () => {
    const r = await cabin(['brand', 'check', 'acme', '--json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; issues: unknown[]; contrast: { mode: string; ratio: number; minimum: number; ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([]);
    expect(report.contrast).toHaveLength(CONTRAST_PAIRS.length * 2);
    expect(report.contrast[0]).toEqual({ mode: 'day', foreground: 'text', background: 'background', kind: 'body', ratio: expect.any(Number), minimum: 4.5, ok: true });
  });
});

describe('cabin brand check: bad packs, each a located error and exit 1', () => {
  it('broken JSON: line and column', async () => {
    const packDir = join(dir, 'broken-json', 'acme');
    cpSync(join(dir, 'acme'), packDir, { recursive: true });
    writeFileSync(join(packDir, 'brand.json'), '{\n  "schemaVersion": 1,\n  "id": "acme"\n  "name": {}\n}\n');
    const r = await cabin(['brand', 'check', 'broken-json/acme']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['broken-json/acme/brand.json:4:3: invalid JSON: expected "," or "}" after the value of "id", found """', 'cabin brand check: 1 problem in 1 pack']);
  });

  it('a missing font', async () => {
    const p = pack('missing-font', (json) => {
      json.fonts = { text: { family: 'Acme Sans', files: [{ path: 'fonts/acme-regular.woff2', weight: 400 }] } };
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe(`${at(p, '"path": "fonts/acme-regular.woff2"')}: fonts.text.files[0].path: fonts/acme-regular.woff2 is missing (no such file)`);
  });

  it('a font without CJK coverage given as the CJK face', async () => {
    const p = pack('no-cjk', (json, packDir) => {
      mkdirSync(join(packDir, 'fonts'));
      copyFileSync(fontsource('inter', 'inter-latin-400-normal.woff2'), join(packDir, 'fonts', 'acme.woff2'));
      json.fonts = { text: { family: 'Acme Sans', files: [{ path: 'fonts/acme.woff2' }] }, cjk: { family: 'Acme Sans', files: [{ path: 'fonts/acme.woff2' }] } };
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    const [first] = lines(r.stderr);
    expect(first.startsWith(`${p}/brand.json:`)).toBe(true);
    expect(first).toMatch(/: fonts\.cjk\.files\[0\]\.path: fonts\/acme\.woff2 does not cover Chinese: it lacks (\d+) of the \1 characters Cabin shows \(e\.g\. .+\); ship a face that covers them, or drop fonts\.cjk to fall back to the bundled Noto Sans SC$/);
  });

  it('an unreadable colour pair: ratio, the word contrast, at the token', async () => {
    const p = pack('low-contrast', (json) => {
      (json.tokens as { color: { night: Record<string, string> } }).color.night.textMuted = '#4a5560';
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    const where = at(p, '"textMuted": "#4a5560"');
    expect(lines(r.stderr)).toEqual([
      `${where}: tokens.color.night.textMuted: contrast 2.53:1 by night (and at the lowest brightness): textMuted #4a5560 on background #0b0f14 needs 4.5:1 for body text`,
      `${where}: tokens.color.night.textMuted: contrast 2.28:1 by night (and at the lowest brightness): textMuted #4a5560 on surface #141b23 needs 4.5:1 for body text`,
      `${where}: tokens.color.night.textMuted: contrast 1.92:1 by night (and at the lowest brightness): textMuted #4a5560 on surfaceRaised #1f2a35 needs 4.5:1 for body text`,
      'cabin brand check: 3 problems in 1 pack',
    ]);
  });

  it('a 40 MB logo: refused by its size, never read', async () => {
    const p = pack('huge-logo', (_json, packDir) => {
      const fd = openSync(join(packDir, 'logos', 'mark.svg'), 'w');
      ftruncateSync(fd, 40 * 1024 * 1024);
      closeSync(fd);
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    // Only the size: had it been read, 40 MB of zeros would also be "not an SVG".
    expect(lines(r.stderr)).toEqual([`${at(p, '"mark": "logos/mark.svg"')}: logos.mark: logos/mark.svg is 40.0 MB, over the 256 KB limit for a logo (not read)`, 'cabin brand check: 1 problem in 1 pack']);
  });

  it('an unknown feature flag', async () => {
    const p = pack('unknown-feature', (json) => {
      json.features = { swap: false, teleport: true };
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe(`${at(p, '"teleport"')}: features.teleport: unknown feature flag "teleport"; the features are profiles, charging, swap, reservations, climate`);
  });

  it('a tile URL that is not https', async () => {
    const p = pack('http-tiles', (json) => {
      json.map = { tiles: { url: 'http://tile.example.com/{z}/{x}/{y}.png', datum: 'WGS84', attribution: '© Example' } };
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe(`${at(p, '"url"')}: map.tiles.url: tile URLs must use https, got "http:" in "http://tile.example.com/{z}/{x}/{y}.png"`);
  });

  it('a missing logo, an undeclared token and wrong types, all at once in file order', async () => {
    const p = pack('several', (json, packDir) => {
      rmSync(join(packDir, 'logos', 'mark.svg'));
      json.defaults = { ...(json.defaults as object), language: 'fr' };
      const tokens = json.tokens as Record<string, Record<string, unknown>>;
      tokens.color = { day: { ...(tokens.color.day as object), brandPink: '#ff0099' } };
      tokens.fontSize = { ...tokens.fontSize, body: '22px' };
    });
    const r = await cabin(['brand', 'check', p]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `${at(p, '"mark"')}: logos.mark: logos/mark.svg is missing (no such file)`,
      `${at(p, '"language"')}: defaults.language: Invalid option: expected one of "en"|"zh-CN"`,
      `${at(p, '"brandPink"')}: tokens.color.day.brandPink: undeclared token "color.brandPink": a pack may override declared tokens, not add new ones`,
      `${at(p, '"body"')}: tokens.fontSize.body: expected whole pixels from 20 to 36, got "22px"`,
      'cabin brand check: 4 problems in 1 pack',
    ]);
  });

  it('a tighter-only threshold loosened, and an id that is not the folder name', async () => {
    const p = pack('looser', (json) => {
      json.drivingRestrictions = { maxListItems: 12 };
      json.id = 'acme-two';
    });
    const r = await cabin(['brand', 'check', p]);
    expect(lines(r.stderr)).toEqual([
      `${at(p, '"id"')}: id: "acme-two" is not the pack's folder name "acme"; Cabin finds a brand by its folder`,
      `${at(p, '"maxListItems"')}: drivingRestrictions.maxListItems: 12 would loosen 6 (only lower values are allowed)`,
      'cabin brand check: 2 problems in 1 pack',
    ]);
  });

  it('brand.json too large to be configuration, and a folder that is not a pack', async () => {
    const packDir = join(dir, 'big-json', 'acme');
    mkdirSync(packDir, { recursive: true });
    writeFileSync(join(packDir, 'brand.json'), `{"x": "${'a'.repeat(300 * 1024)}"}`);
    expect(lines((await cabin(['brand', 'check', 'big-json/acme'])).stderr)[0]).toBe('big-json/acme/brand.json: brand.json is 300 KB, over the 256 KB limit for brand.json (not read)');
    const r = await cabin(['brand', 'check', 'nowhere']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe(`nowhere/brand.json: ${join(dir, 'nowhere')} is not a folder (a brand pack is a folder with brand.json in it)`);
  });
});

describe('cabin brand: usage', () => {
  it('needs a folder to check and one id to scaffold', async () => {
    expect(await cabin(['brand', 'check'])).toMatchObject({ code: 2, stderr: 'cabin: give the pack folder: cabin brand check DIR (e.g. assets/brands/cabin)\n' });
    expect(await cabin(['brand', 'new'])).toMatchObject({ code: 2 });
    expect(await cabin(['brand', 'check', 'acme', '--strict'])).toMatchObject({ code: 2, stderr: "cabin: unknown flag '--strict'\n" });
  });

  it('refuses to scaffold over a folder, a bad id or a name too long', async () => {
    expect(await cabin(['brand', 'new', 'acme'])).toMatchObject({ code: 1, stderr: `cabin: ${join(dir, 'acme')} already exists and is not empty; choose another folder with --out DIR\n` });
    expect(await cabin(['brand', 'new', 'Acme Motors'])).toMatchObject({ code: 1, stderr: 'cabin: "Acme Motors" is not a brand id: use lower-case letters, digits and dashes, e.g. acme-motors\n' });
    expect(await cabin(['brand', 'new', 'wordy', '--name', 'x'.repeat(41)])).toMatchObject({ code: 1, stderr: 'cabin: name.en: a name of 1 to 40 characters; name.zh-CN: a name of 1 to 40 characters\n' });
  });

  it('scaffolds into --out and says what to do next', async () => {
    const r = await cabin(['brand', 'new', 'zenith-ev', '--out', 'packs/zenith-ev']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'packs', 'zenith-ev')}\n`);
    expect(r.stderr).toBe('cabin brand new: wrote brand.json, logos/mark.svg in packs/zenith-ev; edit them, then run "cabin brand check packs/zenith-ev"\n');
    const check = await cabin(['brand', 'check', 'packs/zenith-ev']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^zenith-ev: Zenith Ev \/ Zenith Ev/);
  });
});
