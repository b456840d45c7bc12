// The gateway's front door on its socket.io server: caps connections still unauthenticated, then checks Origin, token (slowing repeated bad ones) and protocol.
import type { Server } from 'socket.io';
import { GATEWAY_PROTOCOL, type RefusalCode } from '../shared/gateway/protocol';
import { sameSecret, type Admission } from './admission';

export interface HandshakeOptions {
  token: string;
  readOnlyToken?: string;
  admission: Admission;
  /** Connections that have not passed the handshake, at most; more are closed at once. */
  maxUnauthenticated: number;
  /** True during a simulated outage: every handshake is refused with `offline`. */
  isOffline(): boolean;
  /** Counters the gateway reports in its stats. */
  counts: { refusedConnections: number; delayedRefusals: number; unauthenticatedOverCap: number };
}

export interface Handshake {
  /** Connections open now that have not passed the handshake. */
  unauthenticated(): number;
}

/** A socket that passed sets `socket.data.readOnly`; socket.io's connectTimeout closes the ones that never pass. */
export function guardHandshake(io: Server, options: HandshakeOptions): Handshake {
  const { token, readOnlyToken, admission, counts } = options;
  const waiting = new Set<object>();

  io.engine.on('connection', (conn: { remoteAddress: string; close(): void; once(e: 'close', f: () => void): void }) => {
    if (waiting.size >= options.maxUnauthenticated) {
      counts.unauthenticatedOverCap++;
      admission.refused(conn.remoteAddress, 'over-cap', `closed: ${options.maxUnauthenticated} connections are already waiting to authenticate`);
      conn.close();
      return;
    }
    waiting.add(conn);
    conn.once('close', () => waiting.delete(conn));
  });
  // The namespace middleware below runs before 'connection'; only then is the connection authenticated.
  io.on('connection', (socket) => void waiting.delete(socket.conn));

  io.use((socket, next) => {
    const address = socket.handshake.address;
    const refuse = (code: RefusalCode, message: string) => {
      counts.refusedConnections++;
      admission.refused(address, code, message);
      const error = new Error(message) as Error & { data?: unknown };
      error.data = { code };
      next(error);
    };
    if (options.isOffline()) return refuse('offline', 'gateway is offline; retry later');
    const origin = socket.handshake.headers.origin;
    const badOrigin = admission.originRefusal(typeof origin === 'string' ? origin : undefined);
    if (badOrigin) return refuse('origin', badOrigin);
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    let readOnly = false;
    let refusal: [RefusalCode, string] | null = null;
    if (typeof auth.token !== 'string' || auth.token === '') {
      refusal = ['no-token', 'gateway refused the connection: no token in the handshake auth ({token, protocol})'];
    } else if (sameSecret(auth.token, token)) readOnly = false;
    else if (readOnlyToken !== undefined && sameSecret(auth.token, readOnlyToken)) readOnly = true;
    else refusal = ['bad-token', 'gateway refused the connection: wrong token'];
    if (refusal) {
      // Repeated bad tokens from one address wait longer and longer before they hear the answer.
      const [code, message] = refusal;
      const delay = admission.badTokenDelayMs(address);
      if (delay === 0) return refuse(code, message);
      counts.delayedRefusals++;
      setTimeout(() => refuse(code, message), delay);
      return;
    }
    if (auth.protocol !== GATEWAY_PROTOCOL) {
      const asked = typeof auth.protocol === 'number' ? `protocol ${auth.protocol}` : 'no protocol version';
      return refuse('protocol', `gateway refused the connection: it speaks gateway protocol ${GATEWAY_PROTOCOL}, the client sent ${asked}; update the older side`);
    }
    socket.data.readOnly = readOnly;
    next();
  });

  return { unauthenticated: () => waiting.size };
}
