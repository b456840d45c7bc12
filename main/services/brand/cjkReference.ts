// The Chinese characters Cabin shows (every Han character in the zh-CN locale files): what a CJK face must cover.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const HAN = /\p{Script=Han}/u;

/** Unique Han characters in assets/locales/zh-CN/*.json, in code-point order. */
export async function chineseCharactersInUse(assetsDir: string): Promise<string[]> {
  const dir = join(assetsDir, 'locales', 'zh-CN');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const chars = new Set<string>();
  for (const file of files) {
    for (const ch of await readFile(join(dir, file), 'utf8')) if (HAN.test(ch)) chars.add(ch);
  }
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}
