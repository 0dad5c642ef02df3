import type { Server } from "node:http";
import { z } from "zod";

/**
 * How long a client may take and how many may be connected at once (issue 20, point 7): a slow
 * client (headers or body trickled a byte at a time) or a crowd of idle ones must not hold the
 * server's connections for minutes.
 */
export interface ServerLimits {
  /** The whole request head must arrive within this, ms (Node's `headersTimeout`); else the socket is answered 408 and closed. */
  readonly headersTimeoutMs: number;
  /** The whole request, head and body, must arrive within this, ms (`requestTimeout`); at least `headersTimeoutMs`. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms (`keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; beyond it a new connection is closed as soon as it is accepted (`maxConnections`). */
  readonly maxConnections: number;
}

export const defaultServerLimits: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_024,
};

const milliseconds = (fallback: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, "must be a whole number of milliseconds")
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(100, "must be at least 100 ms").max(3_600_000, "must be at most 3600000 ms (1 h)"));

/** The variables of the limits (spread into a service's environment schema; add `checkServerLimitsEnv`). */
export const serverLimitsEnvShape = {
  DUTY_LEDGER_HEADERS_TIMEOUT_MS: milliseconds(defaultServerLimits.headersTimeoutMs),
  DUTY_LEDGER_REQUEST_TIMEOUT_MS: milliseconds(defaultServerLimits.requestTimeoutMs),
  DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS: milliseconds(defaultServerLimits.keepAliveTimeoutMs),
  DUTY_LEDGER_MAX_CONNECTIONS: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, "must be a whole number of connections, 1 or more")
    .default(String(defaultServerLimits.maxConnections))
    .transform(Number),
};

interface ServerLimitsEnv {
  readonly DUTY_LEDGER_HEADERS_TIMEOUT_MS: number;
  readonly DUTY_LEDGER_REQUEST_TIMEOUT_MS: number;
  readonly DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS: number;
  readonly DUTY_LEDGER_MAX_CONNECTIONS: number;
}

/** Node refuses a header timeout longer than the request timeout: so does the configuration (a `superRefine`). */
export const checkServerLimitsEnv = (env: ServerLimitsEnv, ctx: z.RefinementCtx): void => {
  if (env.DUTY_LEDGER_HEADERS_TIMEOUT_MS > env.DUTY_LEDGER_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({ code: "custom", path: ["DUTY_LEDGER_HEADERS_TIMEOUT_MS"], message: "must not exceed DUTY_LEDGER_REQUEST_TIMEOUT_MS" });
  }
};

export const serverLimitsOf = (env: ServerLimitsEnv): ServerLimits => ({
  headersTimeoutMs: env.DUTY_LEDGER_HEADERS_TIMEOUT_MS,
  requestTimeoutMs: env.DUTY_LEDGER_REQUEST_TIMEOUT_MS,
  keepAliveTimeoutMs: env.DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS,
  maxConnections: env.DUTY_LEDGER_MAX_CONNECTIONS,
});

/**
 * How often Node looks for requests past their header or request timeout, ms (fixed when the
 * server is created; Node's default, 30 s, would let a 10 s header timeout run to 40 s): a
 * quarter of the shorter timeout, between 50 ms and 1 s.
 */
export const connectionsCheckingIntervalOf = (limits: ServerLimits): number =>
  Math.min(1_000, Math.max(50, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));

/** The `http.createServer` options of the limits (those Node only takes there). */
export const serverOptionsOf = (limits: ServerLimits) => ({
  headersTimeout: limits.headersTimeoutMs,
  requestTimeout: limits.requestTimeoutMs,
  connectionsCheckingInterval: connectionsCheckingIntervalOf(limits),
});

/** Sets the limits Node takes on a created server (keep-alive timeout, connection cap). */
export const applyServerLimits = (server: Server, limits: ServerLimits): void => {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
};
