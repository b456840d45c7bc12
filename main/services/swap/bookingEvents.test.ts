// The booking-event follower against a real stream on loopback: events heard as they come, a dropped stream resumed after its last event id, an answer that is not a stream or an event that never ends refused and said once, and close() ends it all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/fixtures/until';
import { followBookingEvents, type EventFollower } from './bookingEvents';
import { createOperatorClient } from './operatorClient';

const servers: Server[] = [];
const followers: EventFollower[] = [];
afterEach(async () => {
  for (const f of followers.splice(0)) f.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
});

interface Request {
  url: string;
  lastEventId: string | undefined;
  authorization: string | undefined;
  accept: string | undefined;
  closed: boolean;
}

/** A server whose n-th request (0-based) is answered by `answer`; every request is recorded, with whether the client went away. */
async function serve(answer: (res: ServerResponse, n: number, req: IncomingMessage) => void) {
  const requests: Request[] = [];
  const server = createServer((req, res) => {
    const r: Request = { url: req.url ?? '', lastEventId: req.headers['last-event-id'] as string | undefined, authorization: req.headers.authorization, accept: req.headers.accept, closed: false };
    requests.push(r);
    res.on('close', () => (r.closed = true));
    answer(res, requests.length - 1, req);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const stream = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.flushHeaders();
};
const event = (res: ServerResponse, id: number, status: string) => res.write(`id: ${id}\nevent: status\ndata: ${JSON.stringify({ seq: id, status })}\n\n`);

function follow(url: string, extra: Partial<Parameters<typeof followBookingEvents>[0]> = {}) {
  const heard: number[] = [];
  const reports: string[] = [];
  const client = createOperatorClient({ url, token: 'car-token-0123456789' });
  const follower = followBookingEvents({
    open: (lastEventId, signal) => client.events('bk 1', lastEventId, signal),
    onEvent: () => heard.push(Date.now()),
    report: (line) => reports.push(line),
    minRetryMs: 10,
    maxRetryMs: 50,
    ...extra,
  });
  followers.push(follower);
  return { follower, heard, reports };
}

describe('booking events', () => {
  it('hears each event as it comes, asks with the token for an event stream, and resumes after the last id when the stream drops', async () => {
    let first: ServerResponse | null = null;
    const { url, requests } = await serve((res, n) => {
      stream(res);
      res.write('retry: 2000\n\n');
      if (n === 0) {
        first = res;
        event(res, 7, 'CONFIRMED');
      } else event(res, 9, 'SWAPPING');
    });
    const { follower, heard } = follow(url);
    await until(() => heard.length === 1 && follower.following, 'the first event');
    expect(requests[0]).toMatchObject({ url: '/swap/v1/bookings/bk%201/events', authorization: 'Bearer car-token-0123456789', accept: 'text/event-stream', lastEventId: undefined });
    // A keep-alive comment is not an event.
    first!.write(': keep-alive\n\n');
    event(first!, 8, 'ARRIVED');
    await until(() => heard.length === 2, 'the second event on the same stream');
    // The operator restarts: the stream ends and the follower comes back from where it was.
    first!.end();
    await until(() => heard.length === 3, 'the event after reconnecting');
    expect(requests).toHaveLength(2);
    expect(requests[1].lastEventId).toBe('8');
  });

  it('an answer that is not an event stream is said once, retried, and never counts as following', async () => {
    const { url, requests } = await serve((res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BOOKING_NOT_FOUND', message: 'no such booking' } }));
    });
    const { follower, heard, reports } = follow(url);
    await until(() => requests.length >= 4, 'several attempts');
    expect(follower.following).toBe(false);
    expect(heard).toEqual([]);
    expect(reports).toEqual(['swap: booking events unavailable, following by polling (HTTP 404 application/json)']);
  });

  it('an event that never ends is cut off at its size limit instead of growing without bound', async () => {
    const { url, requests } = await serve((res, n) => {
      stream(res);
      if (n === 0) res.write(`data: ${'x'.repeat(64 * 1024)}`);
      else event(res, 1, 'CONFIRMED');
    });
    const { heard, reports } = follow(url, { maxEventBytes: 16 * 1024 });
    await until(() => heard.length === 1, 'the event from the next stream');
    await until(() => requests[0].closed, 'the endless stream closed by the client');
    expect(reports[0]).toMatch(/an event over 16384 bytes/);
  });

  it('a stream that falls silent is opened again', async () => {
    const { url, requests } = await serve((res, n) => {
      stream(res);
      if (n >= 1) event(res, 1, 'CONFIRMED');
    });
    const { heard, reports } = follow(url, { silenceMs: 200 });
    await until(() => heard.length >= 1, 'the event from a later stream');
    await until(() => requests[0].closed, 'the silent stream closed by the client');
    expect(reports[0]).toMatch(/silent for 200 ms/);
  });

  it('close() ends the stream and every retry', async () => {
    const { url, requests } = await serve((res) => {
      stream(res);
      event(res, 1, 'CONFIRMED');
    });
    const { follower, heard } = follow(url);
    await until(() => heard.length === 1, 'the event');
    follower.close();
    await until(() => requests[0].closed, 'the server to see the client go');
    expect(follower.following).toBe(false);
    expect(requests).toHaveLength(1);
  });
});
