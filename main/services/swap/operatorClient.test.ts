// The protocol client against hostile answers on loopback: not JSON, too large, the wrong shape, a protocol error, nobody listening, nobody answering — each a different, clear failure; and the clock offset from server_time.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOperatorClient } from './operatorClient';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
});

async function serve(answer: (res: ServerResponse, url: string) => void): Promise<string> {
  const server = createServer((req, res) => answer(res, req.url ?? ''));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const client = (url: string, extra = {}) => createOperatorClient({ url, token: 't', timeoutMs: 1000, ...extra });

describe('operator client', () => {
  it('tells a protocol refusal from a malformed answer', async () => {
    const url = await serve((res, path) => {
      if (path.includes('/bookings/known')) json(res, 404, { error: { code: 'BOOKING_NOT_FOUND', message: 'no booking known', details: { id: 'known' } } });
      else if (path.includes('/bookings/html')) json(res, 502, '<html>bad gateway</html>');
      else if (path.includes('/bookings/bare')) json(res, 500, { oops: true });
      else json(res, 200, { id: 'x', status: 'HACKED' });
    });
    const c = client(url);
    expect(await c.get('known')).toEqual({ ok: false, failure: { kind: 'refused', status: 404, code: 'BOOKING_NOT_FOUND', message: 'no booking known', details: { id: 'known' } } });
    expect(await c.get('html')).toMatchObject({ ok: false, failure: { kind: 'malformed', message: expect.stringMatching(/HTTP 502: the answer is not JSON/) } });
    expect(await c.get('bare')).toMatchObject({ ok: false, failure: { kind: 'malformed', message: expect.stringMatching(/HTTP 500 without a protocol error body/) } });
    // A 200 that is not a booking: located by JSON path, never trusted.
    const wrong = await c.get('other');
    expect(wrong).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
    if (!wrong.ok) expect(wrong.failure.message).toMatch(/\$\.status: /);
  });

  it('refuses an answer over its size limit, declared or streamed', async () => {
    const url = await serve((res, path) => {
      const big = JSON.stringify({ stations: [], server_time: new Date().toISOString(), pad: 'x'.repeat(300_000) });
      if (path.includes('chunked')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(big.slice(0, 150_000));
        res.end(big.slice(150_000));
      } else json(res, 200, big);
    });
    const c = client(url, { maxBytes: 100_000 });
    expect(await c.stations()).toMatchObject({ ok: false, failure: { kind: 'malformed', message: expect.stringMatching(/over the 100000 accepted/) } });
    const streamed = await createOperatorClient({ url: `${url}/chunked`, token: 't', maxBytes: 100_000 }).stations();
    expect(streamed).toMatchObject({ ok: false, failure: { kind: 'malformed', message: expect.stringMatching(/over 100000 bytes/) } });
  });

  it('knows a request that never reached anyone from one whose answer was lost', async () => {
    const closedPort = await new Promise<number>((done) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => done(port));
      });
    });
    expect(await client(`http://127.0.0.1:${closedPort}`).get('b')).toMatchObject({ ok: false, failure: { kind: 'unreachable', message: expect.stringMatching(/ECONNREFUSED/) } });
    const silent = await serve(() => undefined);
    expect(await client(silent, { timeoutMs: 200 }).get('b')).toMatchObject({ ok: false, failure: { kind: 'lost', message: 'no answer within 200 ms' } });
    const hangUp = await serve((res) => res.socket?.destroy());
    expect(await client(hangUp).get('b')).toMatchObject({ ok: false, failure: { kind: 'lost' } });
  });

  it('measures the operator clock against the car clock from server_time', async () => {
    const skew = 3_600_000;
    const url = await serve((res) => json(res, 200, { stations: [], server_time: new Date(Date.now() + skew).toISOString() }));
    const answer = await client(url).stations();
    if (!answer.ok) throw new Error(answer.failure.message);
    expect(Math.abs(answer.clockOffsetMs - skew)).toBeLessThan(1000);
  });
});
