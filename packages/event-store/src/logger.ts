/**
 * The logging the store needs, a structural subset of a pino `Logger` (pass one in; the store
 * never creates a logger of its own). Defaults to a logger that drops everything.
 */
export interface EventStoreLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

const ignore = (): void => {};

export const createSilentLogger = (): EventStoreLogger => ({ debug: ignore, info: ignore, warn: ignore, error: ignore });
