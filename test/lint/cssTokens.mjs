// The CSS token rule as an ESLint processor: renderer CSS may not hold literal colours, sizes, durations or font weights; they come from design tokens.
//
// ESLint reads the renderer's CSS through this processor (eslint.config.js), so `npm run lint` reports
// each literal with its line and column like any other lint error. A processor that hands ESLint no
// JavaScript blocks and returns its own messages is ESLint's documented way to check a non-JS file.

export const RULE_ID = 'cabin/css-tokens';

/** CSS colour keywords (CSS Color 4); transparent and currentColor are not colours of their own. */
const NAMED_COLORS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue ' +
    'slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow ' +
    'yellowgreen canvas canvastext linktext visitedtext activetext buttonface buttontext buttonborder field fieldtext ' +
    'highlight highlighttext graytext mark marktext'
  ).split(' '),
);

const LENGTH_UNITS =
  'px|rem|em|pt|pc|cm|mm|in|q|ex|ch|ic|cap|lh|rlh|vw|vh|vi|vb|vmin|vmax|svw|svh|lvw|lvh|dvw|dvh|svmin|svmax|cqw|cqh|cqi|cqb|cqmin|cqmax';
const LENGTH = new RegExp(`(?<![\\w.#-])(-?(?:\\d+\\.?\\d*|\\.\\d+))(${LENGTH_UNITS})(?![\\w-])`, 'gi');
const DURATION = /(?<![\w.#-])(-?(?:\d+\.?\d*|\.\d+))(ms|s)(?![\w-])/gi;
const HEX = /#[0-9a-f]{3,8}(?![\w-])/gi;
const COLOR_FUNCTION = /(?<![\w-])(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix)\(/gi;
const WORD = /(?<![\w-])([a-z]+)(?![\w(-])/gi;
const NUMBER = /(?<![\w.#-])(-?(?:\d+\.?\d*|\.\d+))(?![\w%.])/g;
/** Properties whose bare numbers are typographic sizes or weights: tokens too. */
const NUMERIC_TOKENS = new Set(['font-weight', 'line-height']);

/**
 * Every literal colour, length, duration and font weight in the declarations of `css` (at-rule preludes such as
 * `@media (max-width: 1400px)` may use lengths: a breakpoint is the screen's size, not a design value).
 * Each problem has a 1-based line and column.
 */
export function findLiterals(css) {
  const problems = [];
  // Comments and strings become spaces of the same length, so offsets keep pointing at the source.
  const text = css.replace(/\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, (m) => m.replace(/[^\n]/g, ' '));
  const position = (offset) => {
    const before = css.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const report = (offset, message) => problems.push({ ...position(offset), message });

  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      depth += 1;
      start = i + 1;
    } else if (ch === '}' || ch === ';' || i === text.length) {
      const chunk = text.slice(start, i);
      const colon = chunk.indexOf(':');
      // A declaration sits inside a block; what precedes "{" (selectors, at-rule preludes) is never checked.
      if (depth > 0 && colon > 0 && !/^\s*@/.test(chunk)) checkDeclaration(chunk, start, colon, report);
      if (ch === '}') depth = Math.max(0, depth - 1);
      start = i + 1;
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkDeclaration(chunk, offset, colon, report) {
  const property = chunk.slice(0, colon).trim().toLowerCase();
  const valueStart = offset + colon + 1;
  const value = chunk.slice(colon + 1);
  // Inside var(--x) the name is not a value; its fallback, after the comma, is.
  const masked = value.replace(/var\(\s*--[\w-]+/g, (m) => ' '.repeat(m.length));
  const each = (pattern, fn) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(masked); m; m = pattern.exec(masked)) fn(m, valueStart + m.index);
  };
  each(HEX, (m, at) => report(at, `literal colour "${m[0]}" in ${property}: use a colour token, var(--cabin-color-…)`));
  each(COLOR_FUNCTION, (m, at) => report(at, `literal colour ${m[1]}() in ${property}: use a colour token, var(--cabin-color-…)`));
  each(WORD, (m, at) => {
    if (NAMED_COLORS.has(m[1].toLowerCase())) report(at, `literal colour "${m[1]}" in ${property}: use a colour token, var(--cabin-color-…)`);
  });
  each(LENGTH, (m, at) => {
    if (Number(m[1]) !== 0) report(at, `literal size "${m[0]}" in ${property}: use a size, space, radius or stroke token (a one-off as calc() of tokens)`);
  });
  each(DURATION, (m, at) => {
    if (Number(m[1]) !== 0) report(at, `literal duration "${m[0]}" in ${property}: use a motion token, var(--cabin-motion-…)`);
  });
  if (NUMERIC_TOKENS.has(property)) {
    each(NUMBER, (m, at) => report(at, `literal ${property} "${m[0]}": use a token, var(--cabin-${property === 'font-weight' ? 'font-weight' : 'line-height'}-…)`));
  }
}

/** The processor ESLint runs on renderer CSS: no JavaScript to lint, only the literals found. */
export const cssTokensPlugin = {
  meta: { name: 'cabin-css-tokens' },
  processors: {
    tokens: {
      meta: { name: 'cabin-css-tokens/tokens' },
      supportsAutofix: false,
      preprocess(text, filename) {
        found.set(filename, findLiterals(text));
        return [];
      },
      postprocess(_messages, filename) {
        const problems = found.get(filename) ?? [];
        found.delete(filename);
        return problems.map((p) => ({ ruleId: RULE_ID, severity: 2, message: p.message, line: p.line, column: p.column }));
      },
    },
  },
};

const found = new Map();
