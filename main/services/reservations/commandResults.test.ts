// The CommandResult receiver: one unguessable URL per command, the first valid result delivered once, anything else refused and counted.
import { afterEach, describe, expect, it } from 'vitest';
import { startCommandResults, type CommandResults } from './commandResults';

let receiver: CommandResults | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('CommandResult receiver', () => {
  it('delivers a valid result once and refuses hostile posts with OCPI status codes', async () => {
    const lines: string[] = [];
    receiver = await startCommandResults((l) => lines.push(l));
    const got: unknown[] = [];
    const { url } = receiver.expect('RESERVE_NOW', (r) => got.push(r));
    expect((await post(url, '{"result":"BOOKED"}')).status).toBe(400);
    expect((await post(url, 'not json')).status).toBe(400);
    expect((await post(url, JSON.stringify({ result: 'EVSE_OCCUPIED', pad: 'x'.repeat(20_000) }))).status).toBe(413);
    expect((await post(url.replace(/[^/]+$/, 'a'.repeat(24)), '{"result":"ACCEPTED"}')).status).toBe(404);
    expect(got).toEqual([]);
    const ok = await post(url, '{"result":"ACCEPTED","message":[{"language":"en","text":"reserved"}]}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status_code: 1000 });
    expect(got).toEqual([{ result: 'ACCEPTED', message: [{ language: 'en', text: 'reserved' }] }]);
    // Once: a second post to the same URL is not delivered.
    expect((await post(url, '{"result":"ACCEPTED"}')).status).toBe(404);
    expect(got).toHaveLength(1);
    expect(receiver.refused).toBe(5);
    expect(lines.some((l) => /\$\.result/.test(l))).toBe(true);
  });
});
