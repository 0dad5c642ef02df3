import { existsSync } from "node:fs";
import { join } from "node:path";
import { describeStore, EVENTS_FILE_NAME, openStore } from "@duty-ledger/event-store";
import { loadOrCreateJwtSecret, parseConfig, signToken, tokenVerifierConfigFromEnv } from "@duty-ledger/http-kit";
import { demoIdentities, runSeedCommand } from "@duty-ledger/generator";
import { createWebApp, type WebDemoIdentity } from "@duty-ledger/web";
import { pino, type Logger } from "pino";
import type { CliIo } from "./cli-io.js";
import { configSchema, type Config } from "./config.js";
import { startServer, type RunningServer } from "./server.js";

export interface Started {
  readonly server: RunningServer;
  readonly logger: Logger;
  readonly config: Config;
  /** Set on the demo store only. */
  readonly demo?: { readonly identities: readonly WebDemoIdentity[] };
}

/** The demo's own folder: never the real store. */
export const defaultDemoDataDir = "./data-demo";
/** The generated county the demo store holds (deterministic). */
const demoHistory = { profile: "county", seed: 1 } as const;

export const createLogger = (config: Config): Logger => pino({ level: config.logLevel, base: { service: "duty-ledger" } });

/** OIDC sign-in on the page when a provider is configured (JWKS, issuer and a client id). */
const oidcOf = (config: Config, env: Readonly<Record<string, string | undefined>>) => {
  const clientId = env["DUTY_LEDGER_OIDC_CLIENT_ID"];
  return config.jwt.jwksUrl !== undefined && config.jwt.issuer !== undefined && clientId !== undefined && clientId !== ""
    ? { issuer: config.jwt.issuer, clientId }
    : undefined;
};

const boot = async (
  env: Readonly<Record<string, string | undefined>>,
  demoIdentitiesFor?: (config: Config) => Promise<WebDemoIdentity[]>,
): Promise<Started> => {
  const config = parseConfig(configSchema, env);
  const logger = createLogger(config);
  const identities = demoIdentitiesFor === undefined ? undefined : await demoIdentitiesFor(config);
  const web = createWebApp({ demoIdentities: identities, oidc: oidcOf(config, env), logger });
  // Listening is the last step of starting: once the port answers, the caller's signal
  // handlers can be in place (a stop before then would find nothing to stop gracefully).
  await web.ready;
  const store = openStore(config.store, { logger });
  const server = await startServer({ config, logger, store, verifierConfig: tokenVerifierConfigFromEnv(env, config.dataDir), extraRoutes: [web] });
  return { server, logger, config, ...(identities === undefined ? {} : { demo: { identities } }) };
};

/** `duty-ledger start`: the ledger on the configured store. The caller owns the process. */
export const startLedger = (io: CliIo): Promise<Started> => boot(io.env);

/**
 * `duty-ledger demo`: the same server on a separate store (`DUTY_LEDGER_DEMO_DATA_DIR`, default
 * ./data-demo), seeded on first use with a generated county, with demo identities to sign in as.
 */
export const startDemo = async (io: CliIo): Promise<Started> => {
  const dataDir = io.env["DUTY_LEDGER_DEMO_DATA_DIR"] ?? defaultDemoDataDir;
  const env = { ...io.env, DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_STORE: "sqlite" };
  if (!existsSync(join(dataDir, EVENTS_FILE_NAME))) {
    io.stdout.write(`Seeding the demo store in ${dataDir} with a generated county (DEMO DATA, not real)…\n`);
    const code = await runSeedCommand(["--profile", demoHistory.profile, "--seed", String(demoHistory.seed), "--data-dir", dataDir], { stdout: io.stdout, stderr: io.stderr, env });
    if (code !== 0) throw new Error(`seeding the demo store failed (exit ${code})`);
  }
  return boot(env, async (config) => {
    const secret = loadOrCreateJwtSecret(config.dataDir, { env });
    return Promise.all(
      demoIdentities(demoHistory).map(async (identity) => ({
        label: `${identity.name} — ${identity.description}`,
        role: identity.role,
        sub: identity.sub,
        stationId: identity.stationId,
        token: await signToken({ secret, role: identity.role, sub: identity.sub, stationId: identity.stationId, expiresIn: "12h" }),
      })),
    );
  });
};

export const startBanner = ({ server, config, demo }: Started): string =>
  [
    "",
    demo === undefined ? "" : "*** DEMO: a generated county — demo data, not a real ledger ***",
    `duty-ledger is listening on ${server.url}`,
    `  web page: ${server.url}/`,
    `  store: ${describeStore(config.store)}`,
    `  health: curl ${server.url}/v1/health`,
    ...(demo === undefined
      ? [
          "  a token for the API (in another terminal):",
          "    npx -y pnpm@10 -s duty-ledger token --role office --sub OFFICE-1",
          `    curl -H "Authorization: Bearer <token>" "${server.url}/v1/scores?period=${new Date().getFullYear()}"`,
        ]
      : ["  sign in on the web page as one of:", ...demo.identities.map((identity) => `    ${identity.role.padEnd(8)} ${identity.sub.padEnd(12)} ${identity.label}`)]),
    "  stop with Ctrl-C (finishes requests in flight, then exits).",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n") + "\n";
