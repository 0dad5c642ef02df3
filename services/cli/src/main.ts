#!/usr/bin/env node
import { finiteCommands, runFinite, usage } from "./cli.js";
import type { CliIo } from "./cli-io.js";
import { startBanner, startDemo, startLedger } from "./start-command.js";

/** Bounded time for a graceful stop before the process gives up waiting. */
const stopTimeoutMs = 10_000;

const main = async (): Promise<number | "running"> => {
  const [command = "help", ...argv] = process.argv.slice(2);
  const io: CliIo = { argv, env: process.env, stdout: process.stdout, stderr: process.stderr };
  if (command === "start" || command === "demo") {
    const started = await (command === "demo" ? startDemo(io) : startLedger(io));
    process.stdout.write(startBanner(started));
    const stop = (signal: string): void => {
      started.logger.info({ signal }, "stopping: finishing requests in flight");
      const timer = setTimeout(() => {
        started.logger.error("graceful stop timed out");
        process.exit(1);
      }, stopTimeoutMs);
      timer.unref();
      started.server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          started.logger.error({ err: error }, "error while stopping");
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return "running";
  }
  const finite = finiteCommands[command];
  if (finite !== undefined) return runFinite(finite, io);
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(usage);
    return 0;
  }
  process.stderr.write(`duty-ledger: unknown command ${JSON.stringify(command)}\n\n${usage}`);
  return 2;
};

main().then(
  (code) => {
    if (code !== "running") process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`duty-ledger: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
