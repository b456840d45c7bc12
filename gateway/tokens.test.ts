// Tests of where gateway tokens come from: a file (trimmed, private or warned about), the environment, argv with a warning; too short is refused.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseToken, tokenTooShort } from './tokens';

const dir = mkdtempSync(join(tmpdir(), 'cabin-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOOD = 'a-token-of-24-characters';
const names = { flag: '--token', fileFlag: '--token-file', envName: 'CABIN_GATEWAY_TOKEN' };
const file = (name: string, text: string, mode = 0o600) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
};

describe('chooseToken', () => {
  it('reads a token file without its trailing newline; a private file gives no warning', async () => {
    const path = file('token', `${GOOD}\n`);
    expect(await chooseToken({ ...names, file: path, env: 'ignored-env-token-123' })).toEqual({ token: GOOD, from: `from --token-file ${path}`, warning: undefined });
  });

  it('warns about a token file others can read', async () => {
    const path = file('shared-token', GOOD, 0o644);
    expect((await chooseToken({ ...names, file: path }))?.warning).toBe(`${path} can be read by other users (mode 644); chmod 600 it`);
  });

  it('takes the environment when no flag is given, and argv with a warning about ps', async () => {
    expect(await chooseToken({ ...names, env: GOOD })).toEqual({ token: GOOD, from: 'from $CABIN_GATEWAY_TOKEN' });
    expect(await chooseToken({ ...names, argv: GOOD, env: 'env-token-is-ignored-here' })).toEqual({
      token: GOOD,
      from: 'given by --token',
      warning: '--token shows in ps and shell history; put the token in a file (--token-file FILE) or in $CABIN_GATEWAY_TOKEN',
    });
    expect(await chooseToken({ ...names })).toBeUndefined();
    expect(await chooseToken({ ...names, env: '' })).toBeUndefined();
  });

  it('refuses short tokens, empty or unreadable files, and two sources at once, in one line', async () => {
    await expect(chooseToken({ ...names, argv: 'short' })).rejects.toThrow(
      'the token given by --token is 5 bytes; gateway tokens must be at least 16 bytes (make one with: head -c 24 /dev/urandom | base64)',
    );
    await expect(chooseToken({ ...names, file: file('empty', '\n') })).rejects.toThrow(/^the token from --token-file .*empty is empty$/);
    await expect(chooseToken({ ...names, file: join(dir, 'missing') })).rejects.toThrow(`cannot read --token-file ${join(dir, 'missing')}: no such file`);
    mkdirSync(join(dir, 'a-dir'));
    await expect(chooseToken({ ...names, file: join(dir, 'a-dir') })).rejects.toThrow('it is a directory');
    await expect(chooseToken({ ...names, file: file('two', `${GOOD} ${GOOD}\n`) })).rejects.toThrow('holds more than one word');
    await expect(chooseToken({ ...names, file: file('big', 'x'.repeat(5000)) })).rejects.toThrow('a token file holds one token (at most 4096 bytes)');
    await expect(chooseToken({ ...names, argv: GOOD, file: file('t2', GOOD) })).rejects.toThrow('give the token either with --token-file or with --token, not both');
  });

  it('counts bytes, not characters', () => {
    expect(tokenTooShort('ééééééééé', 'x')).toBeNull(); // 18 bytes
    expect(tokenTooShort('a'.repeat(15), 'x')).toMatch(/is 15 bytes/);
  });
});
