// `cabin swap-operator` refuses to start on bad arguments, a missing token or a stations file with errors — located by file:line:column and JSON path, before any database is opened.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import { runOperatorToExit, writeStationsFile } from '../../swap-operator/testing/operatorProcess';

const tmp = mkdtempSync(join(tmpdir(), 'cabin-swap-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TOKEN = { CABIN_OPERATOR_TOKEN: 'swap-cli-token-0123456789' };
const good = { id: 'a', name: 'A', lat: 31.2, lon: 121.5, pack_standards: ['GBT_40032'], bays: 1, ready_packs: { GBT_40032: 1 } };

describe('cabin swap-operator start-up checks', () => {
  it('refuses a stations file with errors, naming file, line, column and JSON path, and opens no database', async () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(
      file,
      [
        '[',
        '  {"id": "a", "name": "A", "lat": 31.2, "lon": 121.5, "pack_standards": ["GBT_40032"], "bays": 1, "ready_packs": {"GBT_40032": 1}},',
        '  {"id": "a", "name": "B", "lat": 31.2, "lon": 121.5, "pack_standards": ["GBT_40032"],',
        '   "bays": 0, "ready_packs": {"NIO_75": 2}, "colour": "red"}',
        ']',
      ].join('\n'),
    );
    const data = join(tmp, 'never-created');
    const r = await runOperatorToExit(['--port', '0', '--data', data, '--stations', file], TOKEN);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'cabin: the stations file has errors; nothing was started:',
      `${file}:3:4: $[1].id: id "a" is already used by $[0]`,
      `${file}:4:4: $[1].bays: Too small: expected number to be >=1`,
      `${file}:4:31: $[1].ready_packs.NIO_75: NIO_75 is not in this station's pack_standards`,
      `${file}:4:45: $[1].colour: unknown field`,
    ]);
    expect(existsSync(data)).toBe(false);
  }, 30_000);

  it('locates invalid JSON and refuses an unreadable file', async () => {
    const file = join(tmp, 'invalid.json');
    writeFileSync(file, '[\n  {"id": "a", "name": "A",\n   "lat": 31.2 "lon": 121.5}\n]\n');
    const r = await runOperatorToExit(['--port', '0', '--data', join(tmp, 'd'), '--stations', file], TOKEN);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.replaceAll('.', '\\.')}:3:16: \\$: invalid JSON`));
    const missing = await runOperatorToExit(['--port', '0', '--data', join(tmp, 'd'), '--stations', join(tmp, 'nope.json')], TOKEN);
    expect(missing).toEqual({ code: 1, stderr: `cabin: the stations file has errors; nothing was started:\n${join(tmp, 'nope.json')}: cannot read the stations file (ENOENT)\n` });
  }, 30_000);

  it('needs a token, a stations file, a database, and sane flags', async () => {
    const stations = writeStationsFile(tmp, [good], 'good.json');
    // In process: these are all refused before anything starts.
    // `null`: no CABIN_OPERATOR_TOKEN at all.
    const run = async (args: string[], token: string | null = TOKEN.CABIN_OPERATOR_TOKEN) => {
      let stderr = '';
      const sink = new Writable({ write: (chunk, _enc, done) => ((stderr += String(chunk)), done()) });
      const saved = process.env.CABIN_OPERATOR_TOKEN;
      if (token === null) delete process.env.CABIN_OPERATOR_TOKEN;
      else process.env.CABIN_OPERATOR_TOKEN = token;
      try {
        const code = await main(['swap-operator', ...args], { stdout: sink, stderr: sink, stdin: process.stdin, cwd: tmp });
        return { code, stderr };
      } finally {
        if (saved === undefined) delete process.env.CABIN_OPERATOR_TOKEN;
        else process.env.CABIN_OPERATOR_TOKEN = saved;
      }
    };
    expect(await run(['--port', '0', '--data', 'd', '--stations', stations], null)).toEqual({ code: 2, stderr: 'cabin: no token: set CABIN_OPERATOR_TOKEN or pass --token-file FILE\n' });
    expect(await run(['--port', '0', '--data', 'd'])).toEqual({ code: 2, stderr: 'cabin: --stations FILE is required; run "cabin swap-operator --help"\n' });
    expect(await run(['--port', '0', '--stations', stations])).toEqual({ code: 2, stderr: 'cabin: --data DIR (embedded database) or --database postgres://… is required\n' });
    expect(await run(['--port', '70000', '--data', 'd', '--stations', stations])).toEqual({ code: 2, stderr: 'cabin: --port must be a whole number from 0 to 65535, got "70000"\n' });
    expect(await run(['--database', 'mysql://x', '--stations', stations])).toEqual({ code: 2, stderr: 'cabin: --database must be a postgres:// or postgresql:// URL, got "mysql://x"\n' });
    expect(await run(['--colour', 'red'])).toEqual({ code: 2, stderr: 'cabin: unknown flag \'--colour\'\n' });
    expect(await run(['--port', '0', '--data', 'd', '--stations', stations], 'has space')).toEqual({ code: 2, stderr: 'cabin: CABIN_OPERATOR_TOKEN must not contain whitespace\n' });

    const tokens = join(tmp, 'tokens.txt');
    writeFileSync(tokens, '# clients\ncar-token-0123456789 fleet-a client\nstation-token-0123456789 robot station,admin\n');
    expect(await run(['--port', '0', '--data', 'd', '--stations', stations, '--token-file', tokens], null)).toEqual({
      code: 1,
      stderr: `cabin: ${tokens}:3: unknown role "admin" (roles: client, station)\n`,
    });
    expect(existsSync(join(tmp, 'd'))).toBe(false);
  }, 60_000);

  it('prints its flags with --help', async () => {
    const r = await runOperatorToExit(['--help']);
    expect(r.code).toBe(0);
  }, 30_000);
});
