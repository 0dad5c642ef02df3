import { ApiSpecification } from "@duty-ledger/testing";
import { afterEach, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * `?minPosition=` (read your writes) and GET /v1/health, with the projector in this process
 * (the engine's `waitFor`) and in "another process" (the read-model store's checkpoints polled).
 */

const sides: TestQuerySide[] = [];
const start = async (...args: Parameters<typeof startTestQuerySide>): Promise<TestQuerySide> => {
  const side = await startTestQuerySide(...args);
  sides.push(side);
  return side;
};

afterEach(async () => {
  for (const side of sides.splice(0)) await side.close();
});

const register = async (side: TestQuerySide, deputyId: string): Promise<number> => {
  const office = await side.token("office", "OFFICE-1");
  const written = await side.write("/v1/deputies", office, { deputyId, name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  return written.position;
};

describe("?minPosition=", () => {
  it("waits until the projections reach the position, then answers with the write included", async () => {
    const side = await start({ projector: "polling", startEngine: false, minPositionTimeoutMs: 5000 });
    const office = await side.token("office", "OFFICE-1");
    const position = await register(side, "D-1");
    // Without waiting, the read models do not have the deputy yet.
    expect((await side.get("/v1/deputies/D-1/record?year=2024", office)).status).toBe(404);

    const started = performance.now();
    const pending = side.get(`/v1/deputies/D-1/record?year=2024&minPosition=${position}`, office);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await side.startEngine();
    const response = await pending;
    const waited = performance.now() - started;
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ deputyId: "D-1", deputy: { name: "王芳" } });
    expect(Number(response.headers.get("x-read-model-position"))).toBeGreaterThanOrEqual(position);
    expect(waited).toBeGreaterThanOrEqual(250);
  });

  it("with the in-process engine: a read right after a write sees it", async () => {
    const side = await start();
    const office = await side.token("office", "OFFICE-1");
    for (let i = 1; i <= 5; i++) {
      const position = await register(side, `D-${i}`);
      const response = await side.get(`/v1/deputies/D-${i}/timeline?minPosition=${position}`, office);
      expect(response.status, response.text).toBe(200);
      expect((response.body as { entries: unknown[] }).entries).toHaveLength(1);
    }
  });

  it("gives up after the bounded wait: 503 problem+json with Retry-After, on every read endpoint", async () => {
    const side = await start({ minPositionTimeoutMs: 300 });
    const office = await side.token("office", "OFFICE-1");
    const head = await register(side, "D-1");
    await side.settle();
    const beyond = head + 1000;
    for (const path of [
      "/v1/deputies/D-1/record",
      "/v1/deputies/D-1/timeline",
      "/v1/scores",
      "/v1/units/U-1/scores",
      "/v1/units/U-1/suggestions",
      "/v1/suggestions/S-1",
      "/v1/suggestions",
      "/v1/rule-sets",
      "/v1/units",
    ]) {
      const started = performance.now();
      const response = await side.get(`${path}?minPosition=${beyond}`, office);
      const waited = performance.now() - started;
      expect(response.status, `${path}: ${response.text}`).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.headers.get("retry-after")).toBe("1");
      expect(response.body).toMatchObject({ type: "/problems/projection-lag", status: 503, wanted: beyond, reached: head });
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(3000);
    }
  });

  it("a position already reached answers at once; a projector that is not running counts as not reached", async () => {
    const side = await start({ startEngine: false, minPositionTimeoutMs: 2000 });
    const office = await side.token("office", "OFFICE-1");
    await ApiSpecification.for(side)
      .when({ path: "/v1/scores?minPosition=0", token: office })
      .then((response) => expect(response.status).toBe(200));
    const position = await register(side, "D-1");
    const started = performance.now();
    const response = await side.get(`/v1/scores?minPosition=${position}`, office);
    expect(response.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1000); // the engine says at once that it is not running
  });

  it("refuses a minPosition that is not a non-negative integer (400)", async () => {
    const side = await start();
    const office = await side.token("office", "OFFICE-1");
    for (const value of ["-1", "abc", "1.5", "99999999999999999"]) {
      await ApiSpecification.for(side).when({ path: `/v1/scores?minPosition=${value}`, token: office }).thenRefused(400, { fields: ["minPosition"] });
    }
  });
});

describe("GET /v1/health", () => {
  it("reports position and lag, without a token; the in-process engine's phase decides the status", async () => {
    const side = await start({ startEngine: false });
    const head = await register(side, "D-1");
    await register(side, "D-2");
    const stopped = await side.get("/v1/health");
    expect(stopped.status).toBe(503);
    expect(stopped.body).toEqual({ status: "starting", position: 0, lag: head + 1, phase: "idle" });

    await side.startEngine();
    await side.settle();
    const live = await side.get("/v1/health");
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: "ok", position: head + 1, lag: 0, phase: "live" });
    expect(live.headers.get("cache-control")).toBe("no-store");
  });

  it("with a projector in another process: lag is the log's head minus the read models' checkpoint", async () => {
    const side = await start({ projector: "polling", startEngine: false });
    await register(side, "D-1");
    const head = await register(side, "D-2");
    expect((await side.get("/v1/health")).body).toEqual({ status: "ok", position: 0, lag: head });
    await side.startEngine();
    await side.settle();
    expect((await side.get("/v1/health")).body).toEqual({ status: "ok", position: head, lag: 0 });
  });
});
