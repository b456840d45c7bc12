// Writes a pack check's findings as lines people and editors can jump from: FILE:LINE:COL: JSON.PATH: message.
import { formatRatio } from '../../../shared/brand/contrast';
import { formatJsonPath } from '../../../shared/brand/locatedJson';
import type { LocatedIssue, PackReport } from './brandPack';

export function formatIssue(issue: LocatedIssue, brandFile: string): string {
  const where = issue.location ? `${brandFile}:${issue.location.line}:${issue.location.col}` : brandFile;
  return issue.path.length ? `${where}: ${formatJsonPath(issue.path)}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** One line per category with a count, then the weakest contrast pair by day and by night. */
export function summarise(report: PackReport): string[] {
  const lines: string[] = [];
  const brand = report.loaded?.brand;
  lines.push(brand ? `${brand.id}: ${brand.name.en} / ${brand.name['zh-CN']} (${brand.appId})` : report.dir);
  for (const mode of ['day', 'night'] as const) {
    const pairs = report.contrast.filter((c) => c.mode === mode);
    if (!pairs.length) continue;
    const weakest = pairs.reduce((a, b) => (b.ratio / b.minimum < a.ratio / a.minimum ? b : a));
    const failing = pairs.filter((p) => !p.ok).length;
    lines.push(
      `  ${mode.padEnd(5)} ${pairs.length} contrast pairs, ${failing} failing; closest to its minimum: ${weakest.foreground} on ${weakest.background} ` +
        `${formatRatio(weakest.ratio, weakest.minimum)} (needs ${weakest.minimum}:1)`,
    );
  }
  if (report.loaded) {
    const { logos, fonts } = report.loaded;
    lines.push(`  logos ${Object.keys(logos).join(', ')}; font files ${fonts.length || 'none (bundled faces)'}`);
  }
  return lines;
}
