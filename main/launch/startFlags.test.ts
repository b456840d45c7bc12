import { describe, expect, it } from 'vitest';
import { parseElectronArgs, parseStartFlags, StartFlagError, startFlagsToArgs } from './startFlags';

describe('one parser for cabin start and the Electron entry', () => {
  it('round-trips every flag cabin start passes to Electron', () => {
    const cli = parseStartFlags(
      ['--kiosk', '--brand', 'aurora', '--data-dir', 'd', '--vehicle', 'hyundai-2015', '--dbc', 'h.dbc', '--replay', 'x.log', '--dev-tools'],
      '/home/u',
    );
    const { flags, chromium } = parseElectronArgs(['out/main/index.js', ...startFlagsToArgs(cli)], '/elsewhere');
    const { help: _help, ...expected } = cli;
    expect(flags).toEqual({ ...expected, web: false, port: undefined });
    expect(flags.vehicle).toEqual({ vehicle: 'hyundai-2015', dbc: 'h.dbc', replay: 'x.log' });
    expect(flags.dataDir).toBe('/home/u/d');
    expect(chromium).toEqual([]);
    for (const source of [['--scenario', 'commute'], ['--gateway', 'ws://127.0.0.1:7000']]) {
      const again = parseElectronArgs(['.', ...startFlagsToArgs(parseStartFlags(source, '/'))], '/');
      expect(again.flags.vehicle).toEqual({ [source[0].slice(2)]: source[1] });
    }
  });

  it('both value forms are taken; a missing value is one line', () => {
    expect(parseStartFlags(['--brand=aurora', '--data-dir=/var/cabin'], '/').dataDir).toBe('/var/cabin');
    expect(() => parseStartFlags(['--data-dir'], '/')).toThrow(new StartFlagError('--data-dir needs a value'));
    expect(() => parseStartFlags(['--frobnicate'], '/')).toThrow(/unknown flag '--frobnicate'/);
    expect(() => parseStartFlags(['--brand', 'Not A Brand'], '/')).toThrow(/--brand must be a brand id/);
  });

  it('the Electron entry takes only allowlisted Chromium switches; a debugger port is refused', () => {
    expect(parseElectronArgs(['.', '--no-sandbox', '--ozone-platform=wayland', '--kiosk'], '/').chromium).toEqual(['--no-sandbox', '--ozone-platform=wayland']);
    for (const hostile of ['--remote-debugging-port=9222', '--inspect', '--js-flags=--allow-natives-syntax', '--remote-allow-origins=*', '--user-data-dir=/tmp/x']) {
      expect(() => parseElectronArgs(['.', hostile], '/'), hostile).toThrow(/is not a Cabin flag and not an allowed Chromium switch/);
    }
    expect(() => parseElectronArgs(['.', '--web'], '/')).toThrow(/--web and --port are for the browser simulation/);
  });
});
