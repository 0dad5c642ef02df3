import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { finished } from "node:stream/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isLedgerErrorOf } from "@duty-ledger/domain";
import { isEventStoreError, type EventStore } from "@duty-ledger/event-store";
import { createRuleSetRegistry, loadRuleSets } from "@duty-ledger/scoring";
import type { BrokenEvent } from "./chain-checker.js";
import { diffWithApi, isDiffAccessError } from "./diff-with-api.js";
import type { Difference } from "./diff-values.js";
import { exportLog } from "./export-log.js";
import { isExportLineError } from "./exported-event.js";
import { importLog, isTargetNotEmptyError } from "./import-log.js";
import { describeStore, isStoreLocationError } from "@duty-ledger/event-store";
import { openAuditStore, storeLocationOf } from "./open-audit-store.js";
import { createProgressBar, type ProgressStream } from "./progress-bar.js";
import { isReplayTable, replayCsv, replayTables, type ReplayTable } from "./replay-csv.js";
import { writeReplayJson } from "./replay-json.js";
import { parseReplayCut, replayAsOf, type Replay } from "./replay.js";
import { isRankingNotFound, replayRanking, type RankingReplay } from "./replay-ranking.js";
import { describeProgrammeReplay, isProgrammeNotFound, replayProgramme } from "./replay-programme.js";
import { parseSeal } from "./seal.js";
import { parseTimeBound } from "./time-bound.js";
import { isHeadFileError, readHeadFile } from "./transparency/head-file.js";
import { verifyLog, type LogVerification } from "./verify-log.js";

/** What the audit command may touch of the process: injected (the CLI passes the real ones). */
export interface AuditIo {
  /** The arguments after `audit`: `["verify", "--seal", "…"]`. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  /** For `import -`. Default: none (a file must be named). */
  readonly stdin?: NodeJS.ReadableStream;
}

export const auditUsage = `duty-ledger audit <command> — check the log without trusting the running services

  duty-ledger audit export [--from <position>] [--to <position>] [--since <time>] [--until <time>] [--out <file>]
      The log (or a range of positions / of recording times) as NDJSON, one event per line,
      whole: data, metadata, hash. To stdout unless --out; a progress bar on a terminal (stderr).
  duty-ledger audit import <file|-> [--allow-non-empty]
      An export into an empty store (each event verbatim, its hash chain checked); prints the seal.
  duty-ledger audit verify [--up-to <position>] [--seal <seal>] [--head <file> [--public-key <key>]] [--json]
      Re-computes every stream's hash chain: ok, counts, the first broken event and what is wrong
      (altered, missing, reordered). --seal: also proves the sealed part of the log is unchanged.
      --head: proves the log extends a tree head you saved (GET /v1/audit/tree-head), naming the
      first bad position; --public-key (GET /v1/audit/public-keys) also checks its signature.
  duty-ledger audit seal [--up-to <position>] [--json]
      Verifies, then prints the seal of the log (up to a position): keep it outside the system.
  duty-ledger audit replay [--as-of <time|position>] [--scores-as-of <time>] [--rules <name[@version]>]
                           [--deputy <id>]… [--year <YYYY>]… [--period <YYYY>]… [--unit <id>]…
                           [--format json|csv] [--table ${replayTables.join("|")}] [--out <path>]
                           [--diff <url> --token <token>]
  duty-ledger audit replay --ranking <id> [--rule-sets <folder>] [--json]
      Folds the log in memory through the services' projections and scoring: the duty records and
      the scores as they stood then. --diff compares them with the running query API (exit 1 on
      any difference). csv: one table to stdout (--table), or all of them into the --out folder.
      --ranking: recomputes a published ranking (POST /v1/rankings) from the first treeSize events
      of the log, those recorded by its knownAt, and says whether its answer (SHA-256 of its
      RFC 8785 JSON) and the tree's root are those published: exit 0 they are, 1 they are not.
      --rule-sets: the folder of the ledger's own rule sets (<data dir>/rule-sets), if it used one.
  duty-ledger audit replay --programme <id> [--json]
      Recounts a livelihood programme's vote (民生实事票决) from its ballot boxes in the log and
      checks the result recorded at the close is the recount, digit for digit; names the first
      discrepancy (exit 1), else OK (exit 0).

  Store: --store-url <esdb://…|kurrentdb://…|sqlite:<file>|<file>>, else DUTY_LEDGER_STORE,
  EVENTSTORE_URL, DUTY_LEDGER_DATA_DIR (its events.sqlite). Times: ISO 8601 with offset, or a
  date YYYY-MM-DD (Asia/Shanghai). Exit codes: 0 ok, 1 problem found or refused, 2 usage.
`;

class AuditUsageError extends Error {
  readonly code = "AUDIT_USAGE";
}

const usage = (message: string): never => {
  throw new AuditUsageError(message);
};

const position = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) usage(`${flag} must be a position (an integer), got ${JSON.stringify(value)}`);
  return Number(value);
};

const storeOptions = {
  "store-url": { type: "string" },
} as const;

const describeBroken = (broken: BrokenEvent): string => {
  const where = [
    broken.streamId === null ? "the log" : `stream ${broken.streamId}`,
    broken.revision === null ? null : `revision ${broken.revision}`,
    broken.eventId === null ? null : `event ${broken.eventId}`,
    broken.position === null ? null : `position ${broken.position}`,
  ].filter((part) => part !== null);
  return `${broken.problem.toUpperCase()} at ${where.join(", ")}: ${broken.detail}`;
};

const printVerification = (io: AuditIo, result: LogVerification, json: boolean): void => {
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = [
    `verified ${result.events} events in ${result.streams} streams, up to position ${result.upTo} (head ${result.head})`,
    `seal of the verified log: ${result.seal}`,
  ];
  if (result.sealCheck !== undefined) lines.push(`seal ${result.sealCheck.ok ? "OK" : "MISMATCH"}: ${result.sealCheck.detail}`);
  if (result.treeCheck !== undefined) {
    const check = result.treeCheck;
    lines.push(`${check.against === "saved" ? "tree head" : "store's tree"} ${check.treeSize} ${check.ok ? "OK" : "MISMATCH"}: ${check.detail}`);
    if (!check.ok && check.firstBadPosition !== null) lines.push(`first bad position: ${check.firstBadPosition}`);
  }
  if (result.firstBroken !== undefined) {
    lines.push(`first broken: ${describeBroken(result.firstBroken)}`);
    lines.push(`${result.problemCount} problem(s), ${result.brokenStreams} broken stream(s):`);
    for (const problem of result.problems) lines.push(`  ${describeBroken(problem)}`);
    if (result.problemCount > result.problems.length) lines.push(`  … and ${result.problemCount - result.problems.length} more`);
  }
  lines.push(result.ok ? "OK" : "BROKEN");
  io.stdout.write(`${lines.join("\n")}\n`);
};

/** An error SQLite raised opening a file (not a database, unreadable, locked…). */
const isSqliteFileError = (error: unknown): error is Error =>
  error instanceof Error && typeof (error as { code?: unknown }).code === "string" && String((error as { code?: unknown }).code).startsWith("SQLITE_");

const withStore = async (io: AuditIo, storeUrl: string | undefined, mustExist: boolean, run: (store: EventStore) => Promise<number>): Promise<number> => {
  const location = storeLocationOf(storeUrl, io.env);
  let store: EventStore;
  try {
    store = openAuditStore(location, { mustExist });
  } catch (error) {
    if (isSqliteFileError(error)) return usage(`cannot open the event store ${describeStore(location)}: ${error.message}`);
    throw error;
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
};

const runExport = async (io: AuditIo, args: readonly string[]): Promise<number> => {
  const { values } = parseArgs({
    args: [...args],
    options: { ...storeOptions, from: { type: "string" }, to: { type: "string" }, since: { type: "string" }, until: { type: "string" }, out: { type: "string" } },
    strict: true,
  });
  const fromPosition = position(values.from, "--from");
  const toPosition = position(values.to, "--to");
  const fromTime = values.since === undefined ? undefined : parseTimeBound(values.since, "start", "since");
  const toTime = values.until === undefined ? undefined : parseTimeBound(values.until, "end", "until");
  return withStore(io, values["store-url"], true, async (store) => {
    const out = values.out === undefined ? io.stdout : createWriteStream(values.out);
    const bar = createProgressBar(io.stderr as ProgressStream, { what: "export" });
    const dense = store.capabilities.densePositions;
    const summary = await exportLog(store, out, {
      ...(fromPosition === undefined ? {} : { fromPosition }),
      ...(toPosition === undefined ? {} : { toPosition }),
      ...(fromTime === undefined ? {} : { fromTime }),
      ...(toTime === undefined ? {} : { toTime }),
      onProgress: (p) => bar.update(p.read, dense ? p.upTo - (fromPosition ?? 1) + 1 : 0, `${p.written} written`),
    });
    bar.done();
    if (out !== io.stdout) {
      out.end();
      await finished(out);
    }
    io.stderr.write(
      `exported ${summary.events} events` +
        (summary.firstPosition === null ? "" : `, positions ${summary.firstPosition}..${summary.lastPosition ?? summary.firstPosition}`) +
        ` (head ${summary.head})${values.out === undefined ? "" : ` to ${values.out}`}\n`,
    );
    return 0;
  });
};

const runImport = async (io: AuditIo, args: readonly string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { ...storeOptions, "allow-non-empty": { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) usage("import takes one file (or - for stdin)");
  let input: NodeJS.ReadableStream;
  if (file === "-") input = io.stdin ?? usage("import -: no standard input here");
  else if (!existsSync(file as string)) return usage(`import: no file ${JSON.stringify(file)}`);
  else input = createReadStream(file as string);
  return withStore(io, values["store-url"], false, async (store) => {
    const bar = createProgressBar(io.stderr as ProgressStream, { what: "import" });
    const summary = await importLog(store, input, { allowNonEmpty: values["allow-non-empty"], onProgress: (p) => bar.update(p.events, 0, `line ${p.line}`) });
    bar.done();
    io.stderr.write(`imported ${summary.events} events into ${store.name}, head position ${summary.position}\n`);
    io.stdout.write(`${summary.seal}\n`);
    return 0;
  });
};

const runVerify = async (io: AuditIo, args: readonly string[], sealing: boolean): Promise<number> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...storeOptions,
      "up-to": { type: "string" },
      json: { type: "boolean", default: false },
      ...(sealing ? {} : { seal: { type: "string" }, head: { type: "string" }, "public-key": { type: "string" } }),
    },
    strict: true,
  });
  const { head: headFile, "public-key": publicKey } = values as { head?: string; "public-key"?: string };
  if (publicKey !== undefined && headFile === undefined) usage("--public-key checks the signature of a --head: give both");
  const saved = headFile === undefined ? undefined : readHeadFile(headFile, publicKey);
  if (saved?.signatureValid === false) {
    io.stderr.write(`duty-ledger audit: the signature of the head in ${headFile} does not verify with that public key: the head is not the ledger's\n`);
    return 1;
  }
  const upTo = position(values["up-to"], "--up-to");
  const sealText = (values as { seal?: string }).seal;
  const seal = sealText === undefined ? undefined : (parseSeal(sealText) ?? usage(`--seal: not a seal: ${JSON.stringify(sealText)} (dlseal1:<events>:<sha-256>)`));
  return withStore(io, values["store-url"], true, async (store) => {
    const bar = createProgressBar(io.stderr as ProgressStream, { what: sealing ? "seal" : "verify" });
    const dense = store.capabilities.densePositions;
    const result = await verifyLog(store, {
      ...(upTo === undefined ? {} : { upTo }),
      ...(seal === undefined ? {} : { seal }),
      ...(saved === undefined ? {} : { treeHead: saved.head }),
      onProgress: (p) => bar.update(p.events, dense ? p.upTo : 0, `position ${p.position}`),
    });
    bar.done();
    if (!sealing) {
      printVerification(io, result, values.json);
      return result.ok ? 0 : 1;
    }
    if (!result.ok) {
      io.stderr.write("the log is broken: no seal printed\n");
      printVerification({ ...io, stdout: io.stderr }, result, false);
      return 1;
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ seal: result.seal, events: result.events, streams: result.streams, position: result.position, head: result.head }, null, 2)}\n`);
    } else {
      io.stdout.write(`${result.seal}\n`);
      io.stderr.write(`sealed ${result.events} events in ${result.streams} streams, up to position ${result.position} of ${describeStore(storeLocationOf(values["store-url"], io.env))}\n`);
    }
    return 0;
  });
};

const formatValue = (value: unknown): string => (value === undefined ? "(absent)" : JSON.stringify(value));

const printDifferences = (io: AuditIo, differences: readonly Difference[], compared: number, json: boolean): void => {
  if (json) {
    io.stdout.write(`${JSON.stringify({ same: differences.length === 0, compared, differences: differences.map((d) => ({ path: d.path, replayed: d.replayed ?? null, served: d.served ?? null, replayedAbsent: d.replayed === undefined, servedAbsent: d.served === undefined })) }, null, 2)}\n`);
    return;
  }
  const lines = differences.map((d) => `${d.path}\treplayed ${formatValue(d.replayed)}\tserved ${formatValue(d.served)}`);
  lines.push(differences.length === 0 ? `SAME: ${compared} answers compared, no difference` : `DIFFERENT: ${differences.length} difference(s) in ${compared} answers compared`);
  io.stdout.write(`${lines.join("\n")}\n`);
};

const writeReplay = (io: AuditIo, replay: Replay, format: "json" | "csv", table: ReplayTable | undefined, out: string | undefined): void => {
  if (format === "json") {
    if (out === undefined) {
      writeReplayJson(replay, (text) => io.stdout.write(text));
      return;
    }
    const file = openSync(out, "w");
    try {
      writeReplayJson(replay, (text) => writeSync(file, text));
    } finally {
      closeSync(file);
    }
    return;
  }
  if (out === undefined) {
    io.stdout.write(replayCsv(replay, table ?? usage(`--format csv to stdout needs --table ${replayTables.join("|")} (or --out <folder> for all tables)`)));
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const name of table === undefined ? replayTables : [table]) writeFileSync(join(out, `${name}.csv`), replayCsv(replay, name));
};

const printRankingReplay = (io: AuditIo, replay: RankingReplay, json: boolean): void => {
  if (json) {
    io.stdout.write(`${JSON.stringify(replay, null, 2)}\n`);
    return;
  }
  const lines = [
    `ranking ${replay.rankingId}: period ${replay.period}, rules ${replay.rules}, as of ${replay.asOf}, known at ${replay.knownAt}, on the first ${replay.treeSize} events`,
    `answer ${replay.answerMatches ? "MATCHES" : "DIFFERS"}: published sha-256 ${replay.published.answerDigest}, recomputed ${replay.recomputed.answerDigest}`,
    replay.rootMatches === null
      ? "root: this store keeps no Merkle tree (not checked)"
      : `root ${replay.rootMatches ? "MATCHES" : "DIFFERS"}: published ${replay.published.rootHash}, the log's ${replay.recomputed.rootHash ?? ""}`,
    ...replay.differences.slice(0, 50).map((d) => `  ${d.path}\trecomputed ${formatValue(d.replayed)}\tpublished ${formatValue(d.served)}`),
    replay.ok ? "OK" : "MISMATCH",
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
};

/** `replay --ranking ID`: the other replay options do not apply. */
const runRankingReplay = async (io: AuditIo, rankingId: string, values: { readonly "store-url"?: string | undefined; readonly "rule-sets"?: string | undefined; readonly json: boolean }): Promise<number> => {
  const folder = values["rule-sets"];
  const ruleSets = createRuleSetRegistry(folder === undefined ? [] : await loadRuleSets(folder));
  return withStore(io, values["store-url"], true, async (store) => {
    const replay = await replayRanking(store, rankingId, { ruleSets });
    printRankingReplay(io, replay, values.json);
    return replay.ok ? 0 : 1;
  });
};

const runReplay = async (io: AuditIo, args: readonly string[]): Promise<number> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...storeOptions,
      ranking: { type: "string" },
      programme: { type: "string" },
      "rule-sets": { type: "string" },
      "as-of": { type: "string" },
      "scores-as-of": { type: "string" },
      rules: { type: "string" },
      deputy: { type: "string", multiple: true },
      year: { type: "string", multiple: true },
      period: { type: "string", multiple: true },
      unit: { type: "string", multiple: true },
      format: { type: "string", default: "json" },
      table: { type: "string" },
      out: { type: "string" },
      diff: { type: "string" },
      token: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.programme !== undefined) {
    const others = (["ranking", "rule-sets", "as-of", "scores-as-of", "rules", "deputy", "year", "period", "unit", "table", "out", "diff", "token"] as const).filter((flag) => values[flag] !== undefined);
    if (others.length > 0) return usage(`--programme recounts one programme's vote: --${others.join(", --")} do not apply`);
    const programmeId = values.programme;
    return withStore(io, values["store-url"], true, async (store) => {
      const replay = await replayProgramme(store, programmeId);
      io.stdout.write(values.json ? `${JSON.stringify(replay, null, 2)}\n` : describeProgrammeReplay(replay));
      return replay.ok ? 0 : 1;
    });
  }
  if (values.ranking !== undefined) {
    const others = (["as-of", "scores-as-of", "rules", "deputy", "year", "period", "unit", "table", "out", "diff", "token"] as const).filter((flag) => values[flag] !== undefined);
    if (others.length > 0) return usage(`--ranking replays a published ranking as it was published: --${others.join(", --")} do not apply`);
    return runRankingReplay(io, values.ranking, values);
  }
  if (values["rule-sets"] !== undefined) return usage("--rule-sets goes with --ranking");
  const format = values.format;
  if (format !== "json" && format !== "csv") return usage(`--format must be json or csv, got ${JSON.stringify(format)}`);
  const table = values.table;
  if (table !== undefined && !isReplayTable(table)) return usage(`--table must be one of ${replayTables.join(", ")}`);
  if (values.diff !== undefined && values.token === undefined) usage("--diff needs --token <an auditor's token>");
  const years = values.year?.map((year) => (/^\d{4}$/.test(year) ? Number(year) : usage(`--year must be YYYY, got ${JSON.stringify(year)}`)));
  const periods = values.period?.map((period) => (/^\d{4}$/.test(period) ? period : usage(`--period must be YYYY, got ${JSON.stringify(period)}`)));
  const ruleSet = createRuleSetRegistry().resolve(values.rules);
  const cut = values["as-of"] === undefined ? undefined : parseReplayCut(values["as-of"]);

  return withStore(io, values["store-url"], true, async (store) => {
    const bar = createProgressBar(io.stderr as ProgressStream, { what: "replay" });
    // After the fold (a tenth of the replay's time or more on a province): the records, deputy by deputy.
    const recordsBar = createProgressBar(io.stderr as ProgressStream, { what: "records", unit: "deputies" });
    let folded = false;
    const dense = store.capabilities.densePositions;
    const replay = await replayAsOf(store, {
      ruleSet,
      ...(cut === undefined ? {} : { asOf: cut }),
      ...(values["scores-as-of"] === undefined ? {} : { scoresAsOf: values["scores-as-of"] }),
      ...(values.deputy === undefined ? {} : { deputyIds: values.deputy }),
      ...(years === undefined ? {} : { years }),
      ...(periods === undefined ? {} : { periods }),
      ...(values.unit === undefined ? {} : { unitIds: values.unit }),
      onProgress: (p) => bar.update(p.events, dense ? p.upTo : 0, `position ${p.position}`),
      onRecordsProgress: (p) => {
        if (!folded) bar.done();
        folded = true;
        recordsBar.update(p.deputies, p.of);
      },
    });
    if (!folded) bar.done();
    recordsBar.done();
    io.stderr.write(
      `replayed ${replay.cut.events} events up to position ${replay.cut.position} (as of ${replay.asOf}): ` +
        `${replay.deputyRecords.length} duty records, ${replay.scores.length} period(s) of scores, ${replay.unitScores.length} unit answers\n`,
    );
    if (values.diff === undefined) {
      writeReplay(io, replay, format, table, values.out);
      return 0;
    }
    if (values.out !== undefined) writeReplay(io, replay, format, table, values.out);
    const diffBar = createProgressBar(io.stderr as ProgressStream, { what: "diff" });
    const report = await diffWithApi(replay, { baseUrl: values.diff, token: values.token as string, onProgress: (done, total) => diffBar.update(done, total) });
    diffBar.done();
    printDifferences(io, report.differences, report.compared, values.json);
    return report.same ? 0 : 1;
  });
};

/**
 * `duty-ledger audit export|import|verify|seal|replay …`. Returns the exit code: 0 ok (log
 * whole, answers the same), 1 a problem found or an operation refused, 2 a usage mistake.
 * Other errors (the store unreachable…) are thrown to the caller.
 */
export const runAuditCommand = async (io: AuditIo): Promise<number> => {
  const [command, ...args] = io.argv;
  try {
    switch (command) {
      case "export":
        return await runExport(io, args);
      case "import":
        return await runImport(io, args);
      case "verify":
        return await runVerify(io, args, false);
      case "seal":
        return await runVerify(io, args, true);
      case "replay":
        return await runReplay(io, args);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(auditUsage);
        return command === undefined ? 2 : 0;
      default:
        return usage(`unknown audit command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    const parseError = error instanceof TypeError && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
    if (error instanceof AuditUsageError || parseError || isHeadFileError(error) || isStoreLocationError(error) || isLedgerErrorOf(error, "VALIDATION")) {
      io.stderr.write(`duty-ledger audit: ${(error as Error).message}\n\n${auditUsage}`);
      return 2;
    }
    if (isExportLineError(error) || isTargetNotEmptyError(error) || isDiffAccessError(error) || isEventStoreError(error) || isRankingNotFound(error) || isProgrammeNotFound(error)) {
      io.stderr.write(`duty-ledger audit: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
};
