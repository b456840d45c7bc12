// `cabin brand`: OEM tools for brand packs — check a pack (schema, assets, tokens, WCAG contrast), scaffold a new one.
import { relative, resolve } from 'node:path';
import { checkBrandPack, type PackReport } from '../../services/brand/brandPack';
import { formatIssue, summarise } from '../../services/brand/brandReport';
import { ScaffoldError, scaffoldBrand } from '../../services/brand/scaffoldBrand';
import { CliFailure, dispatch, parseFlags, UsageError, type CliCommand, type CliIO } from '../command';
import { projectRoot } from '../start/paths';

const checkHelp = `Usage: cabin brand check DIR [DIR…] [--json]

Checks a brand pack folder (brand.json, logos, fonts) the way Cabin loads it at start-up:
  - brand.json: JSON syntax (line:column) and schema, each error with its JSON path
  - logos and fonts: present, readable, within size limits (checked before reading), well formed;
    a face given as fonts.cjk must cover every Chinese character Cabin shows
  - tokens: only declared tokens, each with a valid value (see docs/brand-guide.md)
  - WCAG 2.x contrast of every text/background token pair, by day and by night, at the lowest
    brightness: 4.5:1 for body text, 3:1 for large text and icons; each failure says "contrast"
  - feature flags, map tile source (https only), driving-restriction thresholds (tighter only)

Problems go to standard error as FILE:LINE:COLUMN: JSON.PATH: message; a summary of each pack goes
to standard output (with --json, one JSON object per pack instead).

The exit code is 0 when every pack passes, 1 otherwise.
`;

const newHelp = `Usage: cabin brand new ID [--out DIR] [--name NAME] [--name-zh NAME]

Creates a brand pack that passes "cabin brand check": brand.json with every declared token set to
the default brand's value, and a square logo (logos/mark.svg) to replace.

  --out DIR        folder to create (default: ./ID); it must not exist or be empty
  --name NAME      the brand's name in English (default: from the id, "acme-motors" → "Acme Motors")
  --name-zh NAME   the brand's name in Simplified Chinese (default: the English name)

To ship the pack, put it in assets/brands/ID and start Cabin with --brand ID.
`;

function reportJson(report: PackReport, shown: string) {
  return {
    dir: report.dir,
    ok: report.issues.length === 0,
    issues: report.issues.map((i) => ({
      file: i.file ?? shown,
      line: i.location?.line ?? null,
      col: i.location?.col ?? null,
      path: i.path,
      category: i.category,
      message: i.message,
    })),
    contrast: report.contrast.map((c) => ({ mode: c.mode, foreground: c.foreground, background: c.background, kind: c.kind, ratio: Number(c.ratio.toFixed(3)), minimum: c.minimum, ok: c.ok })),
  };
}

const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check a brand pack: schema, assets, declared tokens, WCAG contrast by day and night',
  help: checkHelp,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } }, { positionals: true });
    if (positionals.length === 0) throw new UsageError('give the pack folder: cabin brand check DIR (e.g. assets/brands/cabin)');
    const assetsDir = resolve(projectRoot, 'assets');
    let problems = 0;
    for (const dirArg of positionals) {
      const report = await checkBrandPack(resolve(io.cwd, dirArg), { assetsDir });
      const shown = relative(io.cwd, report.brandFile) || report.brandFile;
      for (const issue of report.issues) io.stderr.write(`${formatIssue(issue, shown)}\n`);
      problems += report.issues.length;
      io.stdout.write(values.json ? `${JSON.stringify(reportJson(report, shown))}\n` : `${summarise(report).join('\n')}\n`);
    }
    const packs = positionals.length === 1 ? '1 pack' : `${positionals.length} packs`;
    io.stderr.write(`cabin brand check: ${problems} ${problems === 1 ? 'problem' : 'problems'} in ${packs}\n`);
    return problems === 0 ? 0 : 1;
  },
};

const newCommand: CliCommand = {
  name: 'new',
  summary: 'scaffold a brand pack that passes the check',
  help: newHelp,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { out: { type: 'string' }, name: { type: 'string' }, 'name-zh': { type: 'string' } }, { positionals: true });
    if (positionals.length !== 1) throw new UsageError('give one brand id: cabin brand new ID (e.g. acme-motors)');
    const [id] = positionals;
    const dir = resolve(io.cwd, values.out ?? id);
    try {
      const files = await scaffoldBrand(id, { dir, name: values.name, nameZh: values['name-zh'] });
      io.stdout.write(`${dir}\n`);
      io.stderr.write(`cabin brand new: wrote ${files.join(', ')} in ${relative(io.cwd, dir) || '.'}; edit them, then run "cabin brand check ${relative(io.cwd, dir) || '.'}"\n`);
      return 0;
    } catch (error) {
      if (error instanceof ScaffoldError) throw new CliFailure(error.message);
      throw error;
    }
  },
};

const summary = 'brand packs: check one (schema, assets, tokens, contrast), scaffold a new one';
const subcommands: CliCommand[] = [checkCommand, newCommand];

export const brandCommand: CliCommand & { dispatchesTo: CliCommand[] } = {
  name: 'brand',
  summary,
  help: `Usage: cabin brand <check|new> [flags]\n\n${subcommands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n`,
  dispatchesTo: subcommands,
  run: (args: string[], io: CliIO) => dispatch('cabin brand', `cabin brand — ${summary}`, subcommands, args, io),
};
