import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { shanghaiIsoOf } from "@duty-ledger/domain";
import { createSqliteBulkWriter, EVENTS_FILE_NAME, type EventStore, type SqliteBulkWriter, type SqliteDurability } from "@duty-ledger/event-store";
import { createDemoIdentityCollector } from "./demo-identities.js";
import { defaultHistoryYears, DEFAULT_HISTORY_FROM } from "./generate-history.js";
import { generatorProfiles, type GeneratorProfile } from "./region-plan.js";
import { createSimulatedClock, isStoreNotEmptyError, seedStore, type SeedProgress, type SimulatedClock } from "./seed-store.js";

/**
 * `duty-ledger seed --profile county|city|province --seed N [--data-dir D] [--years Y]
 *  [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--scale S] [--durability full|normal] [--force]`
 *
 * Opens the embedded store's file `<dataDir>/events.sqlite` with a SQLite bulk writer on a
 * simulated clock (recordedAt follows the simulated history) and appends a generated history. Refuses a store that holds events,
 * unless `--force`, which DELETES the store file first. Pure of process globals: streams,
 * environment and working directory are injected, so services/cli can register it as is.
 */

/** The embedded store's file in the data folder (as services/cli's open-store.ts names it). */

export interface SeedCommandIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base of a relative data folder (default: the process's working directory). */
  readonly cwd?: string;
  /** Opens the store (default: a SQLite bulk writer at `path` with `clock`); for other adapters or tests. */
  readonly openStore?: (path: string, clock: SimulatedClock, durability: SqliteDurability) => EventStore | SqliteBulkWriter;
  readonly elapsed?: () => number;
}

export const SEED_USAGE = `usage: duty-ledger seed [--profile county|city|province] [--seed N] [--data-dir D] [--years Y]
                        [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--scale S] [--durability full|normal] [--force]
  --profile     county (default, ~5k events/year), city (~10x), province (>1M events)
  --seed        same seed, same history (default 1)
  --data-dir    data folder (default: $DUTY_LEDGER_DATA_DIR or ./data); the store is <dir>/${EVENTS_FILE_NAME}
  --years       years of history (default: county ${defaultHistoryYears.county}, city ${defaultHistoryYears.city}, province ${defaultHistoryYears.province})
  --from        first day, Asia/Shanghai (default ${DEFAULT_HISTORY_FROM})
  --until       last day, Asia/Shanghai, instead of --years (e.g. today: the history runs up to now)
  --scale       multiplies every population (default 1)
  --durability  SQLite durability while seeding (default: $DUTY_LEDGER_SQLITE_DURABILITY or normal)
  --force       delete an existing store file first (read models built from it become stale)
`;

class SeedUsageError extends Error {}

const isProfile = (value: string): value is GeneratorProfile => (generatorProfiles as readonly string[]).includes(value);

const number = (value: string | undefined, name: string, check: (n: number) => boolean): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !check(parsed)) throw new SeedUsageError(`--${name}: invalid value ${JSON.stringify(value)}`);
  return parsed;
};

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

const removeStoreFiles = (path: string): void => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
};

/** Runs `duty-ledger seed`; resolves to the exit code (0 done, 1 failed, 2 usage). */
export const runSeedCommand = async (argv: readonly string[], io: SeedCommandIo): Promise<number> => {
  const args = argv[0] === "seed" ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: "string" },
        seed: { type: "string" },
        "data-dir": { type: "string" },
        years: { type: "string" },
        from: { type: "string" },
        until: { type: "string" },
        scale: { type: "string" },
        durability: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${SEED_USAGE}`);
    return 2;
  }
  const values = parsed.values;
  if (values.help === true) {
    io.stdout.write(SEED_USAGE);
    return 0;
  }
  let profile: GeneratorProfile;
  let years: number | undefined;
  let scale: number | undefined;
  let durability: SqliteDurability;
  const from = values.from;
  const until = values.until;
  try {
    const profileName = values.profile ?? "county";
    if (!isProfile(profileName)) throw new SeedUsageError(`--profile: one of ${generatorProfiles.join(", ")}, got ${JSON.stringify(profileName)}`);
    profile = profileName;
    years = number(values.years, "years", (n) => Number.isInteger(n) && n >= 1 && n <= 50);
    scale = number(values.scale, "scale", (n) => n > 0 && n <= 100);
    if (from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new SeedUsageError(`--from: expected YYYY-MM-DD, got ${JSON.stringify(from)}`);
    if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new SeedUsageError(`--until: expected YYYY-MM-DD, got ${JSON.stringify(until)}`);
    if (until !== undefined && years !== undefined) throw new SeedUsageError("--until and --years: give one of them");
    if (until !== undefined && until <= (from ?? DEFAULT_HISTORY_FROM)) throw new SeedUsageError(`--until: a day after --from (${from ?? DEFAULT_HISTORY_FROM}), got ${until}`);
    const durabilityName = values.durability ?? io.env["DUTY_LEDGER_SQLITE_DURABILITY"] ?? "normal";
    if (durabilityName !== "full" && durabilityName !== "normal") throw new SeedUsageError(`--durability: full or normal, got ${JSON.stringify(durabilityName)}`);
    durability = durabilityName;
    if ((io.env["DUTY_LEDGER_STORE"] ?? "sqlite") !== "sqlite" && io.openStore === undefined) {
      throw new SeedUsageError("seed writes the embedded SQLite store (DUTY_LEDGER_STORE=sqlite); for EventStoreDB call seedStore() with that adapter");
    }
  } catch (error) {
    if (!(error instanceof SeedUsageError)) throw error;
    io.stderr.write(`${error.message}\n${SEED_USAGE}`);
    return 2;
  }
  const seed = values.seed ?? "1";
  const dataDir = resolve(io.cwd ?? ".", values["data-dir"] ?? io.env["DUTY_LEDGER_DATA_DIR"] ?? "./data");
  const path = join(dataDir, EVENTS_FILE_NAME);
  const clock = createSimulatedClock();
  const open = io.openStore ?? ((file: string, storeClock: SimulatedClock, mode: SqliteDurability) => createSqliteBulkWriter(file, { now: storeClock.now, durability: mode }));

  try {
    mkdirSync(dataDir, { recursive: true });
    let store = open(path, clock, durability);
    const head = await store.headPosition();
    if (head > 0) {
      await store.close();
      if (values.force !== true) {
        io.stderr.write(`${path} already holds ${fmt(head)} events; not seeding (use --force to delete it and seed anew)\n`);
        return 1;
      }
      removeStoreFiles(path);
      io.stderr.write(`--force: deleted ${path} (${fmt(head)} events); rebuild or delete read models built from it\n`);
      store = open(path, clock, durability);
    }
    const tty = io.stdout.isTTY === true;
    const collector = createDemoIdentityCollector();
    const onProgress = (p: SeedProgress): void => {
      if (!tty) return;
      io.stdout.write(`\r\x1b[K seeding ${profile}: ${fmt(p.events)} events, ${fmt(p.eventsPerSecond)} events/s, ${(p.fraction * 100).toFixed(0)} % (${p.simulatedTime.slice(0, 10)})`);
    };
    let result;
    try {
      result = await seedStore(store, { profile, seed, ...(scale === undefined ? {} : { scale }), ...(from === undefined ? {} : { from }), ...(years === undefined ? {} : { years }), ...(until === undefined ? {} : { until }) }, {
        clock,
        onProgress,
        observe: (append) => collector.observe(append),
        ...(io.elapsed === undefined ? {} : { elapsed: io.elapsed }),
      });
    } finally {
      await store.close();
    }
    if (tty) io.stdout.write("\n");
    const o = result.options;
    const lines = [
      `seeded profile ${o.profile} (seed ${o.seed}, scale ${o.scale}, ${o.from} to ${shanghaiIsoOf(Date.parse(o.untilInstant) - 1, "second").slice(0, 10)}) into ${path}`,
      `${fmt(result.events)} events in ${fmt(result.appends)} appends, ${fmt(result.streams)} streams; ${(result.elapsedMs / 1000).toFixed(1)} s, ${fmt(result.eventsPerSecond)} events/s`,
      `recorded ${result.firstRecordedAt ?? "-"} .. ${result.lastRecordedAt ?? "-"} (store clock follows the simulated time, batches of <= 1 h)`,
      `events by type: ${Object.entries(result.eventsByType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `${type} ${fmt(count)}`)
        .join(", ")}`,
      "demo identities (duty-ledger token --role <role> --sub <sub>):",
      ...collector.identities().map((id) => `  ${id.role.padEnd(8)} ${id.sub.padEnd(18)}${id.stationId === undefined ? "" : ` stationId ${id.stationId}`}  ${id.name}: ${id.description}`),
    ];
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (isStoreNotEmptyError(error)) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
};
