// `npm test`: type-check, lint, unit + integration tests, then end-to-end tests in a real Chromium; fails if any step fails.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findBrowser } from './findBrowser.mjs';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(name, command, args, env = {}) {
  process.stderr.write(`\n── ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code, signal) => done({ name, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000 }));
    child.once('error', (error) => done({ name, ok: false, code: error.message, seconds: 0 }));
  });
}

const bin = (tool) => join(root, 'node_modules', '.bin', tool);
const steps = [];
steps.push(await run('type-check', bin('tsc'), ['-b']));
steps.push(await run('lint', bin('eslint'), ['--max-warnings', '0', '.']));
const vitestJson = join(reports, 'vitest.json');
steps.push(await run('unit + integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]));

const browser = await findBrowser();
const playwrightJson = join(reports, 'playwright.json');
if (browser.error) {
  process.stderr.write(`\ntest: ${browser.error}\n`);
  steps.push({ name: 'end-to-end', ok: false, code: 'no browser', seconds: 0 });
} else {
  process.stderr.write(`\ntest: end-to-end tests use ${browser.path} (${browser.source})\n`);
  steps.push(
    await run('end-to-end', bin('playwright'), ['test'], { CABIN_CHROMIUM: browser.path, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }),
  );
}

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
} catch {
  /* vitest did not run far enough to write its report; its step already failed */
}
try {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  counts.passed += p.stats.expected;
  counts.failed += p.stats.unexpected + p.stats.flaky;
  counts.skipped += p.stats.skipped;
} catch {
  /* no end-to-end report */
}

process.stderr.write('\n── summary\n');
for (const s of steps) process.stderr.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)${s.ok ? '' : ` exit ${s.code}`}\n`);
const failedSteps = steps.filter((s) => !s.ok).length;
// One plain closing line, the way CI reads a test run.
process.stdout.write(`${counts.passed} passed, ${counts.failed + (failedSteps && !counts.failed ? failedSteps : 0)} failed, ${counts.skipped} skipped\n`);
process.exitCode = failedSteps ? 1 : 0;
