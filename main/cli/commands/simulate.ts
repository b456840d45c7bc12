// `cabin simulate`: runs a scenario headless in virtual time, prints the end state as JSON and checks its expectations.
import { AssetError, listScenarios, loadScenario } from '../../../simulator/assets';
import { runHeadless } from '../../../simulator/headless';
import { formatScenarioIssue, MAX_SCENARIO_DURATION_S } from '../../../simulator/scenario';
import { CliFailure, parseFlags, UsageError, type CliCommand } from '../command';

const help = `Usage: cabin simulate --scenario NAME|FILE [--until end|SECONDS] [--headless] [--seed N]

Runs a scenario against the simulated EV in virtual time (as fast as the CPU allows),
prints the end state as JSON on stdout and the expectation results on stderr.
Exits 0 only when every expectation in the scenario's "expect" block passes.

Flags:
  --scenario NAME|FILE  a bundled scenario (assets/scenarios/NAME.yaml) or a path to a .yaml file
  --until end|SECONDS   stop at the scenario's end (default) or after SECONDS of simulated time;
                        expectations describe the end, so they are checked only with "end"
  --headless            run in virtual time (the default; live runs go through "cabin start --scenario")
  --seed N              override the scenario's seed (a whole number from 0 to 4294967295)
  --list                print the bundled scenario names and exit
  -h, --help            show this help
`;

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run a driving scenario headless and check its expected end state',
  help,
  async run(args, io) {
    const { values } = parseFlags(args, {
      scenario: { type: 'string' },
      until: { type: 'string' },
      headless: { type: 'boolean' },
      seed: { type: 'string' },
      list: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(help);
      return 0;
    }
    if (values.list) {
      io.stdout.write(listScenarios().map((name) => `${name}\n`).join(''));
      return 0;
    }
    if (values.scenario === undefined) throw new UsageError('simulate needs --scenario NAME; run "cabin simulate --list" for the names');
    const untilS = parseUntil(values.until);
    const seed = parseSeed(values.seed);

    const loaded = loadScenario(values.scenario, io.cwd);
    if (!loaded.ok) {
      for (const issue of loaded.errors) io.stderr.write(`${formatScenarioIssue(issue)}\n`);
      io.stderr.write(`cabin: scenario refused: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'} in ${loaded.file}\n`);
      return 1;
    }
    let end;
    try {
      end = runHeadless(loaded.scenario, { seed, untilS });
    } catch (error) {
      if (error instanceof AssetError) throw new CliFailure(error.message);
      throw error;
    }
    io.stdout.write(`${JSON.stringify(end, null, 2)}\n`);
    const checkExpectations = untilS === undefined || untilS >= loaded.scenario.duration;
    io.stderr.write(`${end.scenario}: ${end.simulatedSeconds} s simulated, seed ${end.seed}, ${end.events.length} events\n`);
    if (!checkExpectations) {
      io.stderr.write('expectations not checked: --until stops before the scenario end\n');
      return 0;
    }
    for (const e of end.expectations) {
      io.stderr.write(`${e.pass ? 'PASS' : 'FAIL'} ${e.description} (got ${JSON.stringify(e.actual)})\n`);
    }
    const failed = end.expectations.filter((e) => !e.pass).length;
    io.stderr.write(`${end.expectations.length - failed}/${end.expectations.length} expectations passed\n`);
    return failed === 0 ? 0 : 1;
  },
};

function parseUntil(value: string | undefined): number | undefined {
  if (value === undefined || value === 'end') return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--until must be "end" or a number of seconds, got "${value}"`);
  }
  if (seconds > MAX_SCENARIO_DURATION_S) {
    throw new UsageError(`--until may be at most ${MAX_SCENARIO_DURATION_S} seconds (24 h of simulated time), got ${value}`);
  }
  return seconds;
}

function parseSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!/^\d+$/.test(value) || seed > 4_294_967_295) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${value}"`);
  return seed;
}
