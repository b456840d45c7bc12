// `npm run bench`: runs every benchmark suite and prints one table (figures beside same-run baselines).
import { formatTable, type BenchRow, type BenchSuite } from './harness';
import { suites } from './suites';

const only = process.argv.slice(2);
const selected: BenchSuite[] = only.length ? suites.filter((s) => only.includes(s.name)) : suites;
const rows: BenchRow[] = [];
for (const suite of selected) {
  process.stderr.write(`bench: ${suite.name}…\n`);
  rows.push(...(await suite.run()));
}
process.stdout.write(`${formatTable(rows)}\n`);
