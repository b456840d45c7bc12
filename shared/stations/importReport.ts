// What an import says about its input: per record, each value normalised or rejected with its JSON path, and the totals.
import type { Location } from './model';

/**
 * normalised: kept after a fix (kW given as W, padded enum, country name…);
 * rejected: thrown away because it is wrong (and the record or the part without it kept when possible);
 * dropped: left out by the rules, not an error (EVSE REMOVED, location not published).
 */
export type IssueKind = 'normalised' | 'rejected' | 'dropped';

export interface ImportIssue {
  /** JSON path in the input, e.g. `$.data[12].evses[0].connectors[1].max_electric_power`. */
  path: string;
  kind: IssueKind;
  /** Stable code for counting, e.g. `power-kw-as-w`. */
  code: string;
  message: string;
}

export type RecordOutcomeKind = 'kept' | 'rejected' | 'unpublished' | 'duplicate' | 'no-connectors';

export interface RecordOutcome {
  /** Position of the record in its input (array index). */
  index: number;
  path: string;
  id?: string;
  outcome: RecordOutcomeKind;
  issues: ImportIssue[];
}

export interface ImportCounts {
  records: number;
  /** Locations kept (published, with at least one connector). */
  locations: number;
  evses: number;
  connectors: number;
  rejected: number;
  unpublished: number;
  duplicates: number;
  noConnectors: number;
  removedEvses: number;
  rejectedEvses: number;
  rejectedConnectors: number;
  normalised: number;
}

export interface ImportReport {
  source: string;
  format: 'ocpi' | 'ocm';
  /** Problems with the input as a whole (envelope, status code…). */
  inputIssues: ImportIssue[];
  /** Only records with something to say (issues, or not kept); clean kept records are counted, not listed. */
  records: RecordOutcome[];
  counts: ImportCounts;
  /** How many times each issue code occurred. */
  byCode: Record<string, number>;
  /** Issues counted but not listed because the list hit its cap. */
  unlistedIssues: number;
}

export interface ImportResult {
  locations: Location[];
  report: ImportReport;
}

/** The most issues listed in one report; the rest are still counted in byCode. */
export const MAX_LISTED_ISSUES = 20_000;

export function emptyCounts(): ImportCounts {
  return {
    records: 0,
    locations: 0,
    evses: 0,
    connectors: 0,
    rejected: 0,
    unpublished: 0,
    duplicates: 0,
    noConnectors: 0,
    removedEvses: 0,
    rejectedEvses: 0,
    rejectedConnectors: 0,
    normalised: 0,
  };
}

/** Collects the issues of one record while it is imported. */
export class IssueSink {
  readonly issues: ImportIssue[] = [];

  normalised(path: string, code: string, message: string): void {
    this.issues.push({ path, kind: 'normalised', code, message });
  }

  rejected(path: string, code: string, message: string): void {
    this.issues.push({ path, kind: 'rejected', code, message });
  }

  dropped(path: string, code: string, message: string): void {
    this.issues.push({ path, kind: 'dropped', code, message });
  }
}

/** Builds a report record by record, keeping the listed issues under MAX_LISTED_ISSUES. */
export class ReportBuilder {
  private readonly report: ImportReport;
  private listed = 0;

  constructor(source: string, format: 'ocpi' | 'ocm') {
    this.report = { source, format, inputIssues: [], records: [], counts: emptyCounts(), byCode: {}, unlistedIssues: 0 };
  }

  get counts(): ImportCounts {
    return this.report.counts;
  }

  inputIssue(issue: ImportIssue): void {
    this.count(issue);
    this.report.inputIssues.push(issue);
  }

  record(index: number, path: string, id: string | undefined, outcome: RecordOutcomeKind, issues: ImportIssue[]): void {
    const counts = this.report.counts;
    counts.records += 1;
    if (outcome === 'rejected') counts.rejected += 1;
    else if (outcome === 'unpublished') counts.unpublished += 1;
    else if (outcome === 'duplicate') counts.duplicates += 1;
    else if (outcome === 'no-connectors') counts.noConnectors += 1;
    for (const issue of issues) this.count(issue);
    if (issues.length === 0 && outcome === 'kept') return;
    const room = Math.max(0, MAX_LISTED_ISSUES - this.listed);
    const listedIssues = issues.length <= room ? issues : issues.slice(0, room);
    this.listed += listedIssues.length;
    this.report.unlistedIssues += issues.length - listedIssues.length;
    this.report.records.push({ index, path, id, outcome, issues: listedIssues });
  }

  kept(location: Location): void {
    const counts = this.report.counts;
    counts.locations += 1;
    counts.evses += location.evses.length;
    for (const evse of location.evses) counts.connectors += evse.connectors.length;
  }

  finish(): ImportReport {
    return this.report;
  }

  private count(issue: ImportIssue): void {
    this.report.byCode[issue.code] = (this.report.byCode[issue.code] ?? 0) + 1;
    const counts = this.report.counts;
    if (issue.kind === 'normalised') counts.normalised += 1;
    if (issue.code === 'evse-removed') counts.removedEvses += 1;
    else if (issue.kind === 'rejected' && issue.code.startsWith('evse-')) counts.rejectedEvses += 1;
    else if (issue.kind === 'rejected' && issue.code.startsWith('connector-')) counts.rejectedConnectors += 1;
  }
}

/** One line per listed issue, `path: kind code: message`, for the CLI and logs. */
export function formatIssue(prefix: string, issue: ImportIssue): string {
  return `${prefix}${issue.path}: ${issue.kind} (${issue.code}): ${issue.message}`;
}
