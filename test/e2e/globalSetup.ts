// Builds the renderer once before the end-to-end tests, so no test pays for (or races on) the build.
import { resolve } from 'node:path';
import { ensureRendererBuilt } from '../../main/web/rendererBuild';

export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt(resolve(import.meta.dirname, '..', '..'), (line) => process.stderr.write(`e2e: ${line}\n`));
}
