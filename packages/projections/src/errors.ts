/**
 * Errors of the projections package. Each carries a stable `code`; guards test the code, not
 * `instanceof`, so they survive module duplication.
 */

export type ProjectionErrorCode =
  | "CHECKPOINT_CONFLICT" // another writer moved a checkpoint: two projectors on one read-model store
  | "PROJECTION_FAILED" // a projection threw while applying an event
  | "ENGINE_NOT_RUNNING"; // the engine was asked to work before `start()` or after `stop()`

export abstract class ProjectionError extends Error {
  abstract readonly code: ProjectionErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

export class CheckpointConflictError extends ProjectionError {
  readonly code = "CHECKPOINT_CONFLICT";
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(
      `the checkpoint of projection ${projection} is at ${actual === null ? "nothing" : actual}, expected ${expected}: ` +
        "another projector writes these read models",
    );
  }
}

export class ProjectionFailedError extends ProjectionError {
  readonly code = "PROJECTION_FAILED";
  constructor(
    readonly projection: string,
    readonly eventId: string,
    readonly position: number,
    cause: unknown,
  ) {
    super(`projection ${projection} failed on event ${eventId} at position ${position}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

export class EngineNotRunningError extends ProjectionError {
  readonly code = "ENGINE_NOT_RUNNING";
}

const codes: ReadonlySet<string> = new Set<ProjectionErrorCode>(["CHECKPOINT_CONFLICT", "PROJECTION_FAILED", "ENGINE_NOT_RUNNING"]);

export const isProjectionError = (error: unknown): error is ProjectionError =>
  error instanceof Error && codes.has(String((error as Error & { code?: unknown }).code));

export const isCheckpointConflict = (error: unknown): error is CheckpointConflictError =>
  isProjectionError(error) && error.code === "CHECKPOINT_CONFLICT";
