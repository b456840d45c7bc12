// Proves the CSS token rule fires on literal colours, sizes, durations and weights (and stays quiet for tokens), and that the renderer's CSS passes it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../fixtures/corpus';
import { findLiterals } from './cssTokens.mjs';

const eslint = new ESLint({ cwd: projectRoot });

async function lintCss(code: string, filePath = 'renderer/app/Probe.module.css') {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`);
}

describe('the CSS token rule', () => {
  it.each([
    ['a hex colour', '.a { color: #ff0000; }', 'literal colour "#ff0000" in color'],
    ['a short hex colour in a shorthand', '.a { border: var(--cabin-stroke-control) solid #000; }', 'literal colour "#000" in border'],
    ['a colour function', '.a { background: rgba(0, 0, 0, 0.5); }', 'literal colour rgba() in background'],
    ['a named colour', '.a { background: black; }', 'literal colour "black" in background'],
    ['a colour as a var() fallback', '.a { color: var(--cabin-color-text, white); }', 'literal colour "white" in color'],
    ['a pixel size', '.a { padding: 16px var(--cabin-space-md); }', 'literal size "16px" in padding'],
    ['a size inside calc()', '.a { width: calc(100% - 12px); }', 'literal size "12px" in width'],
    ['a rem font size', '.a { font-size: 1.5rem; }', 'literal size "1.5rem" in font-size'],
    ['a viewport size', '.a { height: 100vh; }', 'literal size "100vh" in height'],
    ['a size in a nested rule', '@media (max-width: 1400px) {\n  .a { gap: 8px; }\n}', 'literal size "8px" in gap'],
    ['a custom property defined with a literal', '.a { --local-gap: 10px; }', 'literal size "10px" in --local-gap'],
    ['a duration', '.a { transition: opacity 300ms ease; }', 'literal duration "300ms" in transition'],
    ['a font weight', '.a { font-weight: 600; }', 'literal font-weight "600"'],
    ['a line height', '.a { line-height: 1.1; }', 'literal line-height "1.1"'],
  ])('rejects %s', async (_name, code, message) => {
    const messages = await lintCss(code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('cabin/css-tokens');
    expect(messages[0]).toContain(message);
  });

  it('says where: line and column of the literal', async () => {
    expect(await lintCss('.a {\n  color: var(--cabin-color-text);\n  margin: 0 4px;\n}\n')).toEqual([
      'cabin/css-tokens 3:13 literal size "4px" in margin: use a size, space, radius or stroke token (a one-off as calc() of tokens)',
    ]);
  });

  it('lets tokens, one-offs as calc() of tokens, zero, percentages, fr, plain numbers and breakpoints through', async () => {
    const code = [
      '/* a comment may say 12px and #fff */',
      '.a { color: var(--cabin-color-text); background: transparent; border-color: currentColor; }',
      '.b { width: calc(var(--cabin-size-dock) * 2 + var(--cabin-space-md)); margin: 0; flex: 1 0 0%; opacity: 0.5; z-index: 2; }',
      '.c { grid-template-columns: var(--cabin-size-driver-strip) minmax(0, 1fr); transition: opacity var(--cabin-motion-fast) var(--cabin-motion-easing); }',
      '.d { font-weight: var(--cabin-font-weight-bold); line-height: var(--cabin-line-height-tight); content: "#fff 12px"; }',
      '@media (max-width: 1400px) { .e { grid-template-columns: 1fr; } }',
    ].join('\n');
    expect(await lintCss(code)).toEqual([]);
    expect(findLiterals(code)).toEqual([]);
  });

  it('checks the global stylesheet as well as CSS modules', async () => {
    expect(await lintCss('body { background: #0b0f14; }', 'renderer/theme/global.css')).toHaveLength(1);
  });

  it('every CSS file of the renderer passes it', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.css')) files.push(path);
      }
    };
    walk(join(projectRoot, 'renderer'));
    expect(files.length).toBeGreaterThan(8);
    const offenders = files.flatMap((file) =>
      findLiterals(readFileSync(file, 'utf8')).map((p) => `${relative(projectRoot, file)}:${p.line}:${p.column}: ${p.message}`),
    );
    expect(offenders).toEqual([]);
  });
});
