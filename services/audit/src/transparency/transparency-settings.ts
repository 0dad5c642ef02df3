import { hostname } from "node:os";
import { z } from "zod";
import { isValidOrigin } from "./checkpoint-note.js";

/**
 * The settings of the transparency log (trust.md):
 *
 * - `DUTY_LEDGER_SIGNING_KEY_FILE`: the Ed25519 private key (PKCS #8 PEM) that signs tree heads;
 *   default `<data folder>/signing-key.pem`, generated on first start;
 * - `DUTY_LEDGER_LOG_ORIGIN`: the checkpoint's origin line; default `duty-ledger/<host name>`.
 *   Printable ASCII without spaces or `+` (a C2SP note key name).
 */
export const transparencyEnvShape = {
  DUTY_LEDGER_SIGNING_KEY_FILE: z.string().min(1).optional(),
  DUTY_LEDGER_LOG_ORIGIN: z
    .string()
    .refine(isValidOrigin, "must be printable ASCII without spaces or '+' (e.g. duty-ledger/npc.example.gov.cn)")
    .optional(),
};

export interface TransparencySettings {
  readonly signingKeyFile: string | undefined;
  readonly origin: string;
}

export const transparencySettingsOf = (env: { readonly DUTY_LEDGER_SIGNING_KEY_FILE?: string | undefined; readonly DUTY_LEDGER_LOG_ORIGIN?: string | undefined }): TransparencySettings => ({
  signingKeyFile: env.DUTY_LEDGER_SIGNING_KEY_FILE,
  origin: env.DUTY_LEDGER_LOG_ORIGIN ?? `duty-ledger/${hostname().replace(/[^\x21-\x2a\x2c-\x7e]/g, "-") || "localhost"}`,
});
