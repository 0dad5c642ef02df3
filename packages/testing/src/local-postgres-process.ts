import { startLocalPostgres, type FromLocalPostgresProcess } from "./local-postgres.js";

/**
 * The process `startLocalPostgresApart` (local-postgres.ts) forks, in a process group of its own:
 * it starts the local PostgreSQL (`startLocalPostgres`, folder and port from its arguments),
 * reports `{kind: "started", url, created}` (or `{kind: "failed", message}`) over IPC, and stops
 * the server when asked (`"stop"`), when its parent is gone (the IPC channel closes) or on
 * SIGTERM / SIGINT sent to it. A Ctrl-C at the terminal reaches the ledger's process group only,
 * so the ledger closes (its last tree head stored) before its database stops.
 */

const send = (message: FromLocalPostgresProcess): void => {
  process.send?.(message);
};

const [folder, port] = process.argv.slice(2);
try {
  if (folder === undefined || port === undefined) throw new Error("local-postgres-process: run with <folder> <port> (startLocalPostgresApart)");
  const postgres = await startLocalPostgres({ folder, port: Number(port) });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void postgres.stop().finally(() => {
      if (process.connected) process.disconnect();
      process.exit(0);
    });
  };
  process.on("message", (message) => {
    if (message === "stop") stop();
  });
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  send({ kind: "started", url: postgres.url, created: postgres.created });
} catch (error) {
  send({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  if (process.connected) process.disconnect();
}
