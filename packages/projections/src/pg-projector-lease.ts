import pg from "pg";

/**
 * The projector's lease on a PostgreSQL read-model database (design/scale-out.md: one active
 * projector): a session-level advisory lock held on a connection of its own for as long as the
 * projector runs. Any number of projector processes may ask; one holds it, the others try again
 * every `retryMs` (default 1 s). The lock goes with its session: when the holder dies — SIGKILL
 * included, its socket closed by the kernel — PostgreSQL releases it at once, and a standby
 * holds it at its next try. A holder's host that vanishes without closing the socket is found
 * by TCP keepalives (asked of the server for this session: ~10 s). The lease keeps standbys
 * waiting; should two projectors ever commit at once (a holder whose lease connection failed,
 * before it stops), the checkpoint guard of every commit (`setCheckpoint(…, expectedPosition)`)
 * refuses the second one's transaction: no event is applied twice.
 */

/** The lock's key (64-bit, inlined). */
export const PROJECTOR_LEASE_KEY = 0x6475_7479_0102n;

export interface ProjectorLease {
  /** Resolves once this process holds the lease; rejects if `release` was called first. */
  readonly held: Promise<void>;
  /** Resolves with the cause if the lease's connection fails after it was held (the projector must then stop). */
  readonly lost: Promise<Error>;
  /** Stops waiting, or gives the lease up (closes its connection). */
  release(): Promise<void>;
}

export interface ProjectorLeaseOptions {
  readonly connectionString: string;
  /** Between two tries while another holds it (ms). Default 1000. */
  readonly retryMs?: number;
  /** Called once per try that finds the lease held elsewhere (first try only: for a "standby" log line). */
  readonly onStandby?: () => void;
}

const KEEPALIVE = ["SET tcp_keepalives_idle = 5", "SET tcp_keepalives_interval = 2", "SET tcp_keepalives_count = 3"];

export const acquireProjectorLease = (options: ProjectorLeaseOptions): ProjectorLease => {
  const retryMs = Math.max(10, options.retryMs ?? 1000);
  let released = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let onLost: (error: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => {
    onLost = resolve;
  });

  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    fresh.on("error", (error) => {
      if (client === fresh && !released) onLost(error);
    });
    await fresh.connect();
    for (const statement of KEEPALIVE) await fresh.query(statement).catch(() => undefined);
    return fresh;
  };

  const held = (async () => {
    let announced = false;
    for (;;) {
      if (released) throw new Error("the projector lease was released before it was held");
      try {
        client ??= await connect();
        const row = (await client.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${PROJECTOR_LEASE_KEY}) AS held`)).rows[0];
        if (row?.held === true) {
          if (released) throw new Error("the projector lease was released before it was held");
          const holding = client;
          holding.on("end", () => {
            if (!released) onLost(new Error("the projector lease's connection ended"));
          });
          return;
        }
        if (!announced) options.onStandby?.();
        announced = true;
      } catch (error) {
        if (released) throw error;
        // The database is not reachable (yet): try again with a new connection.
        const failed = client;
        client = null;
        await failed?.end().catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, retryMs);
      });
    }
  })();
  held.catch(() => undefined);

  return {
    held,
    lost,
    release: async () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      wake?.();
      const holding = client;
      client = null;
      await held.catch(() => undefined);
      await holding?.end().catch(() => undefined);
    },
  };
};
