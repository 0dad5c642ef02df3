import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// `node --import tsx`, not the tsx CLI (which would relay the signals once more).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = fileURLToPath(new URL("./stop-on-signals-child.test-support.ts", import.meta.url));

/** Starts the child with a stop of `stopMs`, sends SIGINT at each of `at` (ms after it is ready); resolves its exit code and log messages. */
const signalled = (stopMs: number, at: readonly number[]): Promise<{ code: number | null; messages: string[] }> =>
  new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", child, String(stopMs)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    let started = false;
    process_.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (!started && output.includes("ready")) {
        started = true;
        for (const ms of at) setTimeout(() => process_.kill("SIGINT"), ms);
      }
    });
    process_.on("error", reject);
    process_.on("exit", (code) => {
      const messages = output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      resolve({ code, messages });
    });
  });

describe("stopOnSignals in a real process", () => {
  it("a signal delivered twice within moments (Ctrl-C through a terminal and a relaying parent) stops gracefully once, exit 0", async () => {
    const { code, messages } = await signalled(600, [0, 15]);
    expect(code).toBe(0);
    expect(messages).toEqual(["child: stopping, finishing requests in flight", "closed"]);
  });

  it("a second signal a second or more later exits at once with 1", async () => {
    const { code, messages } = await signalled(5000, [0, 1200]);
    expect(code).toBe(1);
    expect(messages).toEqual(["child: stopping, finishing requests in flight", "child: second signal, exiting now"]);
  });
});
