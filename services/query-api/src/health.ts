import type { ProjectorView } from "./projector-view.js";

/**
 * GET /v1/health (no auth): liveness and projection lag.
 *
 * - `ok`: the projector is live (or runs in another process: then only `lag` tells how far behind);
 * - `catching-up`: the projector is replaying the log (reads answer from older read models);
 * - `starting`: the in-process projector is not started yet;
 * - `stopped`: the in-process projector was stopped (shutting down);
 * - `failed`: the projector stopped on an error (reads answer, but nothing new arrives);
 * - `unavailable`: the position or the log's head could not be read.
 *
 * `ok` and `catching-up` answer 200, the others 503. No error text is shown (anyone may ask).
 */
export type HealthStatus = "ok" | "catching-up" | "starting" | "stopped" | "failed" | "unavailable";

const statusOfPhase = (phase: string | undefined): HealthStatus => {
  switch (phase) {
    case "failed":
      return "failed";
    case "catching-up":
      return "catching-up";
    case "idle":
      return "starting";
    case "stopped":
      return "stopped";
    default:
      return "ok";
  }
};

export interface HealthAnswer {
  readonly status: HealthStatus;
  /** The position every read model has reached; `null` when unavailable. */
  readonly position: number | null;
  /** Events appended but not yet projected; `null` when unavailable. */
  readonly lag: number | null;
  /** The projector's phase, when it tells. */
  readonly phase?: string;
}

export const healthOf = async (projector: ProjectorView): Promise<HealthAnswer> => {
  const phase = projector.status?.().phase;
  const withPhase = phase === undefined ? {} : { phase };
  let position: number;
  let lag: number;
  try {
    position = await projector.position();
    lag = await projector.lag();
  } catch {
    return { status: "unavailable", position: null, lag: null, ...withPhase };
  }
  return { status: statusOfPhase(phase), position, lag, ...withPhase };
};
