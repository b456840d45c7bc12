// Server-sent events of booking status: one shared poll of the events table for every open stream, so changes made by any operator process on the database reach every watcher.
import type { ServerResponse } from 'node:http';
import { isTerminal, type BookingStatus } from '../../shared/swap/bookingMachine';
import { SWAP_PROTOCOL_VERSION, type ProtocolBooking, type ProtocolBookingEvent } from '../../shared/swap/protocol';
import type { Sql } from '../db/database';
import { iso, ms } from '../store/values';

interface Watcher {
  bookingId: string;
  lastSeq: number;
  res: ServerResponse;
}

export interface EventHub {
  /** Starts streaming to `res`: the current booking at once, then every later event, until a terminal status or the client leaves. */
  open(res: ServerResponse, booking: ProtocolBooking, afterSeq: number): Promise<void>;
  size(): number;
  close(): void;
}

interface EventRow {
  seq: unknown;
  booking_id: string;
  status: BookingStatus;
  reason: string | null;
  at: unknown;
}

function eventJson(r: EventRow): ProtocolBookingEvent {
  return { seq: Number(r.seq), booking_id: r.booking_id, status: r.status, at: iso(ms(r.at)), reason: r.reason };
}

/** Events of one booking after `afterSeq`, oldest first (also the polling endpoint's answer). */
export async function eventsAfter(sql: Sql, bookingIds: string[], afterSeq: number, limit = 500): Promise<ProtocolBookingEvent[]> {
  const { rows } = await sql.query<EventRow>(
    'SELECT seq, booking_id, status, reason, at FROM swap_booking_events WHERE booking_id = ANY($1::text[]) AND seq > $2 ORDER BY seq LIMIT $3',
    [bookingIds, afterSeq, limit],
  );
  return rows.map(eventJson);
}

function write(res: ServerResponse, event: string, id: number, data: unknown): void {
  res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Events of one booking are written under that booking's row lock, so their sequence numbers
 * commit in order: "seq > last seen" per booking never skips one (a global tail could).
 */
export function createEventHub(opts: {
  sql: Sql;
  intervalMs: number;
  readBooking: (id: string) => Promise<ProtocolBooking | null>;
  onError: (error: unknown) => void;
}): EventHub {
  const watchers = new Set<Watcher>();
  let busy = false;

  const poll = async () => {
    if (busy || watchers.size === 0) return;
    busy = true;
    try {
      const ids = [...new Set([...watchers].map((w) => w.bookingId))];
      const from = Math.min(...[...watchers].map((w) => w.lastSeq));
      const events = await eventsAfter(opts.sql, ids, from, 5000);
      for (const id of ids) {
        const mine = events.filter((e) => e.booking_id === id);
        const streams = [...watchers].filter((w) => w.bookingId === id && mine.some((e) => e.seq > w.lastSeq));
        if (streams.length === 0) continue;
        const booking = await opts.readBooking(id);
        for (const w of streams) deliver(w, mine, booking);
      }
    } catch (error) {
      opts.onError(error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), opts.intervalMs);
  // Comments keep proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => {
    for (const w of watchers) w.res.write(': keep-alive\n\n');
  }, 15_000);

  function deliver(w: Watcher, events: ProtocolBookingEvent[], booking: ProtocolBooking | null) {
    for (const e of events) if (e.seq > w.lastSeq) write(w.res, 'status', e.seq, e);
    w.lastSeq = Math.max(w.lastSeq, ...events.map((e) => e.seq));
    if (booking) write(w.res, 'booking', w.lastSeq, booking);
    if (booking && isTerminal(booking.status)) finish(w);
  }

  function finish(w: Watcher) {
    watchers.delete(w);
    w.res.end();
  }

  return {
    async open(res, booking, afterSeq) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'Swap-Protocol-Version': SWAP_PROTOCOL_VERSION,
      });
      res.write('retry: 2000\n\n');
      const w: Watcher = { bookingId: booking.id, lastSeq: afterSeq, res };
      res.on('close', () => watchers.delete(w));
      // What happened since the client's last event, then the booking as it is now.
      deliver(w, await eventsAfter(opts.sql, [booking.id], afterSeq), booking);
      if (!res.writableEnded) watchers.add(w);
    },
    size: () => watchers.size,
    close() {
      clearInterval(timer);
      clearInterval(heartbeat);
      for (const w of [...watchers]) finish(w);
    },
  };
}
