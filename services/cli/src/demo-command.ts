import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { shanghaiIsoOf, shanghaiYearOfInstant } from "@duty-ledger/domain";
import { EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { demoIdentities, runSeedCommand } from "@duty-ledger/generator";
import {
  demoJwtSecretFileName,
  demoTokenAudience,
  demoTokenIssuer,
  loadOrCreateJwtSecret,
  signToken,
  type TokenVerifierConfig,
} from "@duty-ledger/http-kit";
import type { WebDemoIdentity } from "@duty-ledger/web";
import type { CliIo } from "./cli-io.js";
import { boot, type DemoSetup, type Started } from "./start-command.js";

/**
 * `duty-ledger demo` (issue 20, point 1): the ledger on a store of its own, seeded on first use
 * with a generated county, offering identities with ready tokens (`GET /v1/demo/identities`,
 * answered to anyone). Those tokens must never open a real ledger, so the demo:
 *
 * - keeps its data in `DUTY_LEDGER_DEMO_DATA_DIR` (default `./data-demo`), never in
 *   `DUTY_LEDGER_DATA_DIR` (the real ledger's): it refuses to start when both name one folder,
 *   or on a store it did not seed (no `demo-store` marker), and says where its data lives;
 * - signs with a secret of its own, `<demo folder>/demo-jwt-secret`, never
 *   `DUTY_LEDGER_JWT_SECRET` (the auth variables of the environment are ignored), and with
 *   issuer and audience `duty-ledger-demo`, which every other verifier refuses.
 */

/** The demo's own folder, unless `DUTY_LEDGER_DEMO_DATA_DIR` names another. */
export const defaultDemoDataDir = "./data-demo";
/** Written into the demo folder once the demo seeded it: the demo serves no store without it. */
export const demoMarkerFileName = "demo-store";
/** The window of the generated county a demo store holds, beside the store (read back on every start). */
export const demoHistoryFileName = "demo-history.json";

/** The generated county a demo store holds: deterministic for one window. */
interface DemoHistory {
  readonly profile: "county";
  readonly seed: 1;
  /** First and last day (Asia/Shanghai). */
  readonly from: string;
  readonly until: string;
}

const DAY_MS = 86_400_000;

/**
 * The history a demo seeded on `now` holds: from 1 January of last year up to yesterday
 * (Asia/Shanghai), so that it reads as a live ledger does today — last year complete for the
 * ranking, suggestions due this month and overdue last month on the watch list.
 */
export const demoHistoryOf = (now: Date): DemoHistory => ({
  profile: "county",
  seed: 1,
  from: `${shanghaiYearOfInstant(now.getTime()) - 1}-01-01`,
  until: shanghaiIsoOf(now.getTime() - DAY_MS, "second").slice(0, 10),
});

/** The window a demo folder was seeded with; a folder seeded before windows were kept holds 2024. */
const seededHistoryOf = (dataDir: string): DemoHistory => {
  const file = join(dataDir, demoHistoryFileName);
  if (!existsSync(file)) return { profile: "county", seed: 1, from: "2024-01-01", until: "2024-12-31" };
  const { from, until } = JSON.parse(readFileSync(file, "utf8")) as { from: string; until: string };
  return { profile: "county", seed: 1, from, until };
};
/** How long a demo identity's token lasts. */
const demoTokenLifetime = "12h";

/** The environment's variables the demo never uses: its tokens and its store are its own. */
const notForTheDemo = [
  "DUTY_LEDGER_JWT_SECRET",
  "DUTY_LEDGER_JWKS_URL",
  "DUTY_LEDGER_JWT_ISSUER",
  "DUTY_LEDGER_JWT_AUDIENCE",
  "DUTY_LEDGER_JWT_MAX_LIFETIME",
  "DUTY_LEDGER_OIDC_CLIENT_ID",
  "DUTY_LEDGER_STORE",
  "EVENTSTORE_URL",
  "DUTY_LEDGER_DATA_DIR",
];

export class DemoFolderError extends Error {
  override readonly name = "DemoFolderError";
}

const setting = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
};

/** The demo's folder, absolute; refuses the real ledger's folder and a store the demo did not seed. */
export const demoDataDirOf = (env: Readonly<Record<string, string | undefined>>): string => {
  const dataDir = resolve(setting(env, "DUTY_LEDGER_DEMO_DATA_DIR") ?? defaultDemoDataDir);
  const ledgerDir = resolve(setting(env, "DUTY_LEDGER_DATA_DIR") ?? "./data");
  if (dataDir === ledgerDir) {
    throw new DemoFolderError(`the demo's data folder ${dataDir} is the ledger's (DUTY_LEDGER_DATA_DIR): set DUTY_LEDGER_DEMO_DATA_DIR to a folder of the demo's own`);
  }
  if (existsSync(join(dataDir, EVENTS_FILE_NAME)) && !existsSync(join(dataDir, demoMarkerFileName))) {
    throw new DemoFolderError(
      `${dataDir} holds an event store the demo did not seed (no ${demoMarkerFileName} file): the demo runs only on a folder of its own; ` +
        "set DUTY_LEDGER_DEMO_DATA_DIR to another folder (or delete this one if it is an old demo store)",
    );
  }
  return dataDir;
};

/** The demo's own verifier: its secret, and its issuer and audience required. */
export const demoVerifierConfig = (secret: string): TokenVerifierConfig => ({ secret, issuer: demoTokenIssuer, audience: demoTokenAudience });

const demoIdentitiesSignedWith = (secret: string, history: DemoHistory): Promise<WebDemoIdentity[]> =>
  Promise.all(
    demoIdentities(history).map(async (identity) => ({
      label: `${identity.name} — ${identity.description}`,
      role: identity.role,
      sub: identity.sub,
      stationId: identity.stationId,
      token: await signToken({
        secret,
        role: identity.role,
        sub: identity.sub,
        stationId: identity.stationId,
        expiresIn: demoTokenLifetime,
        issuer: demoTokenIssuer,
        audience: demoTokenAudience,
      }),
    })),
  );

const notesOf = (dataDir: string, env: Readonly<Record<string, string | undefined>>): string[] => {
  const ledgerDir = setting(env, "DUTY_LEDGER_DATA_DIR");
  return [
    `  demo data folder: ${dataDir} (DUTY_LEDGER_DEMO_DATA_DIR; delete it to start over)`,
    `  demo tokens: signed with ${join(dataDir, demoJwtSecretFileName)}, issuer and audience ${demoTokenIssuer}: no real ledger accepts them`,
    ...(ledgerDir === undefined ? [] : [`  DUTY_LEDGER_DATA_DIR (${resolve(ledgerDir)}) is the real ledger's: the demo neither reads nor writes it`]),
    ...(setting(env, "DUTY_LEDGER_JWT_SECRET") === undefined ? [] : ["  DUTY_LEDGER_JWT_SECRET is ignored by the demo"]),
  ];
};

/** `duty-ledger demo`: seeds the demo folder on first use, then serves it as the demo. The caller owns the process. */
export const startDemo = async (io: CliIo): Promise<Started> => {
  const dataDir = demoDataDirOf(io.env);
  const env: Record<string, string | undefined> = Object.fromEntries(Object.entries(io.env).filter(([name]) => !notForTheDemo.includes(name)));
  Object.assign(env, { DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_STORE: "sqlite" });
  io.stdout.write(`The demo's data lives in ${dataDir}\n`);
  if (!existsSync(join(dataDir, EVENTS_FILE_NAME))) {
    const history = demoHistoryOf(new Date());
    io.stdout.write(`Seeding the demo store in ${dataDir} with a generated county, ${history.from} to ${history.until} (DEMO DATA, not real)…\n`);
    const window = ["--from", history.from, "--until", history.until];
    const code = await runSeedCommand(["--profile", history.profile, "--seed", String(history.seed), ...window, "--data-dir", dataDir], { stdout: io.stdout, stderr: io.stderr, env });
    if (code !== 0) throw new Error(`seeding the demo store failed (exit ${code})`);
    writeFileSync(join(dataDir, demoHistoryFileName), `${JSON.stringify(history)}\n`);
    writeFileSync(join(dataDir, demoMarkerFileName), `seeded by duty-ledger demo: a generated county (profile ${history.profile}, seed ${history.seed}, ${history.from} to ${history.until}), demo data\n`);
  }
  const secret = loadOrCreateJwtSecret(dataDir, { env: {}, fileName: demoJwtSecretFileName });
  const identities = await demoIdentitiesSignedWith(secret, seededHistoryOf(dataDir));
  const demo: DemoSetup = { identities, verifierConfig: demoVerifierConfig(secret), notes: notesOf(dataDir, io.env) };
  return boot(env, demo);
};
