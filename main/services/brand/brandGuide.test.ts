import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLOR_TOKENS, COLOR_TOKEN_NAMES } from '../../../shared/brand/colorTokens';
import { colorVariable, scaleVariable } from '../../../shared/brand/cssVariables';
import { FEATURES } from '../../../shared/brand/brandSchema';
import { SCALE_TOKEN_NAMES } from '../../../shared/brand/scaleTokens';
import { projectRoot } from '../../../test/fixtures/corpus';

const guide = readFileSync(join(projectRoot, 'docs', 'brand-guide.md'), 'utf8');

describe('docs/brand-guide.md', () => {
  it('documents every declared token with its CSS custom property and default', () => {
    for (const name of COLOR_TOKEN_NAMES) {
      const row = guide.split('\n').find((l) => l.startsWith(`| \`${name}\` | \`${colorVariable(name)}\``));
      expect(row, name).toBeDefined();
      expect(row).toContain(`\`${COLOR_TOKENS[name].day}\` | \`${COLOR_TOKENS[name].night}\``);
    }
    for (const name of SCALE_TOKEN_NAMES) {
      const variable = scaleVariable(name);
      expect(guide, name).toContain(`| \`${name}\` | ${variable ? `\`${variable}\`` : '(data, not CSS)'} |`);
    }
  });

  it('names every feature flag', () => {
    for (const feature of FEATURES) expect(guide).toContain(`\`${feature}\``);
  });
});
