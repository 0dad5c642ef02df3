import type { Logger } from "pino";

export interface StoppableService {
  readonly logger: Logger;
  /** Stops gracefully: no new requests, those in flight finished, stores flushed and closed. */
  close(): Promise<void>;
}

export interface StopOnSignalsOptions {
  /** Named in the log lines. */
  readonly name: string;
  /** Longest a graceful stop may take before the process exits with 1. Default 10 s. */
  readonly timeoutMs?: number;
  /** What stopping does, for the log line. Default "finishing requests in flight". */
  readonly stopping?: string;
}

/**
 * A signal this soon after the one that began the stop is that same request delivered twice:
 * Ctrl-C in a terminal signals the whole process group, and a parent process such as tsx (`pnpm
 * start`) relays it to its child as well, a few milliseconds apart.
 */
const REPEAT_WINDOW_MS = 1000;

/**
 * SIGTERM or SIGINT stop the service gracefully and exit 0 (1 when stopping fails or takes
 * longer than the bound); a second signal, a second or more after the first, exits at once with 1.
 */
export const stopOnSignals = (service: StoppableService, options: StopOnSignalsOptions): void => {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let stoppingSince: number | null = null;
  const stop = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== null) {
      if (performance.now() - stoppingSince < REPEAT_WINDOW_MS) return;
      service.logger.warn({ signal }, `${options.name}: second signal, exiting now`);
      process.exit(1);
    }
    stoppingSince = performance.now();
    service.logger.info({ signal }, `${options.name}: stopping, ${options.stopping ?? "finishing requests in flight"}`);
    setTimeout(() => {
      service.logger.error({ timeoutMs }, `${options.name}: stopping took too long, exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, `${options.name}: stopping failed`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
};
