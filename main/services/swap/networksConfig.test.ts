// A head unit's swap-network configuration: read when present, refused whole with file:line:col and the JSON path when wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETWORKS_FILE, readNetworksConfig } from './networksConfig';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function withFile(text: string | null) {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-swapnets-'));
  dirs.push(dir);
  if (text !== null) {
    await mkdir(join(dir, 'swap'), { recursive: true });
    await writeFile(join(dir, NETWORKS_FILE), text);
  }
  const lines: string[] = [];
  return { dir, lines, read: () => readNetworksConfig(dir, (l) => lines.push(l)) };
}

const voltswap = { id: 'voltswap', name: 'VoltSwap', url: 'https://swap.voltswap.example', token: 'a-long-client-token' };

describe('swap/networks.json', () => {
  it('none means no configured networks, silently', async () => {
    const { read, lines } = await withFile(null);
    expect(await read()).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('reads each network with its URL and token', async () => {
    const { read, lines } = await withFile(JSON.stringify({ networks: [voltswap, { ...voltswap, id: 'nio', name: 'NIO Power' }] }));
    expect(await read()).toEqual([voltswap, { ...voltswap, id: 'nio', name: 'NIO Power' }]);
    expect(lines).toEqual([]);
  });

  it('a wrong value is reported at its line and column with its JSON path, and no network is used', async () => {
    const { read, lines, dir } = await withFile('{\n  "networks": [\n    { "id": "voltswap", "name": "VoltSwap", "url": "ftp://x", "token": "t" }\n  ]\n}\n');
    expect(await read()).toEqual([]);
    expect(lines[0]).toBe(`swap: ${join(dir, NETWORKS_FILE)}:3:45: networks[0].url: an http(s) URL`);
    expect(lines.at(-1)).toContain('has mistakes; no configured swap networks until it is fixed');
  });

  it('an unknown key (a typo of "token") is refused, not ignored', async () => {
    const { read, lines } = await withFile(JSON.stringify({ networks: [{ ...voltswap, token: undefined, tokne: 'x' }] }));
    expect(await read()).toEqual([]);
    expect(lines.join('\n')).toMatch(/networks\[0\]/);
  });

  it('broken JSON is reported at its position', async () => {
    const { read, lines } = await withFile('{ "networks": [ }');
    expect(await read()).toEqual([]);
    expect(lines[0]).toMatch(/networks\.json:1:17: .*; no configured swap networks$/);
  });

  it('the same id twice is refused', async () => {
    const { read, lines } = await withFile(JSON.stringify({ networks: [voltswap, voltswap] }));
    expect(await read()).toEqual([]);
    expect(lines[0]).toContain('network "voltswap" is listed twice');
  });
});
