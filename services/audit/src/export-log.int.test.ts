import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, tempDir, writeSampleStore } from "./audit.test-support.js";
import { exportLog } from "./export-log.js";
import { createProgressBar } from "./progress-bar.js";

let temp: ReturnType<typeof tempDir>;
let path: string;
let head: number;

beforeAll(async () => {
  temp = tempDir("export");
  path = join(temp.dir, "events.sqlite");
  head = await writeSampleStore(path);
});

afterAll(() => temp.remove());

describe("exportLog", () => {
  it("waits for a slow sink (backpressure) and loses nothing", async () => {
    const chunks: string[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString("utf8"));
        setTimeout(callback, 1);
      },
    });
    slow.on("drain", () => waits++);
    const store = openStore(path);
    try {
      const summary = await exportLog(store, slow, { chunkBytes: 4096 });
      expect(summary).toEqual({ events: head, firstPosition: 1, lastPosition: head, head });
    } finally {
      await store.close();
    }
    const positions = chunks.join("").trimEnd().split("\n").map((line) => (JSON.parse(line) as { position: number }).position);
    expect(positions).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(waits).toBeGreaterThan(0);
  });

  it("draws a progress bar on a terminal only, on the stream it is given", () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 100, write: (chunk: string) => written.push(chunk) > 0 };
    let now = 0;
    const bar = createProgressBar(tty, { what: "export", intervalMs: 100, now: () => now });
    bar.update(10, 100);
    now = 50;
    bar.update(20, 100); // too soon: not drawn
    now = 1000;
    bar.update(50, 100);
    bar.done();
    expect(written).toHaveLength(4);
    expect(written[2]).toContain("50.0%");
    expect(written[3]).toBe("\n");
    const pipe = { isTTY: false, write: (chunk: string) => written.push(chunk) > 0 };
    const silent = createProgressBar(pipe, { what: "export" });
    silent.update(1, 2);
    silent.done();
    expect(written).toHaveLength(4);
  });
});
