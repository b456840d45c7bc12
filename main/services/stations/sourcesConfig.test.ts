// A head unit's live-source configuration: read when present, refused with file:line:col and the JSON path when wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSourcesConfig, SOURCES_FILE } from './sourcesConfig';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function withFile(text: string | null): Promise<{ dir: string; lines: string[]; read: () => ReturnType<typeof readSourcesConfig> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-sources-'));
  dirs.push(dir);
  if (text !== null) {
    await mkdir(join(dir, 'stations'), { recursive: true });
    await writeFile(join(dir, SOURCES_FILE), text);
  }
  const lines: string[] = [];
  return { dir, lines, read: () => readSourcesConfig(dir, (l) => lines.push(l)) };
}

describe('stations/sources.json', () => {
  it('none means no live sources, silently', async () => {
    const { read, lines } = await withFile(null);
    expect(await read()).toEqual({ ocpi: [] });
    expect(lines).toEqual([]);
  });

  it('reads OCPI operators, Open Charge Map and the refresh interval', async () => {
    const { read } = await withFile(
      JSON.stringify({ ocpi: [{ source: 'teld', url: 'https://cpo.example/ocpi/2.2.1/locations', token: 'secret' }], ocm: { baseUrl: 'https://api.openchargemap.io/v3', apiKey: 'k' }, refreshSeconds: 120 }),
    );
    expect(await read()).toEqual({
      ocpi: [{ source: 'teld', url: 'https://cpo.example/ocpi/2.2.1/locations', token: 'secret' }],
      ocm: { baseUrl: 'https://api.openchargemap.io/v3', apiKey: 'k' },
      refreshMs: 120_000,
    });
  });

  it('a wrong value is reported at its line and column with its JSON path, and nothing is used', async () => {
    const { read, lines, dir } = await withFile('{\n  "ocpi": [\n    { "source": "teld", "url": "ftp://x" }\n  ]\n}\n');
    expect(await read()).toEqual({ ocpi: [] });
    expect(lines[0]).toBe(`stations: ${join(dir, SOURCES_FILE)}:3:25: ocpi[0].url: an http(s) URL`);
  });

  it('broken JSON is reported at its position', async () => {
    const { read, lines } = await withFile('{ "ocpi": [ }');
    expect(await read()).toEqual({ ocpi: [] });
    expect(lines[0]).toMatch(/sources\.json:1:13: .*; no live sources$/);
  });

  it('the same source twice is refused', async () => {
    const source = { source: 'a', url: 'http://127.0.0.1:9/ocpi/2.2.1/locations' };
    const { read, lines } = await withFile(JSON.stringify({ ocpi: [source, source] }));
    expect(await read()).toEqual({ ocpi: [] });
    expect(lines[0]).toContain('source "a" is listed twice');
  });
});
