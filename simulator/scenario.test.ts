// Scenario loading: bundled files are valid; broken ones are refused with file, line, column and reason.
import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario, routeExists } from './assets';
import { actionSchema, formatScenarioIssue, parseDurationS, parseScenario, type ScenarioIssue } from './scenario';

const FILE = 'broken.yaml';

function errorsOf(text: string): ScenarioIssue[] {
  const result = parseScenario(text, FILE, { routeExists });
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.errors;
}

const valid = `name: tiny
duration: 2m
route:
  id: guangzhou-tianhe-zhujiang
timeline:
  - at: 1s
    gear: D
  - at: 2s
    speed: 30
expect:
  - signal: Vehicle.Speed
    above: 10
`;

describe('parseScenario', () => {
  it('accepts a small valid scenario and fills defaults', () => {
    const result = parseScenario(valid, FILE, { routeExists });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.duration).toBe(120);
    expect(result.scenario.seed).toBe(1);
    expect(result.scenario.vehicle).toBe('cabin-ev');
    expect(result.scenario.timeline[1]).toMatchObject({ at: 2, speed: 30 });
  });

  it('locates YAML syntax errors', () => {
    const errors = errorsOf('name: x\nduration: 1m\ntimeline: [\n  - at: 1\n');
    expect(errors[0]).toMatchObject({ file: FILE, line: expect.any(Number), col: expect.any(Number) });
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
  });

  it('locates a duplicate key', () => {
    const errors = errorsOf('name: x\nduration: 1m\nname: y\n');
    expect(errors[0]).toMatchObject({ line: 3, col: 1 });
    expect(errors[0].message).toMatch(/unique/i);
  });

  it('locates a value of the wrong type at the value', () => {
    const text = valid.replace('speed: 30', 'speed: fast');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: 9, col: 12, path: 'timeline[1].speed' });
  });

  it('locates an unknown key at the key', () => {
    const text = valid.replace('    gear: D', '    gear: D\n    sped: 30');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: 8, col: 5, path: 'timeline[0].sped' });
    expect(error.message).toContain('unknown key "sped"');
  });

  it('refuses a step with two actions, or none', () => {
    const two = errorsOf(valid.replace('    gear: D', '    gear: D\n    speed: 20'));
    expect(two[0]).toMatchObject({ line: 6, path: 'timeline[0]' });
    expect(two[0].message).toMatch(/speed, gear|gear, speed/);
    const none = errorsOf(valid.replace('    gear: D\n', ''));
    expect(none[0].message).toContain('needs one action');
  });

  it('refuses a missing required key, located at the enclosing map', () => {
    const [error] = errorsOf(valid.replace('duration: 2m\n', ''));
    expect(error).toMatchObject({ line: 1, col: 1, path: 'duration' });
  });

  it('refuses bad durations and times of day with the reason', () => {
    const [d] = errorsOf(valid.replace('at: 2s', 'at: soon'));
    expect(d).toMatchObject({ line: 8, path: 'timeline[1].at' });
    expect(d.message).toContain('"soon" is not a duration');
    const [t] = errorsOf(valid.replace('route:', 'initial:\n  timeOfDay: "25:00"\nroute:'));
    expect(t).toMatchObject({ line: 4, path: 'initial.timeOfDay' });
  });

  it('refuses an unknown route, an unknown VSS path and a step after the end', () => {
    const route = errorsOf(valid.replace('id: guangzhou-tianhe-zhujiang', 'id: atlantis-ring-road'));
    expect(route[0]).toMatchObject({ line: 4, col: 7, path: 'route.id' });
    expect(route[0].message).toContain('no route "atlantis-ring-road"');
    const signal = errorsOf(valid.replace('signal: Vehicle.Speed', 'signal: Vehicle.Warp'));
    expect(signal[0]).toMatchObject({ line: 11, path: 'expect[0].signal' });
    const late = errorsOf(valid.replace('at: 2s', 'at: 5m'));
    expect(late[0]).toMatchObject({ line: 8, path: 'timeline[1].at' });
    expect(late[0].message).toContain('after the scenario ends');
  });

  it('refuses a file whose name key does not match its file name', () => {
    const result = parseScenario(valid, 'other.yaml', { expectedName: 'other' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 1, col: 7, path: 'name' });
  });

  it('refuses a command to a sensor and an impossible fault', () => {
    const cmd = errorsOf(valid.replace('    speed: 30', '    command: { path: Vehicle.Speed, target: 10 }'));
    expect(cmd[0].message).toContain('not an actuator');
    const fault = errorsOf(valid.replace('    speed: 30', '    fault: { kind: frame-loss, percent: 140, duration: 5s }'));
    expect(fault[0].path).toBe('timeline[1].fault.percent');
  });

  it('reports every problem at once, in line order, and formats them as file:line:col', () => {
    const errors = errorsOf(valid.replace('duration: 2m', 'duration: -1x').replace('speed: 30', 'speed: -3'));
    expect(errors.length).toBe(2);
    expect(errors[0].line).toBeLessThan(errors[1].line);
    expect(formatScenarioIssue(errors[0])).toMatch(/^broken\.yaml:2:11: .+ \(at duration\)$/);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '---\n', '[1, 2]', '42', '\u0000\u0001', 'name: [', '*alias', 'a: &a [*a]']) {
      const result = parseScenario(text, FILE);
      expect(result.ok).toBe(false);
    }
  });
});

describe('actionSchema (control-panel overrides)', () => {
  it('rejects impossible overrides with a message', () => {
    expect(actionSchema.safeParse({ soc: 140 }).success).toBe(false);
    expect(actionSchema.safeParse({ speed: -1 }).success).toBe(false);
    expect(actionSchema.safeParse({ soc: 40 }).success).toBe(true);
  });
});

describe('parseDurationS', () => {
  it('reads the forms scenarios use', () => {
    expect(parseDurationS(90)).toBe(90);
    expect(parseDurationS('90')).toBe(90);
    expect(parseDurationS('90s')).toBe(90);
    expect(parseDurationS('15m')).toBe(900);
    expect(parseDurationS('1m30s')).toBe(90);
    expect(parseDurationS('1h')).toBe(3600);
    expect(parseDurationS('500ms')).toBe(0.5);
    expect(parseDurationS('2:30')).toBe(150);
    expect(parseDurationS('1:02:03')).toBe(3723);
    for (const bad of ['', 'm', 'soon', '1:75', '-5', '5x']) expect(parseDurationS(bad), bad).toBeNull();
  });
});

describe('bundled scenarios', () => {
  it('ship at least the seven the issue names, all valid', () => {
    const names = listScenarios();
    for (const name of ['commute', 'highway-low-battery', 'charging-stop', 'swap-visit', 'night-drive', 'driver-change', 'gateway-faults']) {
      expect(names).toContain(name);
    }
    for (const name of names) {
      const loaded = loadScenario(name);
      expect(loaded.ok ? [] : loaded.errors.map(formatScenarioIssue), name).toEqual([]);
      if (loaded.ok) expect(loaded.scenario.name).toBe(name);
    }
  });
});
