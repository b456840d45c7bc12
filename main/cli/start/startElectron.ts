// Desktop simulation in real Electron: build main/preload/renderer if needed, then run the binary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rendererIsStale } from '../../web/rendererBuild';
import type { CliIO } from '../command';
import { projectRoot } from './paths';

export async function startElectron(binary: string, passThrough: string[], io: CliIO): Promise<number> {
  const mainEntry = join(projectRoot, 'out', 'main', 'index.js');
  if (!existsSync(mainEntry) || (await rendererIsStale(projectRoot))) {
    io.stderr.write('cabin: building the Electron app…\n');
    const code = await run(process.execPath, [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], io);
    if (code !== 0) return code;
  }
  return run(binary, [projectRoot, ...passThrough], io);
}

function run(command: string, args: string[], io: CliIO): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      io.stderr.write(`cabin: could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 0);
    });
  });
}
