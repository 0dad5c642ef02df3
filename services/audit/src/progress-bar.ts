/**
 * A one-line progress bar for long audit commands, drawn on a terminal only (`isTTY`), on the
 * stream it is given (stderr: stdout may carry the export). Redrawn at most every
 * `intervalMs`; `done()` draws the last state and ends the line.
 */

export interface ProgressStream {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressBar {
  /** `done` of `total` (`total` 0 or less: unknown, no bar). */
  update(done: number, total: number, label?: string): void;
  done(): void;
}

const rate = (count: number, ms: number): string => {
  const perSecond = ms > 0 ? (count * 1000) / ms : 0;
  return perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(0)}k/s` : `${perSecond.toFixed(0)}/s`;
};

export const createProgressBar = (
  stream: ProgressStream,
  options: { readonly what: string; readonly intervalMs?: number; readonly now?: () => number; /** What is counted (default "events"). */ readonly unit?: string },
): ProgressBar => {
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let last = { done: 0, total: 0, label: "" };
  let drawn = false;

  const draw = (): void => {
    const elapsed = now() - started;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
    const known = last.total > 0;
    const share = known ? Math.min(1, last.done / last.total) : 0;
    const filled = Math.round(share * width);
    const bar = known ? `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}% ` : "";
    const text = `${options.what} ${bar}${last.done.toLocaleString("en-US")} ${options.unit ?? "events"} ${rate(last.done, elapsed)}${last.label === "" ? "" : ` ${last.label}`}`;
    stream.write(`\r${text}\u001b[K`);
    drawn = true;
  };

  return {
    update(done, total, label = "") {
      last = { done, total, label };
      const t = now();
      if (t - lastDraw < intervalMs) return;
      lastDraw = t;
      draw();
    },
    done() {
      if (last.done > 0 || drawn) draw();
      if (drawn) stream.write("\n");
    },
  };
};
