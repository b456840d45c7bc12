// `cabin profiles`: list, export and import driver profiles of a data folder, for provisioning and support.
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PROFILE_SCHEMA_VERSION } from '../../../shared/profiles/profileSchema';
import { toProfilesFile } from '../../../shared/profiles/profilesFile';
import type { FileProblem } from '../../../shared/profiles/profilesFile';
import { importProfiles, readProfilesReadOnly } from '../../services/profiles/profileTransfer';
import { CliFailure, dispatch, parseFlags, UsageError, type CliCommand, type CliIO } from '../command';
import { defaultDataDir } from '../start/paths';

const dataDirHelp = `  --data-dir DIR  the user-data folder (default: ${defaultDataDir()}, as cabin start)`;

const listHelp = `Usage: cabin profiles list [--data-dir DIR] [--json]

Lists the driver profiles stored in a data folder: id, name, paired key fobs, and what the profile sets.
Reads only: it is safe while Cabin runs. A file that cannot be read is named on standard error.
${dataDirHelp}
  --json          print a JSON array of {id, name, keyFobs, updatedAt} instead of a table
`;

const exportHelp = `Usage: cabin profiles export [--data-dir DIR] [--out FILE]

Writes every profile of the data folder as one JSON file {"format": "cabin-profiles", "schemaVersion",
"exportedAt", "profiles": [...]} to FILE (replaced atomically) or to standard output. The adjustment history
the learner keeps stays on the car; accepted rules and refused suggestions are exported. The file is NOT
encrypted: treat it as personal data. Reads only: it is safe while Cabin runs.
${dataDirHelp}
  --out FILE      where to write (default: standard output)
`;

const importHelp = `Usage: cabin profiles import FILE [--data-dir DIR]

Imports the profiles in FILE (from "cabin profiles export", this or an older schema) into the data folder,
replacing profiles with the same id. The file is validated in full first: if anything is wrong nothing is
written, and every problem is listed on standard error as FILE:LINE:COL: JSON-PATH: what is wrong. A file
from a newer Cabin is refused naming its schema version. Refused while a running Cabin holds the folder.
${dataDirHelp}
Exit code 0 when imported, 1 when refused.
`;

function dataDirOf(value: string | undefined, io: CliIO): string {
  return value ? resolve(io.cwd, value) : defaultDataDir();
}

const listCommand: CliCommand = {
  name: 'list',
  summary: 'list the profiles of a data folder',
  help: listHelp,
  async run(args, io) {
    const { values } = parseFlags(args, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) {
      io.stdout.write(listHelp);
      return 0;
    }
    const { profiles, problems } = await readProfilesReadOnly(dataDirOf(values['data-dir'], io));
    for (const problem of problems) io.stderr.write(`${problem}\n`);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(profiles.map((p) => ({ id: p.id, name: p.name, keyFobs: p.keyFobs, updatedAt: new Date(p.updatedAt).toISOString() })))}\n`);
    } else {
      for (const p of profiles) {
        const sets = [p.seat.position !== null && 'seat', p.mirrors.driver.tilt !== null && 'mirrors', p.climate.temperature !== null && 'climate', Object.keys(p.preferences).length > 0 && 'preferences']
          .filter(Boolean)
          .join(', ');
        io.stdout.write(`${p.id}\t${p.name}\tkey fobs: ${p.keyFobs.join(', ') || 'none'}\tsets: ${sets || 'nothing yet'}\n`);
      }
    }
    io.stderr.write(`${profiles.length} profile${profiles.length === 1 ? '' : 's'}${problems.length ? `, ${problems.length} unreadable` : ''}\n`);
    return problems.length ? 1 : 0;
  },
};

const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the profiles of a data folder to one JSON file',
  help: exportHelp,
  async run(args, io) {
    const { values } = parseFlags(args, { 'data-dir': { type: 'string' }, out: { type: 'string' } });
    if (values.help) {
      io.stdout.write(exportHelp);
      return 0;
    }
    const { profiles, problems } = await readProfilesReadOnly(dataDirOf(values['data-dir'], io));
    for (const problem of problems) io.stderr.write(`${problem}\n`);
    const text = `${JSON.stringify(toProfilesFile(profiles, new Date().toISOString()), null, 2)}\n`;
    if (values.out) {
      const out = resolve(io.cwd, values.out);
      const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, out);
      io.stderr.write(`exported ${profiles.length} profile${profiles.length === 1 ? '' : 's'} to ${out}\n`);
    } else {
      io.stdout.write(text);
    }
    return problems.length ? 1 : 0;
  },
};

const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a profiles file into a data folder (validated in full first)',
  help: importHelp,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { 'data-dir': { type: 'string' } }, { positionals: true });
    if (values.help) {
      io.stdout.write(importHelp);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import; run "cabin profiles import --help"');
    const shown = positionals[0];
    const file = resolve(io.cwd, shown);
    let outcome;
    try {
      outcome = await importProfiles(file, dataDirOf(values['data-dir'], io), (line) => io.stderr.write(`${line}\n`));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new CliFailure(`${shown}: cannot be read (${code})`);
      throw error;
    }
    if (!outcome.ok) {
      if (outcome.locked) throw new CliFailure(`not imported: ${outcome.locked}`);
      for (const problem of outcome.problems) io.stderr.write(`${formatProblem(shown, problem)}\n`);
      io.stderr.write(`${shown}: not imported (${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}); nothing was changed\n`);
      return 1;
    }
    const { imported, replaced, fromSchema } = outcome;
    io.stderr.write(
      `imported ${imported.length} profile${imported.length === 1 ? '' : 's'} (${imported.map((p) => p.name).join(', ')})` +
        `${replaced.length ? `, replacing ${replaced.join(', ')}` : ''}${fromSchema < PROFILE_SCHEMA_VERSION ? `, migrated from schema ${fromSchema}` : ''}\n`,
    );
    return 0;
  },
};

function formatProblem(file: string, problem: FileProblem): string {
  const where = problem.line ? `${file}:${problem.line}:${problem.col}` : file;
  return `${where}: ${problem.path}: ${problem.message}`;
}

const subcommands = [listCommand, exportCommand, importCommand];
const summary = 'list, export and import driver profiles';

export const profilesCommand: CliCommand & { dispatchesTo: CliCommand[] } = {
  name: 'profiles',
  summary,
  help: `Usage: cabin profiles <list|export|import> [flags]\n\n${subcommands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n`,
  dispatchesTo: subcommands,
  run: (args: string[], io: CliIO) => dispatch('cabin profiles', `cabin profiles — ${summary}`, subcommands, args, io),
};
