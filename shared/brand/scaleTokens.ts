// The declared non-colour tokens (type scale, spacing, sizes, radii, elevation, motion, icons): what each styles, its range, the default.
import type { TokenType, TokenValue } from './tokenTypes';

export interface ScaleTokenDeclaration {
  type: TokenType;
  default: TokenValue;
  styles: string;
}

const px = (min: number, max: number): TokenType => ({ kind: 'px', min, max });
const weight: TokenType = { kind: 'number', min: 100, max: 900, step: 100 };
const ms: TokenType = { kind: 'ms', min: 0, max: 1000 };

/**
 * Named `group.name`; in brand.json they sit under `tokens.<group>.<name>`. Minimums are what a head
 * unit can still be read and used with at arm's length: a brand may go larger, never smaller.
 */
export const SCALE_TOKENS = {
  // Typography: one size per role. The face comes from the pack's `fonts`, not from a token.
  'fontSize.caption': { type: px(16, 32), default: 18, styles: 'table cells, licence text, attributions and footnotes' },
  'fontSize.small': { type: px(18, 32), default: 20, styles: 'secondary notes, a value\'s age, field hints' },
  'fontSize.body': { type: px(20, 36), default: 22, styles: 'running text, list rows and form labels (the page default)' },
  'fontSize.control': { type: px(20, 40), default: 24, styles: 'button and input labels, the status bar, tile and dock labels' },
  'fontSize.emphasis': { type: px(22, 44), default: 28, styles: 'secondary values, stepper values, panel titles, hints on empty screens' },
  'fontSize.heading': { type: px(24, 56), default: 30, styles: 'section headings, the clock, units beside the speed' },
  'fontSize.title': { type: px(28, 64), default: 40, styles: 'screen titles' },
  'fontSize.value': { type: px(36, 96), default: 56, styles: 'primary values: SoC, range, setpoint' },
  'fontSize.readout': { type: px(56, 160), default: 96, styles: 'the gear letter' },
  'fontSize.hero': { type: px(96, 240), default: 160, styles: 'the speed readout' },
  'fontWeight.regular': { type: weight, default: 400, styles: 'running text' },
  'fontWeight.medium': { type: weight, default: 500, styles: 'labels and secondary values' },
  'fontWeight.strong': { type: weight, default: 600, styles: 'button labels, emphasised values, errors' },
  'fontWeight.bold': { type: weight, default: 700, styles: 'speed, gear, primary values, the clock, titles' },
  'lineHeight.tight': { type: { kind: 'number', min: 0.8, max: 1.4 }, default: 1, styles: 'big readouts (speed, gear, values)' },
  'lineHeight.snug': { type: { kind: 'number', min: 1, max: 1.6 }, default: 1.2, styles: 'headings, titles and controls' },
  'lineHeight.normal': { type: { kind: 'number', min: 1.2, max: 2 }, default: 1.4, styles: 'running text (Chinese needs at least 1.3)' },
  'letterSpacing.label': { type: { kind: 'em', min: -0.02, max: 0.2 }, default: 0, styles: 'tile, dock and field labels' },
  'letterSpacing.readout': { type: { kind: 'em', min: -0.06, max: 0.1 }, default: 0, styles: 'speed, gear and primary values' },
  'textCase.label': { type: { kind: 'enum', values: ['none', 'uppercase'] }, default: 'none', styles: 'tile, dock and field labels (Chinese is unaffected)' },
  // Spacing: gaps and padding, one scale for every screen.
  'space.2xs': { type: px(0, 12), default: 4, styles: 'hairline gaps: badge padding, a value and its unit' },
  'space.xs': { type: px(2, 16), default: 8, styles: 'gaps inside a control, between chips' },
  'space.sm': { type: px(4, 24), default: 12, styles: 'gaps between buttons, dock padding' },
  'space.md': { type: px(8, 32), default: 16, styles: 'gaps between tiles, screen padding on Home' },
  'space.lg': { type: px(12, 48), default: 24, styles: 'tile padding, gaps between label and control' },
  'space.xl': { type: px(16, 64), default: 32, styles: 'screen side padding, status-bar padding' },
  'space.2xl': { type: px(24, 96), default: 48, styles: 'padding of text screens (Settings, About)' },
  'space.3xl': { type: px(32, 128), default: 64, styles: 'padding around a whole-screen message' },
  // Sizes of fixed parts of the layout.
  'size.touchTarget': { type: px(76, 128), default: 76, styles: 'the least width and height of anything that can be tapped' },
  'size.row': { type: px(76, 140), default: 92, styles: 'the height of a settings or list row' },
  'size.statusBar': { type: px(48, 120), default: 64, styles: 'the status bar\'s height' },
  'size.dock': { type: px(120, 320), default: 200, styles: 'the dock\'s width (icons with labels)' },
  'size.driverStrip': { type: px(280, 560), default: 360, styles: 'the width of Home\'s driver-side strip (speed, gear, battery, warnings)' },
  'size.climateBar': { type: px(76, 160), default: 96, styles: 'the height of the climate bar' },
  'size.icon': { type: px(24, 64), default: 32, styles: 'icons in the dock, buttons and rows' },
  'size.iconLarge': { type: px(32, 96), default: 48, styles: 'status icons in the driver strip (battery, warnings)' },
  'size.labelColumn': { type: px(160, 480), default: 280, styles: 'the label column of settings and simulator rows' },
  'size.field': { type: px(160, 480), default: 220, styles: 'the width of a text or number input' },
  'size.contentMax': { type: px(800, 1920), default: 1400, styles: 'the widest a text screen\'s content grows' },
  'stroke.hairline': { type: px(1, 4), default: 1, styles: 'dividers and card outlines' },
  'stroke.control': { type: px(1, 6), default: 2, styles: 'the outline of buttons, inputs and badges' },
  'stroke.focus': { type: px(2, 8), default: 4, styles: 'the focus ring' },
  // Corner radii.
  'radius.control': { type: px(0, 48), default: 14, styles: 'buttons, inputs and segments' },
  'radius.card': { type: px(0, 64), default: 20, styles: 'tiles, panels and sheets' },
  'radius.pill': { type: px(0, 999), default: 999, styles: 'badges and chips' },
  // Elevation: shadows cast downwards in color.shadow.
  'elevation.card': { type: { kind: 'shadow' }, default: { y: 1, blur: 3 }, styles: 'tiles and panels resting on the background' },
  'elevation.raised': { type: { kind: 'shadow' }, default: { y: 2, blur: 8 }, styles: 'the driver strip and the climate bar' },
  'elevation.overlay': { type: { kind: 'shadow' }, default: { y: 8, blur: 24 }, styles: 'sheets and dialogs above a scrim' },
  // Motion: short, so nothing on screen keeps the driver's eyes waiting.
  'motion.fast': { type: ms, default: 150, styles: 'press feedback, toggles' },
  'motion.standard': { type: ms, default: 300, styles: 'tiles fading to stale, sheets opening, day/night colours' },
  'motion.slow': { type: ms, default: 400, styles: 'brightness changes' },
  'motion.easing': { type: { kind: 'easing' }, default: 'cubic-bezier(0.2, 0, 0, 1)', styles: 'every transition' },
  'opacity.disabled': { type: { kind: 'number', min: 0.3, max: 0.7 }, default: 0.45, styles: 'controls that cannot be used now (exempt from contrast, WCAG 1.4.3)' },
  // Icons: the set's name is read by the renderer, not by CSS.
  'icon.set': { type: { kind: 'enum', values: ['lucide'] }, default: 'lucide', styles: 'the icon set every screen draws from' },
  'icon.strokeWidth': { type: { kind: 'number', min: 1, max: 3, step: 0.25 }, default: 2, styles: 'the line weight of icons' },
} as const satisfies Record<string, ScaleTokenDeclaration>;

export type ScaleToken = keyof typeof SCALE_TOKENS;
export const SCALE_TOKEN_NAMES = Object.keys(SCALE_TOKENS) as ScaleToken[];

/** Token groups as brand.json nests them (`tokens.fontSize.body`), in declaration order. */
export const SCALE_GROUPS = [...new Set(SCALE_TOKEN_NAMES.map((name) => name.split('.')[0]))];

/** Every scale token with a value. */
export type ScaleSet = Record<ScaleToken, TokenValue>;

export function defaultScale(): ScaleSet {
  return Object.fromEntries(SCALE_TOKEN_NAMES.map((name) => [name, SCALE_TOKENS[name].default])) as ScaleSet;
}
