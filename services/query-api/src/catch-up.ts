import type { Response } from "express";
import type { ProjectorView } from "./projector-view.js";

/** The header every read answer carries: the log position its read models had reached (at least). */
export const readPositionHeader = "X-Read-Model-Position";

/** Thrown when `?minPosition=` is not reached in time; answered 503 with `Retry-After`. */
export class ProjectionLagError extends Error {
  readonly code = "PROJECTION_LAG";
  constructor(
    readonly wanted: number,
    readonly reached: number,
    readonly waitedMs: number,
  ) {
    super(`the read models are at position ${reached}, not yet at ${wanted} (waited ${waitedMs} ms); retry shortly`);
    this.name = "ProjectionLagError";
  }
}

export const isProjectionLagError = (error: unknown): error is ProjectionLagError =>
  error instanceof Error && (error as { code?: unknown }).code === "PROJECTION_LAG";

/**
 * Waits (at most `timeoutMs`) until the projector has reached `minPosition` when one is
 * given, then sets `X-Read-Model-Position` to the position reached. A projector that is not
 * running counts as not reached. Throws ProjectionLagError when the wait ends short.
 * Resolves to the position put in the header.
 */
export const catchUp = async (
  projector: ProjectorView,
  res: Response,
  minPosition: number | undefined,
  timeoutMs: number,
): Promise<number> => {
  if (minPosition !== undefined && (await projector.position()) < minPosition) {
    const started = performance.now();
    const reached = await projector.waitFor(minPosition, timeoutMs).catch(() => false);
    if (!reached) throw new ProjectionLagError(minPosition, await projector.position(), Math.round(performance.now() - started));
  }
  const position = await projector.position();
  res.setHeader(readPositionHeader, String(position));
  return position;
};
