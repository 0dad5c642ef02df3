/** What a CLI command may touch of the process: injected, so commands are testable. */
export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** For commands that read standard input (`audit import -`). */
  readonly stdin?: NodeJS.ReadableStream;
}

/** A CLI usage mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  readonly code = "USAGE";
}

export const isUsageError = (error: unknown): error is UsageError =>
  error instanceof Error && (error as { code?: unknown }).code === "USAGE";
