import type { ReadModels } from "@duty-ledger/projections";

/**
 * What the query API needs to know about the projector that fills its read models.
 * The in-process `ProjectionEngine` of @duty-ledger/projections fits as it is; a projector
 * in another process is seen through `readModelsProjectorView` (checkpoints polled).
 */
export interface ProjectorView {
  /** The global position every read model has reached (the lowest checkpoint). */
  position(): number | Promise<number>;
  /** Head of the log minus `position()`: events appended but not yet projected. */
  lag(): Promise<number>;
  /** Resolves `true` once `position() >= position`, `false` after `timeoutMs`. May reject when the projector is not running. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** The head of the log, when known (shown by the health answer). */
  headPosition?(): Promise<number>;
  /** The projector's phase (`live`, `catching-up`, `failed`…) and last error, when known. */
  status?(): { readonly phase: string; readonly error: string | null };
}

/**
 * A projector running in another process, seen through the read models it writes: the
 * position is the lowest checkpoint in the read-model store, `waitFor` polls it, and the lag
 * compares it with the event store's head.
 */
export const readModelsProjectorView = (readModels: ReadModels, headPosition: () => Promise<number>): ProjectorView => ({
  position: () => readModels.position(),
  lag: async () => {
    const [head, position] = await Promise.all([headPosition(), readModels.position()]);
    return Math.max(0, head - position);
  },
  waitFor: (position, timeoutMs) => readModels.waitFor(position, timeoutMs),
  headPosition,
});
