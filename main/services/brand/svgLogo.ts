// Checks a logo is a self-contained, scalable SVG: no scripts, no external references, a viewBox (square for the mark).

export interface SvgCheck {
  problems: string[];
  /** viewBox width / height, when there is one. */
  aspect: number | null;
}

const FORBIDDEN: [RegExp, string][] = [
  [/<!DOCTYPE/i, 'a DOCTYPE (entities can expand without bound)'],
  [/<!ENTITY/i, 'an ENTITY declaration'],
  [/<script[\s>/]/i, 'a <script> element'],
  [/<foreignObject[\s>/]/i, 'a <foreignObject> element'],
  [/\son[a-z]+\s*=/i, 'an event-handler attribute (on…=)'],
  [/javascript:/i, 'a javascript: URL'],
  [/@import/i, 'a CSS @import'],
];

/** href / xlink:href / url(…) that point outside the file: an <img> would not load them, a renderer should not try. */
const EXTERNAL_REF = /(?:\bhref\s*=\s*["']\s*(?!#|data:)[^"']+["'])|(?:url\(\s*["']?\s*(?!#|data:)[^)"']+)/i;

export function checkSvgLogo(text: string, { square }: { square: boolean }): SvgCheck {
  const problems: string[] = [];
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg\b([^>]*)>/i.exec(text);
  if (!root) return { problems: ['is not an SVG image (no <svg> root element)'], aspect: null };
  if (!/<\/svg\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(text)) problems.push('is not a complete SVG (no closing </svg>)');
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) problems.push(`contains ${what}; logos must be plain vector art`);
  const external = EXTERNAL_REF.exec(text);
  if (external) problems.push(`refers to an external resource (${external[0].trim()}); embed everything in the file`);
  let aspect: number | null = null;
  const viewBox = /\bviewBox\s*=\s*["']\s*(-?[\d.]+)[\s,]+(-?[\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/.exec(root[1]);
  if (!viewBox) problems.push('has no viewBox on its <svg> element, so it cannot scale to every screen size');
  else {
    const [w, h] = [Number(viewBox[3]), Number(viewBox[4])];
    if (!(w > 0 && h > 0)) problems.push('has a viewBox with no area');
    else {
      aspect = w / h;
      if (square && Math.abs(aspect - 1) > 0.01) problems.push(`has a ${w}×${h} viewBox; the mark is also the app icon, so it must be square`);
    }
  }
  // Text in an <img>-rendered SVG falls back to whatever fonts the system has: draw lettering as paths.
  if (/<text[\s>]/i.test(text)) problems.push('uses <text>; an SVG shown as an image cannot use the app\'s fonts, so draw lettering as paths');
  return { problems, aspect };
}
