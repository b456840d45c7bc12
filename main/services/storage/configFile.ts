// A head unit's hand-written configuration file (JSON, checked by a zod schema): read when present, refused as a whole with file:line:col and the JSON path of each mistake.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { formatJsonPath, parseLocatedJson } from '../../../shared/brand/locatedJson';

export interface ConfigFileOptions {
  /** Who reads it, the first word of every line ("stations", "swap"). */
  label: string;
  /** What the reader does without a usable file, ending each refusal ("no live sources"). */
  fallback: string;
  report: (line: string) => void;
}

/**
 * The checked contents, or null when the file is absent (silently: no configuration is a normal state) or
 * cannot be used (every mistake reported once, and nothing of it used: half a configuration is worse).
 */
export async function readConfigFile<S extends z.ZodType>(file: string, schema: S, { label, fallback, report }: ConfigFileOptions): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(`${label}: cannot read ${file} (${(error as Error).message}); ${fallback}`);
    return null;
  }
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    report(`${label}: ${file}:${parsed.error.line}:${parsed.error.col}: ${parsed.error.message}; ${fallback}`);
    return null;
  }
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const at = parsed.locate(issue.path as PropertyKey[]) ?? { line: 1, col: 1 };
      report(`${label}: ${file}:${at.line}:${at.col}: ${formatJsonPath(issue.path as PropertyKey[])}: ${issue.message}`);
    }
    report(`${label}: ${file} has mistakes; ${fallback} until it is fixed`);
    return null;
  }
  return checked.data;
}

/** The first value listed twice under `key`, for configurations whose entries are named. */
export function firstDuplicate<T>(entries: readonly T[], key: (entry: T) => string): string | null {
  const seen = new Set<string>();
  for (const entry of entries) {
    const k = key(entry);
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}
