/**
 * The hashes of committed events that a store's appends handed to its Merkle tree (the SQLite
 * store's worker, sqlite-tree-integrator.ts; the PostgreSQL store's, pg-merkle-tree.ts), kept by
 * position until the tree integrates them, so that it need not read them back from the log
 * (reading an event's stored metadata for its hash cost about a third of integrating it). What
 * is missing — another process's appends, a gap, more than the bound — is read from the log.
 */
export interface HandedHashes {
  /** The hashes (32 bytes each, in order) of the events at `firstPosition`, `firstPosition + 1`, … */
  add(firstPosition: number, hashes: Buffer): void;
  /**
   * The hashes of the events at positions `from + 1` … `to`, 32 bytes each, when all were
   * handed over; otherwise `null`. Forgets those at or before `from` (the tree has them).
   */
  take(from: number, to: number): Buffer | null;
  /**
   * The last position `p` such that the hashes of `from + 1` … `p` are all held (`from` when
   * that of `from + 1` is not). Forgets those at or before `from`.
   */
  heldThrough(from: number): number;
  /** Hashes held. */
  readonly size: number;
}

const HASH_BYTES = 32;

interface Run {
  readonly first: number;
  readonly hashes: Buffer;
}

const lastOf = (run: Run): number => run.first + run.hashes.length / HASH_BYTES - 1;

/** Holds at most `limit` hashes; past it, it forgets everything held (the worker then reads from the log). */
export function createHandedHashes(limit = 1 << 20): HandedHashes {
  let runs: Run[] = [];
  let held = 0;

  const forgetThrough = (position: number): void => {
    while (runs.length > 0 && lastOf(runs[0] as Run) <= position) {
      held -= (runs.shift() as Run).hashes.length / HASH_BYTES;
    }
  };

  return {
    add: (firstPosition, hashes) => {
      const count = hashes.length / HASH_BYTES;
      if (count === 0) return;
      if (held + count > limit) {
        runs = [];
        held = 0;
      }
      runs.push({ first: firstPosition, hashes });
      held += count;
    },
    take: (from, to) => {
      forgetThrough(from);
      const parts: Buffer[] = [];
      let next = from + 1;
      for (const run of runs) {
        if (next > to) break;
        if (run.first > next || lastOf(run) < next) return null; // a gap, or runs out of order
        const start = (next - run.first) * HASH_BYTES;
        const end = (Math.min(lastOf(run), to) - run.first + 1) * HASH_BYTES;
        parts.push(run.hashes.subarray(start, end));
        next += (end - start) / HASH_BYTES;
      }
      return next > to ? Buffer.concat(parts, (to - from) * HASH_BYTES) : null;
    },
    heldThrough: (from) => {
      forgetThrough(from);
      let last = from;
      for (const run of runs) {
        if (run.first > last + 1) break;
        last = Math.max(last, lastOf(run));
      }
      return last;
    },
    get size() {
      return held;
    },
  };
}
