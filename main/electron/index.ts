// Electron main entry (built to out/main/index.js): starts Cabin, and never dies with a stack trace on screen.
import { app } from 'electron';
import { runApp } from './app';

runApp().catch((error: unknown) => {
  process.stderr.write(`cabin: unexpected start-up failure: ${(error as Error)?.message ?? String(error)}\n`);
  app.exit(1);
});
