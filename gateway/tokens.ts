// Where the gateway's tokens come from (a file, an environment variable, or argv with a warning) and the minimum they must meet.
import { readFile, stat } from 'node:fs/promises';
import { MIN_TOKEN_BYTES } from '../shared/gateway/protocol';

export interface TokenChoice {
  token: string;
  /** For the start-up line: "from --token-file /etc/cabin/token", "from $CABIN_GATEWAY_TOKEN", "as given by --token". */
  from: string;
  /** One line the operator should see (argv tokens show in `ps`, a file others can read). */
  warning?: string;
}

export interface TokenInputs {
  /** e.g. "--token" and "--token-file", "CABIN_GATEWAY_TOKEN": named in messages. */
  flag: string;
  fileFlag: string;
  envName: string;
  argv?: string;
  file?: string;
  env?: string;
}

/** A token that cannot be used: the CLI prints the message as its one line. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/** Null when the token is long enough, else the one-line reason. */
export function tokenTooShort(token: string, from: string): string | null {
  const bytes = Buffer.byteLength(token);
  if (bytes >= MIN_TOKEN_BYTES) return null;
  return `the token ${from} is ${bytes} byte${bytes === 1 ? '' : 's'}; gateway tokens must be at least ${MIN_TOKEN_BYTES} bytes (make one with: head -c 24 /dev/urandom | base64)`;
}

/**
 * Picks the token: the file, else argv, else the environment variable; undefined when none is given.
 * Giving both the file and argv is a mistake (which one would win?) and is refused.
 */
export async function chooseToken(inputs: TokenInputs): Promise<TokenChoice | undefined> {
  const { flag, fileFlag, envName } = inputs;
  if (inputs.file !== undefined && inputs.argv !== undefined) throw new TokenError(`give the token either with ${fileFlag} or with ${flag}, not both`);
  let choice: TokenChoice | undefined;
  if (inputs.file !== undefined) choice = await readTokenFile(inputs.file, fileFlag);
  else if (inputs.argv !== undefined) {
    choice = {
      token: inputs.argv,
      from: `given by ${flag}`,
      warning: `${flag} shows in ps and shell history; put the token in a file (${fileFlag} FILE) or in $${envName}`,
    };
  } else if (inputs.env !== undefined && inputs.env !== '') choice = { token: inputs.env, from: `from $${envName}` };
  if (!choice) return undefined;
  if (choice.token === '') throw new TokenError(`the token ${choice.from} is empty`);
  const short = tokenTooShort(choice.token, choice.from);
  if (short) throw new TokenError(short);
  return choice;
}

/** Reads a token file: its content without surrounding whitespace (a trailing newline is usual). */
export async function readTokenFile(file: string, fileFlag: string): Promise<TokenChoice> {
  let text: string;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TokenError(`cannot read ${fileFlag} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(error)}`);
  }
  if (text.length > 4096) throw new TokenError(`${fileFlag} ${file} is ${text.length} bytes; a token file holds one token (at most 4096 bytes)`);
  const token = text.trim();
  if (/\s/.test(token)) throw new TokenError(`${fileFlag} ${file} holds more than one word; a token file holds one token`);
  const readableByOthers = (mode & 0o044) !== 0;
  return {
    token,
    from: `from ${fileFlag} ${file}`,
    warning: readableByOthers ? `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it` : undefined,
  };
}
