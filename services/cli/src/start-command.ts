import { describeStore, openStore } from "@duty-ledger/event-store";
import { parseConfig, tokenVerifierConfigFromEnv, type TokenVerifierConfig } from "@duty-ledger/http-kit";
import { createWebApp, type WebDemoIdentity } from "@duty-ledger/web";
import { describeReadModels } from "@duty-ledger/projections";
import { pino, type Logger } from "pino";
import type { CliIo } from "./cli-io.js";
import { configSchema, type Config } from "./config.js";
import { describeParts } from "./parts.js";
import { startServer, type RunningServer } from "./server.js";

export interface Started {
  readonly server: RunningServer;
  readonly logger: Logger;
  readonly config: Config;
  /** Set on the demo store only. */
  readonly demo?: DemoSetup;
}

/** What makes a server the demo (see `demo-command.ts`). */
export interface DemoSetup {
  readonly identities: readonly WebDemoIdentity[];
  /** The demo's own verifier: its secret, issuer and audience. */
  readonly verifierConfig: TokenVerifierConfig;
  /** Lines for the banner: where the demo's data lives, what its tokens open. */
  readonly notes: readonly string[];
}

export const createLogger = (config: Config): Logger => pino({ level: config.logLevel, base: { service: "duty-ledger" } });

/** OIDC sign-in on the page when a provider is configured (JWKS, issuer and a client id). */
const oidcOf = (config: Config, env: Readonly<Record<string, string | undefined>>) => {
  const clientId = env["DUTY_LEDGER_OIDC_CLIENT_ID"];
  return config.jwt.jwksUrl !== undefined && config.jwt.issuer !== undefined && clientId !== undefined && clientId !== ""
    ? { issuer: config.jwt.issuer, clientId }
    : undefined;
};

/** Parses `env` and serves the ledger on its store; with `demo`, as the demo (its identities and its own verifier). */
export const boot = async (env: Readonly<Record<string, string | undefined>>, demo?: DemoSetup): Promise<Started> => {
  const config = parseConfig(configSchema, env);
  const logger = createLogger(config);
  const web = createWebApp({ demoIdentities: demo?.identities, oidc: demo === undefined ? oidcOf(config, env) : undefined, logger });
  // Listening is the last step of starting: once the port answers, the caller's signal
  // handlers can be in place (a stop before then would find nothing to stop gracefully).
  await web.ready;
  const store = openStore(config.store, { logger });
  const verifierConfig = demo?.verifierConfig ?? tokenVerifierConfigFromEnv(env, config.dataDir);
  const server = await startServer({ config, logger, store, verifierConfig, extraRoutes: [web] });
  return { server, logger, config, ...(demo === undefined ? {} : { demo }) };
};

/** `duty-ledger start`: the ledger on the configured store. The caller owns the process. */
export const startLedger = (io: CliIo): Promise<Started> => boot(io.env);

export const startBanner = ({ server, config, demo }: Started): string =>
  [
    "",
    demo === undefined ? "" : "*** DEMO: a generated county — demo data, not a real ledger ***",
    `duty-ledger is listening on ${server.url}`,
    `  web page: ${server.url}/`,
    `  store: ${describeStore(config.store)}`,
    config.readModels.kind === "sqlite" ? "" : `  read models: ${describeReadModels(config.readModels)}`,
    config.parts.ledger && config.parts.query && config.parts.projector ? "" : `  parts: ${describeParts(config.parts)} (DUTY_LEDGER_PARTS)`,
    ...(demo?.notes ?? []),
    `  health: curl ${server.url}/v1/health`,
    `  API reference: ${server.url}/docs (OpenAPI 3.1: ${server.url}/v1/openapi.json)`,
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
