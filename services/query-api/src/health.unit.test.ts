import { describe, expect, it } from "vitest";
import { healthOf } from "./health.js";
import type { ProjectorView } from "./projector-view.js";

// A plain object stands in for the projector: healthOf only maps what it reports.
const view = (phase: string | undefined, lag: () => Promise<number>): ProjectorView => ({
  position: () => 7,
  lag,
  waitFor: () => Promise.resolve(true),
  ...(phase === undefined ? {} : { status: () => ({ phase, error: "secret detail" }) }),
});

describe("healthOf", () => {
  it("maps the projector's phase to the status", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, "ok"],
      ["live", "ok"],
      ["catching-up", "catching-up"],
      ["idle", "starting"],
      ["stopped", "stopped"],
      ["failed", "failed"],
    ];
    for (const [phase, status] of cases) {
      expect(await healthOf(view(phase, () => Promise.resolve(3)))).toEqual({ status, position: 7, lag: 3, ...(phase === undefined ? {} : { phase }) });
    }
  });

  it("is unavailable when the log's head cannot be read, and never shows error text", async () => {
    const health = await healthOf(view("live", () => Promise.reject(new Error("disk on fire"))));
    expect(health).toEqual({ status: "unavailable", position: null, lag: null, phase: "live" });
    expect(JSON.stringify(await healthOf(view("failed", () => Promise.resolve(0))))).not.toContain("secret detail");
  });
});
