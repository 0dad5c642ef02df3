import { fork } from "node:child_process";

/**
 * Benchmarks that measure a whole run's peak memory do each run in a fresh child process: the
 * parent forks a TypeScript file with the same loader and the `source` condition, the child
 * does one run and reports it with `reportToParent`, then exits.
 */

/** An error the child reports instead of a result. */
interface ChildFailure {
  readonly error: string;
}

const isFailure = (message: unknown): message is ChildFailure =>
  typeof message === "object" && message !== null && "error" in message && typeof (message as ChildFailure).error === "string";

export interface ChildOptions {
  /**
   * The child is built JavaScript, run as production runs it: plain node with `nodeOptions`
   * alone (no loader, no `source` condition, so its packages resolve to their builds).
   */
  readonly built?: boolean;
}

/**
 * Forks `childPath` with `args` (and `nodeOptions`, V8 or node flags added to the parent's, or
 * alone for a `built` child) and resolves the one message it sends (see `reportToParent`);
 * rejects with the child's reported error, or its exit code when it sent nothing.
 */
export const runInChild = <Result>(childPath: string, args: readonly string[], nodeOptions: readonly string[] = [], options: ChildOptions = {}): Promise<Result> =>
  new Promise((resolve, reject) => {
    const inherited = process.execArgv.includes("--conditions=source") ? process.execArgv : [...process.execArgv, "--conditions=source"];
    const execArgv = options.built === true ? [...nodeOptions] : [...inherited, ...nodeOptions];
    const child = fork(childPath, [...args], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: Result | undefined;
    let failure: string | undefined;
    child.on("message", (message: unknown) => {
      if (isFailure(message)) failure = message.error;
      else result = message as Result;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(failure ?? `${childPath} exited with code ${code}`));
    });
  });

/**
 * In the child: runs `work` and sends its result (or `{error}`) to the parent — or prints it as
 * JSON when the file was started by hand. On failure the exit code is 1 unless `work` set one.
 */
export const reportToParent = async (work: () => Promise<unknown>): Promise<void> => {
  let message: unknown;
  try {
    message = await work();
  } catch (error) {
    message = { error: error instanceof Error ? error.message : String(error) };
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1;
  }
  await new Promise<void>((resolve) => {
    if (process.send === undefined) {
      console.log(JSON.stringify(message));
      resolve();
    } else {
      process.send(message, () => resolve());
    }
  });
};

/** KiB (as `process.resourceUsage().maxRSS` gives them) as whole MiB. */
export const mib = (kib: number): string => `${Math.round(kib / 1024)} MiB`;
