/** A logger that drops everything: for engines and stores under test or benchmark (structurally a `ProjectionLogger`). */
export const silentLogger = {
  debug: (): void => undefined,
  info: (): void => undefined,
  warn: (): void => undefined,
  error: (): void => undefined,
} as const;
