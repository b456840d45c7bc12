// Bearer tokens: one per client (from CABIN_OPERATOR_TOKEN and/or a token file), each with its client id and roles; checked without leaking timing.
import { createHash } from 'node:crypto';
import type { Principal } from './store/bookings';

type Role = 'client' | 'station';
const ROLES: readonly Role[] = ['client', 'station'];

export interface TokenEntry {
  token: string;
  clientId: string;
  roles: ReadonlySet<Role>;
}

/** A bad token file line: `file:line: message`. */
export class TokenFileError extends Error {}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The token file: one client per line, `TOKEN [CLIENT_ID] [ROLES]`, where ROLES is `client`,
 * `station` or `client,station` (default `client`); `#` starts a comment. A line without a client
 * id gets one derived from its token, stable across restarts.
 */
export function parseTokenFile(text: string, file: string): TokenEntry[] {
  const entries: TokenEntry[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const where = `${file}:${i + 1}`;
    const [token, clientId, roles, extra] = line.split(/\s+/);
    if (extra !== undefined) throw new TokenFileError(`${where}: expected "TOKEN [CLIENT_ID] [ROLES]", found ${line.split(/\s+/).length} fields`);
    const earlier = seen.get(token);
    if (earlier !== undefined) throw new TokenFileError(`${where}: this token is already on line ${earlier}`);
    seen.set(token, i + 1);
    if (clientId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(clientId)) {
      throw new TokenFileError(`${where}: client id "${clientId}" must be letters, digits and . _ : - (1 to 64 characters)`);
    }
    const roleList = (roles ?? 'client').split(',');
    const bad = roleList.find((r) => !ROLES.includes(r as Role));
    if (bad !== undefined) throw new TokenFileError(`${where}: unknown role "${bad}" (roles: ${ROLES.join(', ')})`);
    entries.push({ token, clientId: clientId ?? `client-${digest(token).slice(0, 10)}`, roles: new Set(roleList as Role[]) });
  });
  if (entries.length === 0) throw new TokenFileError(`${file}: no tokens in the file`);
  return entries;
}

/** The environment's single token belongs to the operator itself: a client and a station at once. */
export function envTokenEntry(token: string): TokenEntry {
  return { token, clientId: 'operator', roles: new Set(ROLES) };
}

export type Authenticate = (authorization: string | undefined) => Principal | null;

/**
 * Looks tokens up by their SHA-256 digest, so the comparison's timing says nothing about how much
 * of a guessed token was right.
 */
export function createAuthenticator(entries: TokenEntry[]): Authenticate {
  const byDigest = new Map<string, Principal>();
  for (const e of entries) byDigest.set(digest(e.token), { clientId: e.clientId, roles: e.roles });
  return (authorization) => {
    const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? '');
    return m ? (byDigest.get(digest(m[1])) ?? null) : null;
  };
}
