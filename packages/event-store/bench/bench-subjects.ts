import { rm } from "node:fs/promises";
import { join } from "node:path";
import { timed, type Goal, type Subject, type SubjectRole, type SubjectSession } from "@duty-ledger/testing/bench";
import type { AppendDriver, ReadDriver } from "./bench-driver.js";
import { countAppends, countEvents, type Lane } from "./bench-events.js";

/** Turns drivers into bench subjects: what is timed, what is counted, what is checked. */

export interface SubjectHead {
  readonly name: string;
  readonly role: SubjectRole;
  readonly goal?: Goal;
  readonly alsoGoal?: Goal;
}

async function removeDatabase(path: string): Promise<void> {
  await Promise.all(["", "-wal", "-shm", "-journal"].map((suffix) => rm(`${path}${suffix}`, { force: true })));
}

/**
 * Runs the lanes at once, each lane's appends one after the other (one lane: sequential).
 * Waits for every lane to settle (a lane stops at its first failed append), then fails if any did.
 */
export async function runLanes(driver: AppendDriver, lanes: readonly Lane[]): Promise<void> {
  const outcomes = await Promise.allSettled(
    lanes.map(async (lane) => {
      for (const step of lane) await driver.append(step);
    }),
  );
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
  if (failed.length > 0) {
    const first = failed[0]?.reason;
    const message = first instanceof Error ? first.message : String(first);
    throw new Error(`${failed.length} of ${lanes.length} appender(s) failed, first: ${message}`);
  }
}

/**
 * Every repetition appends the whole plan to a new database file: opening it (schema
 * included) and closing it are not timed. Counts appends or events, as `count` says.
 */
export function appendSubject(
  head: SubjectHead,
  lanes: readonly Lane[],
  count: "appends" | "events",
  openDriver: (path: string) => Promise<AppendDriver> | AppendDriver,
): Subject {
  const ops = count === "appends" ? countAppends(lanes) : countEvents(lanes);
  return {
    ...head,
    open: (dir): Promise<SubjectSession> => {
      let retries = 0;
      return Promise.resolve({
        run: async (repetition) => {
          const path = join(dir, `append-${repetition}.sqlite`);
          const driver = await openDriver(path);
          try {
            const { seconds } = await timed(() => runLanes(driver, lanes));
            return { ops, seconds };
          } finally {
            retries += driver.retries?.() ?? 0;
            await driver.close();
            await removeDatabase(path);
          }
        },
        close: () => Promise.resolve(),
        note: () => (retries === 0 ? null : `${retries} append(s) retried after a transient SQLITE_BUSY (all rounds)`),
      });
    },
  };
}

/** A subject reading a log filled once (untimed); every repetition must see exactly `expected` events. */
export function readSubject(
  head: SubjectHead,
  expected: number,
  openDriver: (path: string) => Promise<ReadDriver> | ReadDriver,
  read: (driver: ReadDriver) => Promise<number>,
): Subject {
  return {
    ...head,
    open: async (dir): Promise<SubjectSession> => {
      const driver = await openDriver(join(dir, "read.sqlite"));
      return {
        run: async () => {
          const { seconds, result } = await timed(() => read(driver));
          if (result !== expected) throw new Error(`read ${result} events, expected ${expected}`);
          return { ops: result, seconds };
        },
        close: () => driver.close(),
      };
    },
  };
}
