import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/**
 * Timing, medians and ratio tables for `pnpm bench` workloads (a benchmark, not a test).
 * Exported from the subpath `@duty-ledger/testing/bench` (bench.ts), not from the package's main index.
 *
 * A workload compares subjects (a raw baseline, the subject under test, peers) on the same
 * job: every subject opens a session in its own fresh temp dir, then the repetitions
 * alternate between subjects (the order reversed every other round) so machine noise
 * hits all of them alike. The first rounds are warm-up and are not counted.
 */

/** What one timed repetition did: `ops` operations (appends or events) in `seconds`. */
export interface Sample {
  readonly ops: number;
  readonly seconds: number;
}

/** Rates (operations per second) over the counted repetitions. */
export interface RateStats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** A subject opened for one workload; `run` is one repetition, it times only what it measures. */
export interface SubjectSession {
  run(repetition: number): Promise<Sample>;
  close(): Promise<void>;
  /** Something the reader of the results should know (e.g. retried operations), shown under the table. */
  note?(): string | null;
}

export type SubjectRole = "baseline" | "subject" | "peer";

/**
 * The subject's median rate must reach `ratio` times the baseline's (or exceed it, when
 * `strict`); with `against`, that of the workload's subject of this name instead.
 */
export interface Goal {
  readonly ratio: number;
  readonly strict?: boolean;
  readonly against?: string;
}

export interface Subject {
  readonly name: string;
  readonly role: SubjectRole;
  readonly goal?: Goal;
  /** A second goal (its own row), e.g. against another subject. */
  readonly alsoGoal?: Goal;
  /** Not measurable in this run; the row says why. */
  readonly pending?: string;
  /** Prepares the subject (untimed) in `dir`, a fresh directory removed after the workload. */
  readonly open?: (dir: string) => Promise<SubjectSession>;
}

export interface Workload {
  readonly name: string;
  /** What `ops` counts, e.g. "appends" or "events". */
  readonly unit: string;
  readonly subjects: readonly Subject[];
}

export interface RunOptions {
  readonly warmup: number;
  readonly repetitions: number;
  readonly log?: (line: string) => void;
}

export type Verdict = "pass" | "fail" | "info" | "pending" | "error";

export interface ResultRow {
  readonly workload: string;
  readonly unit: string;
  readonly subject: string;
  readonly role: SubjectRole;
  readonly stats: RateStats | null;
  /** Median rate over the baseline's median rate; null for the baseline itself or without one. */
  readonly ratio: number | null;
  readonly goal: Goal | null;
  readonly verdict: Verdict;
  /** Why a row is pending or failed to run, or what its session noted. */
  readonly note: string | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

export function rateStats(samples: readonly Sample[]): RateStats {
  const rates = samples.map((s) => s.ops / s.seconds);
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates), count: rates.length };
}

/** Runs `fn` and returns how long it took in seconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ readonly seconds: number; readonly result: T }> {
  const start = performance.now();
  const result = await fn();
  return { seconds: (performance.now() - start) / 1000, result };
}

/** `BENCH_SCALE` (default 1): multiplies every workload size. */
export function benchScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env["BENCH_SCALE"];
  if (raw === undefined || raw.trim() === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`BENCH_SCALE must be a positive number, got "${raw}"`);
  return scale;
}

/** `base × scale`, rounded to a multiple of `multipleOf` (at least one multiple). */
export function scaled(base: number, scale: number, multipleOf = 1): number {
  return Math.max(multipleOf, Math.round((base * scale) / multipleOf) * multipleOf);
}

/** Repetitions (`BENCH_REPETITIONS`, default 5, at least 1) and warm-up rounds (`BENCH_WARMUP`, default 1). */
export function benchRounds(env: NodeJS.ProcessEnv = process.env): { readonly warmup: number; readonly repetitions: number } {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer >= ${min}, got "${raw}"`);
    return n;
  };
  return { warmup: read("BENCH_WARMUP", 1, 0), repetitions: read("BENCH_REPETITIONS", 5, 1) };
}

/** Creates a fresh directory under the OS temp dir, and removes it after `fn`, whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix.replace(/[^a-z0-9-]+/gi, "-")}-`));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}

interface Active {
  readonly subject: Subject;
  readonly session: SubjectSession;
  readonly samples: Sample[];
  failure: string | null;
}

/** Runs one workload: opens every subject, alternates warm-up then counted repetitions, closes. */
export async function runWorkload(workload: Workload, options: RunOptions): Promise<ResultRow[]> {
  const log = options.log ?? (() => undefined);
  return withTempDir(`bench-${workload.name}`, async (dir) => {
    const active: Active[] = [];
    const failures = new Map<Subject, string>();
    try {
      for (const [index, subject] of workload.subjects.entries()) {
        if (subject.pending !== undefined || subject.open === undefined) continue;
        const subjectDir = join(dir, `s${index}`);
        try {
          await mkdir(subjectDir);
          active.push({ subject, session: await subject.open(subjectDir), samples: [], failure: null });
        } catch (error) {
          failures.set(subject, `could not open: ${errorMessage(error)}`);
        }
      }
      const rounds = options.warmup + options.repetitions;
      for (let round = 0; round < rounds; round += 1) {
        const order = round % 2 === 0 ? active : [...active].reverse();
        for (const entry of order) {
          if (entry.failure !== null) continue;
          try {
            const sample = await entry.session.run(round);
            if (round >= options.warmup) entry.samples.push(sample);
          } catch (error) {
            entry.failure = `failed in repetition ${round}: ${errorMessage(error)}`;
          }
        }
        log(`  ${workload.name}: round ${round + 1}/${rounds}${round < options.warmup ? " (warm-up)" : ""}`);
      }
    } finally {
      for (const entry of active) {
        try {
          await entry.session.close();
        } catch (error) {
          entry.failure ??= `failed to close: ${errorMessage(error)}`;
        }
      }
    }
    const notes = new Map<Subject, string>();
    for (const entry of active) {
      if (entry.failure !== null) failures.set(entry.subject, entry.failure);
      const note = entry.session.note?.() ?? null;
      if (note !== null) notes.set(entry.subject, note);
    }

    const statsOf = new Map<Subject, RateStats>();
    for (const entry of active) {
      if (entry.failure === null && entry.samples.length > 0) statsOf.set(entry.subject, rateStats(entry.samples));
    }
    const baseline = workload.subjects.find((s) => s.role === "baseline");
    const baselineMedian = baseline === undefined ? undefined : statsOf.get(baseline)?.median;

    const goalsOf = (subject: Subject): (Goal | null)[] => (subject.alsoGoal === undefined ? [subject.goal ?? null] : [subject.goal ?? null, subject.alsoGoal]);
    return workload.subjects.flatMap((subject) =>
      goalsOf(subject).map((goal): ResultRow => {
        const stats = statsOf.get(subject) ?? null;
        const against = goal?.against === undefined ? baseline : workload.subjects.find((s) => s.name === goal.against);
        const againstMedian = against === undefined ? undefined : against === baseline ? baselineMedian : statsOf.get(against)?.median;
        const ratio = stats !== null && againstMedian !== undefined && subject !== against ? stats.median / againstMedian : null;
        const note = subject.pending ?? failures.get(subject) ?? notes.get(subject) ?? null;
        let verdict: Verdict;
        if (subject.pending !== undefined) verdict = "pending";
        else if (stats === null) verdict = "error";
        else if (goal === null) verdict = "info";
        else if (ratio === null) verdict = "error";
        else verdict = (goal.strict === true ? ratio > goal.ratio : ratio >= goal.ratio) ? "pass" : "fail";
        const name = goal?.against === undefined ? subject.name : `${subject.name} (vs ${goal.against})`;
        return { workload: workload.name, unit: workload.unit, subject: name, role: subject.role, stats, ratio, goal, verdict, note };
      }),
    );
  });
}

function formatRate(rate: number): string {
  if (rate >= 10_000) return `${(rate / 1000).toFixed(1)}k`;
  if (rate >= 1000) return `${(rate / 1000).toFixed(2)}k`;
  return rate.toFixed(0);
}

function formatGoal(goal: Goal | null): string {
  if (goal === null) return "";
  const percent = `${Math.round(goal.ratio * 100)} %`;
  const of = goal.against === undefined ? "raw" : "the row compared";
  return goal.strict === true ? `> ${percent} of ${of}` : `≥ ${percent} of ${of}`;
}

/**
 * A Markdown table: workload | subject | median rate | min–max | ratio to raw | goal | result.
 * Pending or failed rows carry their reason after the table.
 */
export function formatResults(rows: readonly ResultRow[]): string {
  const header = ["workload", "subject", "ops/s (median)", "min–max", "ratio to raw", "goal", "pass/fail"];
  const notes: string[] = [];
  const body = rows.map((row) => {
    let result: string = row.verdict;
    if (row.note !== null) {
      const kind = row.verdict === "pending" || row.verdict === "error" ? row.verdict : "note";
      notes.push(`${kind} [${row.workload} / ${row.subject}]: ${row.note}`);
      result = `${row.verdict} (${notes.length})`;
    }
    return [
      row.workload,
      row.subject,
      row.stats === null ? "—" : `${formatRate(row.stats.median)} ${row.unit}/s`,
      row.stats === null ? "—" : `${formatRate(row.stats.min)}–${formatRate(row.stats.max)}`,
      row.role === "baseline" ? "1.00 (baseline)" : row.ratio === null ? "—" : row.ratio.toFixed(row.ratio < 0.1 ? 3 : 2),
      formatGoal(row.goal),
      result,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const table = [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)];
  return [...table, ...notes.map((n, i) => `(${i + 1}) ${n}`)].join("\n");
}
