import { parseArgs } from "node:util";
import { isPrincipalRole, loadOrCreateJwtSecret, principalRoles, signToken } from "@duty-ledger/http-kit";
import { parseConfig } from "@duty-ledger/http-kit";
import { configSchema } from "./config.js";
import { UsageError, type CliIo } from "./cli-io.js";

export const tokenUsage = `duty-ledger token --role <${principalRoles.join("|")}> --sub <id> [--station <stationId>] [--expires <span>]
  Prints a bearer token signed with the ledger's HS256 secret (DUTY_LEDGER_JWT_SECRET, or the
  secret file in DUTY_LEDGER_DATA_DIR, created on first use). --expires: e.g. 8h (default), 24h;
  at most DUTY_LEDGER_JWT_MAX_LIFETIME seconds (default 86400).`;

/** `duty-ledger token`: prints a signed JWT for the given role and subject. */
export const runTokenCommand = async (io: CliIo): Promise<number> => {
  const { values } = parseArgs({
    args: [...io.argv],
    options: {
      role: { type: "string" },
      sub: { type: "string" },
      station: { type: "string" },
      expires: { type: "string", default: "8h" },
    },
    strict: true,
  });
  if (values.role === undefined || !isPrincipalRole(values.role)) throw new UsageError(`--role must be one of ${principalRoles.join(", ")}`);
  if (values.sub === undefined || values.sub.length === 0) throw new UsageError("--sub is required (the deputy, unit or user id)");
  if (values.role === "clerk" && values.station === undefined) throw new UsageError("a clerk's token needs --station <stationId>");
  const config = parseConfig(configSchema, io.env);
  const secret = loadOrCreateJwtSecret(config.dataDir, { env: io.env });
  const token = await signToken({
    secret,
    sub: values.sub,
    role: values.role,
    stationId: values.station,
    expiresIn: values.expires,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    maxLifetimeSeconds: config.jwt.maxLifetimeSeconds,
  });
  io.stdout.write(`${token}\n`);
  return 0;
};
