import { describe, expect, it } from 'vitest';
import { FlagError, parseElectronFlags, userArgs } from './flags';

describe('parseElectronFlags', () => {
  it('defaults to a desktop simulation with Electron choosing the data dir', () => {
    expect(parseElectronFlags([])).toEqual({ kiosk: false, headUnit: false, vehicle: {}, passthrough: [] });
  });

  it('accepts the same flags as cabin start, in both value forms', () => {
    expect(parseElectronFlags(['--kiosk', '--data-dir', 'data', '--brand', 'aurora'], '/home/d')).toEqual({
      kiosk: true,
      headUnit: false,
      dataDir: '/home/d/data',
      brand: 'aurora',
      vehicle: {},
      passthrough: [],
    });
    expect(parseElectronFlags(['--head-unit', '--data-dir=/var/cabin', '--brand=cabin'])).toMatchObject({
      headUnit: true,
      dataDir: '/var/cabin',
      brand: 'cabin',
    });
  });

  it('takes the vehicle flags of cabin start', () => {
    expect(
      parseElectronFlags(['--vehicle', 'hyundai-2015', '--dbc=/dbc/h.dbc', '--replay', 'drive.log', '--scenario', 'commute', '--gateway', 'ws://127.0.0.1:1']).vehicle,
    ).toEqual({ vehicle: 'hyundai-2015', dbc: '/dbc/h.dbc', replay: 'drive.log', scenario: 'commute', gateway: 'ws://127.0.0.1:1' });
  });

  it("passes Chromium's switches and bare words through instead of failing on them", () => {
    expect(parseElectronFlags(['.', '--no-sandbox', '--ozone-platform=wayland', '--kiosk'])).toMatchObject({
      kiosk: true,
      passthrough: ['--no-sandbox', '--ozone-platform=wayland'],
    });
  });

  it.each([
    [['--data-dir'], /--data-dir needs a value/],
    [['--data-dir', '--kiosk'], /--data-dir needs a value/],
    [['--data-dir='], /--data-dir needs a value/],
    [['--brand'], /--brand needs a value/],
    [['--brand', 'Not A Brand!'], /--brand must be a brand id/],
    [['--kiosk=yes'], /--kiosk takes no value/],
  ])('rejects %j with one clear line', (args, message) => {
    expect(() => parseElectronFlags(args)).toThrow(FlagError);
    expect(() => parseElectronFlags(args)).toThrow(message);
  });
});

describe('userArgs', () => {
  it('skips the executable, and the app path when not packaged', () => {
    expect(userArgs(['/usr/bin/electron', 'out/main/index.js', '--kiosk'], false)).toEqual(['--kiosk']);
    expect(userArgs(['/opt/Cabin/cabin', '--kiosk'], true)).toEqual(['--kiosk']);
  });
});
