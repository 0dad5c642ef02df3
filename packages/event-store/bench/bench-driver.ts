import type { AppendStep } from "./bench-events.js";

/** How the store bench drives one subject (raw baseline, the store, a peer). */

export type Durability = "full" | "normal";

/** Appends the plan's steps; must not resolve before the append is committed. */
export interface AppendDriver {
  append(step: AppendStep): Promise<void>;
  close(): Promise<void>;
  /** Appends retried after a transient failure so far (only drivers that retry say so). */
  retries?(): number;
}

/** Reads a log already holding the plan's events; each method returns how many events it saw. */
export interface ReadDriver {
  /** Every event from the start of the log, in global order, data and metadata parsed. */
  readAll(): Promise<number>;
  /** A subscription from the start that stops once it has delivered `count` events. */
  catchUp(count: number): Promise<number>;
  close(): Promise<void>;
}
