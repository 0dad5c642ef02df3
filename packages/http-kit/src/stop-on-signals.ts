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
 * SIGTERM or SIGINT stop the service gracefully and exit 0 (1 when stopping fails or takes
 * longer than the bound); a second signal exits at once with 1.
 */
export const stopOnSignals = (service: StoppableService, options: StopOnSignalsOptions): void => {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      service.logger.warn({ signal }, `${options.name}: second signal, exiting now`);
      process.exit(1);
    }
    stopping = true;
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
