import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { moveStoreFiles } from "./store-files.js";

/**
 * Generated event logs cached on disk for benchmarks (`pnpm bench`): seeding a province takes
 * a minute or more, so a bench that needs one (projection rebuild, audit verify or replay)
 * seeds it once and reuses the file afterwards. Exported from `@duty-ledger/testing/bench`.
 *
 *     const path = await cachedProvinceLog({ seed: 1 });   // <repo>/.bench/cache/province-1-<version>/events.sqlite
 *
 * The file is what `duty-ledger seed --profile <profile> --seed <seed>` writes (SQLite store,
 * simulated `recordedAt`). It is SHARED: open it to read only (or copy it first), never append
 * to it; a cached file whose head position no longer matches its manifest is seeded again.
 * A new generator version (any change to the generator's or the domain's sources) or a new
 * store schema version seeds a new file; older versions of the same profile and seed are
 * removed. Concurrent callers (two bench processes) wait for the one seeding.
 */

export type CachedLogProfile = "county" | "city" | "province";

export interface CachedLogOptions {
  /** Default `"province"` (~1.3 M events, 613 k streams, ~1 GB). */
  readonly profile?: CachedLogProfile;
  /** Default 1. */
  readonly seed?: number | string;
  /** Default `$BENCH_CACHE_DIR`, else `<repo>/.bench/cache` (git-ignored). */
  readonly cacheDir?: string;
  /** Progress lines while seeding (default: to stderr). */
  readonly log?: (line: string) => void;
}

/** `<cache dir>/<profile>-<seed>-<generator version>/manifest.json`. */
export interface CachedLogManifest {
  readonly profile: CachedLogProfile;
  readonly seed: string;
  readonly generatorVersion: string;
  readonly schemaVersion: number;
  readonly events: number;
  readonly appends: number;
  readonly streams: number;
  readonly headPosition: number;
  readonly seededAt: string;
  readonly seedSeconds: number;
  readonly eventsPerSecond: number;
}

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Source files whose content defines what the generator produces: the generator's and the domain's. */
const fingerprintedDirs = [join(repositoryRoot, "packages/generator/src"), join(repositoryRoot, "packages/domain/src")];

const isFingerprinted = (name: string): boolean => name.endsWith(".ts") && !name.endsWith(".d.ts") && !/\.(test|spec|test-support)\.ts$/.test(name);

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile() && isFingerprinted(entry.name)) files.push(path);
  }
  return files;
}

/**
 * The generator version: 12 hex digits of a SHA-256 over the generator's and the domain's
 * source files (tests excluded), so any change that may change the generated history gives a
 * new version. Computed from the repository's sources (benchmarks run in the repository).
 */
export function generatorVersion(): string {
  const hash = createHash("sha256");
  for (const dir of fingerprintedDirs) {
    for (const file of listFiles(dir).sort()) {
      hash.update(`${relative(repositoryRoot, file)}\n`);
      hash.update(readFileSync(file));
      hash.update("\n");
    }
  }
  return hash.digest("hex").slice(0, 12);
}

const safeName = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, "_");

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readManifest(dir: string): Promise<CachedLogManifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as CachedLogManifest;
  } catch {
    return null;
  }
}

/** The cached file, if its manifest matches and the file still holds exactly what was seeded. */
async function validCachedLog(dir: string, expected: Pick<CachedLogManifest, "profile" | "seed" | "generatorVersion" | "schemaVersion">): Promise<string | null> {
  const manifest = await readManifest(dir);
  const path = join(dir, "events.sqlite");
  if (manifest === null || !existsSync(path)) return null;
  if (
    manifest.profile !== expected.profile ||
    manifest.seed !== expected.seed ||
    manifest.generatorVersion !== expected.generatorVersion ||
    manifest.schemaVersion !== expected.schemaVersion
  ) {
    return null;
  }
  const { createSqliteEventStore } = await import("@duty-ledger/event-store");
  try {
    // Opening checks the schema version (a newer one is refused); nothing is written.
    const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });
    try {
      return (await store.headPosition()) === manifest.headPosition ? path : null;
    } finally {
      await store.close();
    }
  } catch {
    return null;
  }
}

/** Takes `<dir>.lock` (exclusive create); waits while a live process holds it, takes over a dead one's. */
async function lock(lockPath: string, log: (line: string) => void): Promise<() => Promise<void>> {
  let waited = false;
  for (;;) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(`${process.pid} ${hostname()}\n`);
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const [pid, host] = (await readFile(lockPath, "utf8").catch(() => "")).trim().split(" ");
    const holder = Number(pid);
    if (host === hostname() && Number.isInteger(holder) && holder > 0 && !processAlive(holder)) {
      await rm(lockPath, { force: true }); // left by a process that died while seeding
      continue;
    }
    if (!waited) log(`cachedProvinceLog: waiting for process ${pid ?? "?"} seeding into the same cache`);
    waited = true;
    await sleep(1000);
  }
}

/**
 * The path of a SQLite event log holding the generated history of `profile` (default
 * province) and `seed` (default 1), seeding it on first use (see the module comment).
 */
export async function cachedProvinceLog(options: CachedLogOptions = {}): Promise<string> {
  const profile = options.profile ?? "province";
  const seed = String(options.seed ?? 1);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cacheDir = options.cacheDir ?? process.env["BENCH_CACHE_DIR"] ?? join(repositoryRoot, ".bench", "cache");
  const { SQLITE_SCHEMA_VERSION } = await import("@duty-ledger/event-store");
  const version = generatorVersion();
  const expected = { profile, seed, generatorVersion: version, schemaVersion: SQLITE_SCHEMA_VERSION };
  const prefix = `${profile}-${safeName(seed)}-`;
  const dir = join(cacheDir, `${prefix}${version}`);

  const cached = await validCachedLog(dir, expected);
  if (cached !== null) return cached;

  await mkdir(cacheDir, { recursive: true });
  const unlock = await lock(`${dir}.lock`, log);
  try {
    const seededMeanwhile = await validCachedLog(dir, expected);
    if (seededMeanwhile !== null) return seededMeanwhile;
    const path = await seedCachedLog(dir, expected, log);
    await removeOtherVersions(cacheDir, prefix, dir, log);
    return path;
  } finally {
    await unlock();
  }
}

/** Removes the cached logs of other generator versions of the same profile and seed (not being seeded). */
async function removeOtherVersions(cacheDir: string, prefix: string, keep: string, log: (line: string) => void): Promise<void> {
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    const path = join(cacheDir, entry.name);
    if (!entry.isDirectory() || !entry.name.startsWith(prefix) || path === keep || existsSync(`${path}.lock`)) continue;
    if ((await readManifest(path)) === null) continue; // not one of ours, or being seeded
    await rm(path, { recursive: true, force: true });
    log(`cachedProvinceLog: removed ${path} (another generator version)`);
  }
}

async function seedCachedLog(
  dir: string,
  expected: Pick<CachedLogManifest, "profile" | "seed" | "generatorVersion" | "schemaVersion">,
  log: (line: string) => void,
): Promise<string> {
  const [{ createSqliteBulkWriter }, { createSimulatedClock, seedStore }] = await Promise.all([
    import("@duty-ledger/event-store"),
    import("@duty-ledger/generator"),
  ]);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const path = join(dir, "events.sqlite");
  const seeding = join(dir, "events.seeding.sqlite");
  const clock = createSimulatedClock();
  log(`cachedProvinceLog: seeding ${expected.profile} (seed ${expected.seed}, generator ${expected.generatorVersion}) into ${path}`);
  const writer = createSqliteBulkWriter(seeding, { now: clock.now, durability: "normal" });
  let result;
  try {
    result = await seedStore(
      writer,
      { profile: expected.profile, seed: expected.seed },
      {
        clock,
        progressEveryEvents: 100_000,
        onProgress: (p) =>
          log(`  ${p.events.toLocaleString("en-US")} events, ${Math.round(p.eventsPerSecond).toLocaleString("en-US")} events/s, ${(p.fraction * 100).toFixed(0)} %`),
      },
    );
  } finally {
    await writer.close(); // checkpoints and removes the WAL: one self-contained file
  }
  await moveStoreFiles(seeding, path);
  const manifest: CachedLogManifest = {
    ...expected,
    events: result.events,
    appends: result.appends,
    streams: result.streams,
    headPosition: result.headPosition,
    seededAt: new Date().toISOString(),
    seedSeconds: Math.round(result.elapsedMs) / 1000,
    eventsPerSecond: Math.round(result.eventsPerSecond),
  };
  await writeFile(join(dir, "manifest.tmp.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(join(dir, "manifest.tmp.json"), join(dir, "manifest.json"));
  log(
    `cachedProvinceLog: ${result.events.toLocaleString("en-US")} events, ${result.streams.toLocaleString("en-US")} streams in ` +
      `${manifest.seedSeconds.toFixed(1)} s (${manifest.eventsPerSecond.toLocaleString("en-US")} events/s)`,
  );
  return path;
}
