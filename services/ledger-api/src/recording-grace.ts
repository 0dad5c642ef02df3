import { DEFAULT_RECORDING_GRACE_MS, parseIsoDurationMs } from "@duty-ledger/domain";
import { z } from "zod";

/**
 * `DUTY_LEDGER_RECORDING_GRACE` (trust.md): how far before its recording a claimed time may
 * lie, an ISO 8601 duration of fixed length (`P3D`, `PT36H`, `P1W`); default `P3D`. A bad value
 * fails the startup, naming the variable (through `parseConfig`).
 */
export const recordingGraceSchema = z
  .string()
  .optional()
  .transform((text, context) => {
    if (text === undefined) return DEFAULT_RECORDING_GRACE_MS;
    const ms = parseIsoDurationMs(text);
    if (ms === undefined) {
      context.addIssue({ code: "custom", message: "must be an ISO 8601 duration of days, weeks, hours, minutes or seconds, e.g. P3D or PT36H" });
      return z.NEVER;
    }
    return ms;
  });

/** The variable in an environment schema: `DUTY_LEDGER_RECORDING_GRACE` → milliseconds. */
export const recordingGraceEnvShape = { DUTY_LEDGER_RECORDING_GRACE: recordingGraceSchema } as const;
