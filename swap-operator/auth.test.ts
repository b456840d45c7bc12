// Client tokens: the token file's format and its located errors, and who a bearer header makes the caller.
import { describe, expect, it } from 'vitest';
import { TokenFileError, createAuthenticator, envTokenEntry, parseTokenFile } from './auth';

describe('parseTokenFile', () => {
  it('reads tokens with client ids and roles, skipping comments and blank lines', () => {
    const entries = parseTokenFile('# fleet\n\ncar-token fleet-a\nrobot-token station-1 station\nboth-token ops client,station # the operator\nbare-token\n', 't.txt');
    expect(entries.map((e) => [e.token, e.clientId, [...e.roles]])).toEqual([
      ['car-token', 'fleet-a', ['client']],
      ['robot-token', 'station-1', ['station']],
      ['both-token', 'ops', ['client', 'station']],
      ['bare-token', expect.stringMatching(/^client-[0-9a-f]{10}$/), ['client']],
    ]);
    // The derived id is stable: the same token is the same client after a restart.
    expect(parseTokenFile('bare-token\n', 't.txt')[0].clientId).toBe(entries[3].clientId);
  });

  it.each([
    ['a b c d\n', 't.txt:1: expected "TOKEN [CLIENT_ID] [ROLES]", found 4 fields'],
    ['a x\n\na y\n', 't.txt:3: this token is already on line 1'],
    ['a x driver\n', 't.txt:1: unknown role "driver" (roles: client, station)'],
    ['a bad/id\n', 't.txt:1: client id "bad/id" must be letters, digits and . _ : - (1 to 64 characters)'],
    ['# nothing\n', 't.txt: no tokens in the file'],
  ])('locates a bad file: %j', (text, message) => {
    expect(() => parseTokenFile(text, 't.txt')).toThrow(new TokenFileError(message));
  });
});

describe('createAuthenticator', () => {
  const authenticate = createAuthenticator([envTokenEntry('operator-token'), ...parseTokenFile('car-token fleet-a\n', 't.txt')]);

  it('knows each client by its bearer token', () => {
    expect(authenticate('Bearer car-token')).toMatchObject({ clientId: 'fleet-a' });
    expect(authenticate('bearer   car-token  ')).toMatchObject({ clientId: 'fleet-a' });
    expect([...authenticate('Bearer operator-token')!.roles]).toEqual(['client', 'station']);
  });

  it.each([undefined, '', 'car-token', 'Basic car-token', 'Bearer', 'Bearer car-tokenx', 'Bearer car-token extra', 'Bearer car-toke'])('refuses %j', (header) => {
    expect(authenticate(header)).toBeNull();
  });
});
