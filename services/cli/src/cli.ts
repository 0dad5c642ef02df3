import { runAuditCommand } from "@duty-ledger/audit";
import { isLedgerError } from "@duty-ledger/domain";
import { isUsageError, type CliIo } from "./cli-io.js";
import { runSeedCommand, SEED_USAGE } from "@duty-ledger/generator";
import { runTokenCommand, tokenUsage } from "./token-command.js";

export const usage = `duty-ledger — an event-sourced ledger of deputies' performance of duty

Usage:
  duty-ledger start                 serve the write and read APIs (PORT, default 8080)
  duty-ledger demo                  the same on a separate demo store seeded with a generated county
                                    (DUTY_LEDGER_DEMO_DATA_DIR, default ./data-demo; its own tokens)
  ${tokenUsage.split("\n").join("\n  ")}
  ${SEED_USAGE.replace(/^usage: /, "").split("\n").join("\n  ")}
  duty-ledger audit export|import|verify|seal|replay …   the auditor's tools (duty-ledger audit help)
  duty-ledger help

Environment: PORT, DUTY_LEDGER_DATA_DIR (./data), DUTY_LEDGER_STORE (sqlite|esdb), EVENTSTORE_URL,
DUTY_LEDGER_JWT_SECRET, DUTY_LEDGER_JWKS_URL, DUTY_LEDGER_JWT_ISSUER, DUTY_LEDGER_JWT_AUDIENCE,
DUTY_LEDGER_JWT_MAX_LIFETIME (seconds, 86400), DUTY_LEDGER_RECORDING_GRACE (ISO 8601 duration, P3D),
DUTY_LEDGER_SQLITE_DURABILITY (full|normal), LOG_LEVEL, DUTY_LEDGER_RATE_LIMIT_PER_IP (1200/min),
DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT (600/min; 0 turns a limit off), DUTY_LEDGER_TRUST_PROXY (hop count or
proxy addresses; none), DUTY_LEDGER_HEADERS_TIMEOUT_MS (10000), DUTY_LEDGER_REQUEST_TIMEOUT_MS (30000),
DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS (5000), DUTY_LEDGER_MAX_CONNECTIONS (1024). See docs/operations.md, docs/security.md.
`;

/** A command that runs to completion and returns its exit code. */
export type CliCommand = (io: CliIo) => Promise<number>;

/** Runs a finite command, mapping usage and domain errors to exit codes 2 and 1 with a message. */
export const runFinite = async (command: CliCommand, io: CliIo): Promise<number> => {
  try {
    return await command(io);
  } catch (error) {
    if (isUsageError(error) || (error instanceof TypeError && (error as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`duty-ledger: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (isLedgerError(error)) {
      const fields = (error.errors ?? []).map((field) => `\n  ${field.path}: ${field.message}`).join("");
      io.stderr.write(`duty-ledger: ${error.message}${fields}\n`);
      return 1;
    }
    throw error;
  }
};

export const finiteCommands: Readonly<Record<string, CliCommand>> = {
  token: runTokenCommand,
  seed: (io) => runSeedCommand(io.argv, { stdout: io.stdout, stderr: io.stderr, env: io.env }),
  audit: (io) => runAuditCommand({ argv: io.argv, env: io.env, stdout: io.stdout, stderr: io.stderr, ...(io.stdin === undefined ? {} : { stdin: io.stdin }) }),
};
