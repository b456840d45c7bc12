// Where the charge-point operator posts its asynchronous CommandResults: a loopback HTTP receiver with one unguessable response_url per command, each result checked before it is handed on.
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export const commandResultSchema = z.object({
  result: z.enum(['ACCEPTED', 'CANCELED_RESERVATION', 'EVSE_OCCUPIED', 'EVSE_INOPERATIVE', 'FAILED', 'NOT_SUPPORTED', 'REJECTED', 'TIMEOUT', 'UNKNOWN_RESERVATION']),
  message: z.array(z.object({ language: z.string(), text: z.string() })).optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

export interface CommandResults {
  /** A fresh response_url; `onResult` gets the first valid result posted to it. */
  expect(type: string, onResult: (result: CommandResult) => void): { url: string; forget(): void };
  /** Results refused (bad JSON, wrong shape, unknown URL), for diagnostics. */
  readonly refused: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

export async function startCommandResults(report: (line: string) => void): Promise<CommandResults> {
  const waiting = new Map<string, (result: CommandResult) => void>();
  let refused = 0;
  const answer = (res: ServerResponse, status: number, code: number, message: string) => {
    const text = JSON.stringify({ status_code: code, status_message: message, timestamp: new Date().toISOString() });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server: Server = createServer(async (req, res) => {
    const m = /^\/ocpi\/emsp\/2\.2\.1\/commands\/[A-Z_]+\/([A-Za-z0-9_-]{20,})$/.exec(req.url ?? '');
    const deliver = m ? waiting.get(m[1]) : undefined;
    if (req.method !== 'POST' || !deliver) {
      refused += 1;
      req.resume();
      return answer(res, 404, 2000, 'unknown response_url');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        refused += 1;
        return answer(res, 413, 2001, 'a CommandResult over 16 KiB');
      }
      chunks.push(chunk as Buffer);
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      refused += 1;
      report(`reservations: a CommandResult that is not JSON was refused (${(error as Error).message})`);
      return answer(res, 400, 2001, 'not JSON');
    }
    const parsed = commandResultSchema.safeParse(json);
    if (!parsed.success) {
      refused += 1;
      report(`reservations: a CommandResult was refused: ${parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return answer(res, 400, 2001, 'not a CommandResult');
    }
    waiting.delete(m![1]);
    answer(res, 200, 1000, 'Success');
    deliver(parsed.data);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    expect(type, onResult) {
      const secret = randomBytes(18).toString('base64url');
      waiting.set(secret, onResult);
      return { url: `http://127.0.0.1:${port}/ocpi/emsp/2.2.1/commands/${type}/${secret}`, forget: () => waiting.delete(secret) };
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
