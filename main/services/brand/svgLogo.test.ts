import { describe, expect, it } from 'vitest';
import { checkSvgLogo } from './svgLogo';

const svg = (body: string, attrs = 'viewBox="0 0 64 64"') => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>\n`;

describe('checkSvgLogo', () => {
  it('accepts plain vector art with a viewBox', () => {
    expect(checkSvgLogo(`<?xml version="1.0"?>\n<!-- mark -->\n${svg('<rect width="64" height="64" fill="#000"/><use href="#a"/>')}`, { square: true })).toEqual({ problems: [], aspect: 1 });
    expect(checkSvgLogo(svg('<path d="M0 0h10"/>', 'viewBox="0,0,200,50"'), { square: false })).toEqual({ problems: [], aspect: 4 });
  });

  it('refuses scripts, handlers, external references, entities and text', () => {
    const problems = (body: string) => checkSvgLogo(svg(body), { square: true }).problems;
    expect(problems('<script>alert(1)</script>')).toEqual(['contains a <script> element; logos must be plain vector art']);
    expect(problems('<rect onclick="x()"/>')).toEqual(['contains an event-handler attribute (on…=); logos must be plain vector art']);
    expect(problems('<image href="https://example.com/a.png"/>')).toEqual(['refers to an external resource (href="https://example.com/a.png"); embed everything in the file']);
    expect(problems('<rect style="fill:url(http://x/y)"/>')[0]).toMatch(/refers to an external resource/);
    expect(problems('<foreignObject><div/></foreignObject>')).toEqual(['contains a <foreignObject> element; logos must be plain vector art']);
    expect(problems('<text x="0" y="10">Acme</text>')).toEqual([expect.stringMatching(/uses <text>; .* draw lettering as paths/)]);
    expect(checkSvgLogo(`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${svg('')}`, { square: true }).problems).toEqual(['is not an SVG image (no <svg> root element)']);
  });

  it('needs a viewBox, a square one for the mark, and a closing tag', () => {
    expect(checkSvgLogo(svg('', 'width="64" height="64"'), { square: true }).problems).toEqual(['has no viewBox on its <svg> element, so it cannot scale to every screen size']);
    expect(checkSvgLogo(svg('', 'viewBox="0 0 200 50"'), { square: true }).problems).toEqual(['has a 200×50 viewBox; the mark is also the app icon, so it must be square']);
    expect(checkSvgLogo('<svg viewBox="0 0 1 1"><rect/>', { square: true }).problems).toEqual(['is not a complete SVG (no closing </svg>)']);
    expect(checkSvgLogo('\u0000'.repeat(100), { square: true }).problems).toEqual(['is not an SVG image (no <svg> root element)']);
  });
});
