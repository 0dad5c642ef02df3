#!/usr/bin/env node
import { stopOnSignals } from "@duty-ledger/http-kit";
import { finiteCommands, runFinite, usage } from "./cli.js";
import type { CliIo } from "./cli-io.js";
import { startDemo } from "./demo-command.js";
import { startBanner, startLedger } from "./start-command.js";

const main = async (): Promise<number | "running"> => {
  const [command = "help", ...argv] = process.argv.slice(2);
  const io: CliIo = { argv, env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  if (command === "start" || command === "demo") {
    const started = await (command === "demo" ? startDemo(io) : startLedger(io));
    process.stdout.write(startBanner(started));
    stopOnSignals({ logger: started.logger, close: () => started.server.close() }, { name: "duty-ledger" });
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
