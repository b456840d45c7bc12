// Scenario files (assets/scenarios/<name>.yaml): schema, parsing with file:line:col errors, and the cross-checks zod cannot do.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import { faultSchemaWith } from '../shared/simulation/faults';
import { GEARS, LIGHT_SWITCH } from '../shared/simulation/overrides';
import { PERFORMANCE_MODES, vssSignal } from '../shared/vehicle/catalog';
import { SIM_EVENT_KINDS } from './vehicle/events';
import { DRIVE_PROFILES } from './vehicle/motion';

/** "90", 90, "90s", "15m", "1h", "1m30s", "2:30" (m:ss) or "1:02:30" (h:mm:ss) → seconds; null when unreadable. */
export function parseDurationS(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const text = value.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (clock) {
    const [, h, m, s] = clock;
    if (Number(s) >= 60 || (h !== undefined && Number(m) >= 60)) return null;
    return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
  }
  const units = /^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m(?!s))?\s*(?:(\d+(?:\.\d+)?)s)?\s*(?:(\d+(?:\.\d+)?)ms)?$/.exec(text);
  if (units && text !== '' && units.slice(1).some((g) => g !== undefined)) {
    const [, h, m, s, ms] = units;
    return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0) + Number(ms ?? 0) / 1000;
  }
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return null;
}

const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const seconds = parseDurationS(value);
  if (seconds === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (use seconds, or e.g. 90s, 15m, 1m30s, 2:30)` });
    return z.NEVER;
  }
  return seconds;
});

/** A scenario lasts at most a day of simulated time: enough for any drive, and `duration: 1e12` cannot run for ever. */
export const MAX_SCENARIO_DURATION_S = 86_400;

const scenarioDuration = duration.refine((seconds) => seconds > 0 && seconds <= MAX_SCENARIO_DURATION_S, {
  message: `a scenario lasts more than 0 s and at most ${MAX_SCENARIO_DURATION_S.toLocaleString('en-US')} s (24 h)`,
});

const timeOfDay = z.string().transform((value, ctx) => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a time of day (HH:MM, 00:00 to 23:59)` });
    return z.NEVER;
  }
  return Number(match[1]) * 60 + Number(match[2]);
});

const uint32 = z.number().int().min(0).max(4_294_967_295);
const gear = z.enum(GEARS);
const lights = z.enum(LIGHT_SWITCH);
const profile = z.union([
  z.enum(Object.keys(DRIVE_PROFILES) as [keyof typeof DRIVE_PROFILES, ...(keyof typeof DRIVE_PROFILES)[]]),
  z.strictObject({ accel: z.number().positive().max(10), decel: z.number().positive().max(10) }),
]);
const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360).default(0),
});
const driver = z.strictObject({ id: z.string().min(1), keyFob: uint32 });
const climate = z.strictObject({ setpoint: z.number().min(16).max(30).optional(), on: z.boolean().optional() });

/** A timeline fault: the shared fault vocabulary, with how long the fault lasts. */
export const scenarioFaultSchema = faultSchemaWith({ duration });
export type ScenarioFault = z.output<typeof scenarioFaultSchema>;

/** Everything a step (or a control-panel override) can do; one action per step. */
const actionShape = {
  speed: z.number().min(0).max(250).optional(),
  stop: z.literal(true).optional(),
  gear: gear.optional(),
  charge: z
    .strictObject({ kind: z.enum(['AC', 'DC']), powerKw: z.number().positive().max(1000), limit: z.number().min(1).max(100).optional() })
    .optional(),
  unplug: z.literal(true).optional(),
  swap: z
    .strictObject({
      packId: uint32.min(1).optional(),
      soc: z.number().min(0).max(100),
      duration: duration.default(180),
      batteryTemperature: z.number().min(-30).max(60).optional(),
      stateOfHealth: z.number().min(0).max(100).optional(),
    })
    .optional(),
  driver: driver.optional(),
  timeOfDay: timeOfDay.optional(),
  lights: lights.optional(),
  ambient: z.number().min(-40).max(60).optional(),
  tunnel: z.boolean().optional(),
  command: z.strictObject({ path: z.string().min(1), target: z.union([z.number(), z.string(), z.boolean()]) }).optional(),
  fault: scenarioFaultSchema.optional(),
  soc: z.number().min(0).max(100).optional(),
  driveMode: z.enum(PERFORMANCE_MODES).optional(),
  regen: z.number().int().min(0).max(3).optional(),
  climate: climate.optional(),
  location: location.optional(),
};

export const ACTION_KEYS = Object.keys(actionShape) as (keyof typeof actionShape)[];
export type ActionKey = (typeof ACTION_KEYS)[number];

/** One action, as the control panel would send it: the same validation as a scenario step. */
export const actionSchema = z
  .strictObject({ ...actionShape, profile: profile.optional() })
  .superRefine((step, ctx) => checkOneAction(step, ctx));

const stepSchema = z
  .strictObject({ at: duration, ...actionShape, profile: profile.optional(), note: z.string().optional() })
  .superRefine((step, ctx) => checkOneAction(step, ctx));

function checkOneAction(step: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const present = ACTION_KEYS.filter((key) => step[key] !== undefined);
  if (present.length === 0) {
    ctx.addIssue({ code: 'custom', message: `a step needs one action: ${ACTION_KEYS.join(', ')}` });
  } else if (present.length > 1) {
    ctx.addIssue({ code: 'custom', message: `a step has one action, this one has ${present.length} (${present.join(', ')}); split it into steps` });
  }
  if (step.profile !== undefined && step.speed === undefined && step.stop === undefined) {
    ctx.addIssue({ code: 'custom', path: ['profile'], message: 'profile only goes with speed or stop' });
  }
}

export type ScenarioAction = z.output<typeof actionSchema>;
export type ScenarioStep = z.output<typeof stepSchema>;

const comparatorKeys = ['equals', 'notEquals', 'below', 'above', 'atLeast', 'atMost', 'between', 'changed'] as const;
const scalar = z.union([z.number(), z.string(), z.boolean()]);

const expectationSchema = z
  .strictObject({
    signal: z.string().min(1).optional(),
    event: z.enum(SIM_EVENT_KINDS).optional(),
    /** For events: only count those whose detail contains this text (e.g. a fault kind). */
    detail: z.string().optional(),
    equals: scalar.optional(),
    notEquals: scalar.optional(),
    below: z.number().optional(),
    above: z.number().optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    between: z.tuple([z.number(), z.number()]).optional(),
    changed: z.boolean().optional(),
  })
  .superRefine((e, ctx) => {
    const used = comparatorKeys.filter((key) => e[key] !== undefined);
    if ((e.signal === undefined) === (e.event === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an expectation names either a signal or an event' });
      return;
    }
    if (e.signal !== undefined) {
      if (used.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `a signal expectation needs exactly one of ${comparatorKeys.join(', ')}` });
      }
      if (e.detail !== undefined) ctx.addIssue({ code: 'custom', path: ['detail'], message: 'detail only goes with event' });
    } else {
      const bad = used.filter((key) => key !== 'equals' && key !== 'atLeast' && key !== 'atMost');
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `an event expectation counts events: use equals, atLeast or atMost, not ${bad.join(', ')}` });
      if (e.equals !== undefined && typeof e.equals !== 'number') ctx.addIssue({ code: 'custom', path: ['equals'], message: 'an event count is a number' });
    }
    if (e.between && e.between[0] > e.between[1]) ctx.addIssue({ code: 'custom', path: ['between'], message: 'between needs [low, high]' });
  });

export type Expectation = z.output<typeof expectationSchema>;

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  description: z.string().default(''),
  vehicle: z.string().default('cabin-ev'),
  seed: z.number().int().min(0).max(4_294_967_295).default(1),
  duration: scenarioDuration,
  route: z
    .strictObject({ id: z.string().min(1), loop: z.boolean().default(false), startAt: z.number().min(0).default(0) })
    .optional(),
  initial: z
    .strictObject({
      soc: z.number().min(0).max(100).optional(),
      timeOfDay: timeOfDay.optional(),
      ambient: z.number().min(-40).max(60).optional(),
      batteryTemperature: z.number().min(-30).max(60).optional(),
      cabinTemperature: z.number().min(-40).max(70).optional(),
      driver: driver.optional(),
      gear: gear.optional(),
      odometerKm: z.number().min(0).optional(),
      location: location.optional(),
      lights: lights.optional(),
      climate: climate.optional(),
      driveMode: z.enum(PERFORMANCE_MODES).optional(),
      regen: z.number().int().min(0).max(3).optional(),
    })
    .default({}),
  timeline: z.array(stepSchema).default([]),
  expect: z.array(expectationSchema).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;

export interface ScenarioIssue {
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `timeline[3].charge.powerKw`. */
  path: string;
  message: string;
}

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] };

export interface ScenarioCheckOptions {
  /** Whether a route id names a route file; without it route ids are not checked. */
  routeExists?: (id: string) => boolean;
  /** The name the file's `name` must have (its file name), when it comes from a file. */
  expectedName?: string;
}

/**
 * Parses and validates a scenario. Never throws for bad input: every problem comes back with its
 * file, line and column, so a broken scenario is refused with all its reasons at once.
 */
export function parseScenario(text: string, file: string, options: ScenarioCheckOptions = {}): ScenarioParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, path: string, message: string): ScenarioIssue => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, path, message };
  };
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => at(e.pos[0], '', e.message.split('\n')[0])) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved or exploding aliases: point at the first alias, the likely culprit.
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return { ok: false, errors: [at(offset, '', error instanceof Error ? error.message : String(error))] };
  }
  const result = scenarioSchema.safeParse(value ?? {});
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const key = unknownKeys[0];
      const offset = locate(doc, path, key);
      const message = unknownKeys.length > 0 ? `unknown key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return at(offset, formatPath(key === undefined ? path : [...path, key]), message);
    });
    return { ok: false, errors: sortIssues(errors) };
  }
  const scenario = result.data;
  const problems = crossCheck(scenario, options);
  if (problems.length > 0) {
    return { ok: false, errors: sortIssues(problems.map((p) => at(locate(doc, p.path), formatPath(p.path), p.message))) };
  }
  return { ok: true, scenario };
}

function crossCheck(s: Scenario, options: ScenarioCheckOptions): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (options.expectedName !== undefined && s.name !== options.expectedName) {
    problems.push({ path: ['name'], message: `name "${s.name}" does not match the file name "${options.expectedName}"` });
  }
  if (s.route && options.routeExists && !options.routeExists(s.route.id)) {
    problems.push({ path: ['route', 'id'], message: `no route "${s.route.id}" in assets/routes` });
  }
  if (s.route && s.initial.location) {
    problems.push({ path: ['initial', 'location'], message: 'a scenario with a route starts on the route; drop initial.location or the route' });
  }
  s.timeline.forEach((step, i) => {
    if (step.at > s.duration) {
      problems.push({ path: ['timeline', i, 'at'], message: `step at ${step.at} s is after the scenario ends (${s.duration} s)` });
    }
    if (step.command) {
      const signal = vssSignal(step.command.path);
      if (!signal) problems.push({ path: ['timeline', i, 'command', 'path'], message: `unknown VSS path "${step.command.path}"` });
      else if (signal.kind !== 'actuator') {
        problems.push({ path: ['timeline', i, 'command', 'path'], message: `${step.command.path} is a ${signal.kind}, not an actuator` });
      }
    }
    if (step.fault?.kind === 'stuck-signal' && !vssSignal(step.fault.signal)) {
      problems.push({ path: ['timeline', i, 'fault', 'signal'], message: `unknown VSS path "${step.fault.signal}"` });
    }
    if (step.location && s.route) {
      problems.push({ path: ['timeline', i, 'location'], message: 'location overrides only work without a route' });
    }
  });
  s.expect.forEach((e, i) => {
    if (e.signal !== undefined && !vssSignal(e.signal)) {
      problems.push({ path: ['expect', i, 'signal'], message: `unknown VSS path "${e.signal}"` });
    }
  });
  return problems;
}

/** Offset of the closest node to `path` (the key itself for an unknown key), walking up when a key is missing. */
function locate(doc: Document, path: (string | number)[], unknownKey?: string): number {
  if (unknownKey !== undefined) {
    const parent = doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return range[0];
    }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out || '(document)';
}

function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** `file:line:col: message (at path)`, the one-line form the CLI prints. */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.message}${issue.path ? ` (at ${issue.path})` : ''}`;
}
