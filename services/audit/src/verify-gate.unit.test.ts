import { describe, expect, it } from "vitest";
import { createVerifyGate } from "./verify-gate.js";
import type { LogVerification } from "./verify-log.js";

describe("createVerifyGate", () => {
  it("runs one verification at a time, refuses others meanwhile, and estimates the wait from the last one", async () => {
    let now = 0;
    let finish: (report: LogVerification) => void = () => {};
    const gate = createVerifyGate(
      () => new Promise<LogVerification>((resolve) => (finish = resolve)),
      () => now,
    );
    expect(gate.retryAfterSeconds()).toBe(1);
    const first = gate.tryVerify({});
    expect(first).not.toBeNull();
    expect(gate.tryVerify({ upTo: 3 })).toBeNull();
    now = 7_400;
    finish({ ok: true } as LogVerification);
    await first;
    expect(gate.retryAfterSeconds()).toBe(8);

    const second = gate.tryVerify({});
    now += 5_000;
    expect(gate.tryVerify({})).toBeNull();
    expect(gate.retryAfterSeconds(), "7.4 s last time, 5 s gone").toBe(3);
    now += 10_000;
    expect(gate.retryAfterSeconds(), "overdue: at least 1").toBe(1);
    finish({ ok: true } as LogVerification);
    await second;
  });

  it("frees the gate when a verification fails", async () => {
    const gate = createVerifyGate(() => Promise.reject(new Error("store gone")));
    await expect(gate.tryVerify({})).rejects.toThrow("store gone");
    const next = gate.tryVerify({});
    expect(next).not.toBeNull();
    await expect(next).rejects.toThrow("store gone");
  });
});
