// JSON replies and protocol errors, and reading a request body cheaply and safely (size cap, content type, located JSON errors).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { parseLocatedJson } from '../../shared/brand/locatedJson';
import { ERROR_STATUS, SWAP_PROTOCOL_VERSION, issuesOf, type ErrorCode, type ProtocolIssue } from '../../shared/swap/protocol';

/** A request refused with a protocol error code; thrown by handlers, answered by the server. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: ProtocolIssue[]; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const MAX_BODY_BYTES = 16 * 1024;

export function sendJson(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'Swap-Protocol-Version': SWAP_PROTOCOL_VERSION,
    ...reply.headers,
  });
  res.end(text);
}

export function errorReply(error: ApiError): Reply {
  const { issues, details, headers } = error.extra;
  return {
    status: error.status,
    body: { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } },
    headers,
  };
}

/**
 * Reads the body (refusing more than MAX_BODY_BYTES before buffering it) and parses it as JSON.
 * An empty body is `{}`, so POSTs without parameters may send nothing. The Content-Type is not
 * insisted on: a JSON body sent by `curl -d` (form type) is still JSON.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // Only a broken body pays for the parser that knows where it broke.
    const located = parseLocatedJson(text);
    const where = located.ok ? { line: 1, col: 1, message: 'not JSON' } : located.error;
    throw new ApiError('MALFORMED_JSON', `the body is not valid JSON (line ${where.line}, column ${where.col}): ${where.message}`, {
      details: { line: where.line, column: where.col },
    });
  }
}

/** Validates with a protocol schema; every problem is named by its JSON path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what = 'the request body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new ApiError('INVALID_REQUEST', `${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/** JSON with object keys sorted, so the same request body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
