import { ConflictError, type Decider, type DutyEvent, type EventOf } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { DeciderSpecification } from "./decider-specification.js";

// A tiny decider over the unit registry's events, just to exercise the helper.
type Cmd = { type: "Register"; name: string } | { type: "Noop" } | { type: "Boom" };
type Ev = EventOf<"UnitRegistered"> | EventOf<"EventVoided">;
const T = "2024-03-01T09:30:00+08:00";
const registered = (name: string): EventOf<"UnitRegistered"> => ({ type: "UnitRegistered", data: { unitId: "U-1", name, registeredAt: T } });

const decider: Decider<Cmd, Ev, { count: number }> = {
  name: "unit",
  eventTypes: ["UnitRegistered"],
  initialState: { count: 0 },
  evolve: (state, event) => (event.type === "UnitRegistered" ? { count: state.count + 1 } : state),
  decide: (command, state) => {
    switch (command.type) {
      case "Register":
        if (state.count > 0) throw new ConflictError("already");
        return [registered(command.name)];
      case "Noop":
        return [];
      case "Boom":
        throw new Error("plain error");
      default: {
        const _exhaustive: never = command;
        throw new Error(String(_exhaustive));
      }
    }
  },
  admits: () => true,
};

const spec = DeciderSpecification.for(decider);

describe("DeciderSpecification", () => {
  it("passes when the events match", () => spec.given([]).when({ type: "Register", name: "A" }).then([registered("A")]));

  it("fails when the events differ", () => {
    expect(() => spec.given([]).when({ type: "Register", name: "A" }).then([registered("B")])).toThrow();
  });

  it("fails `then` when the decider throws", () => {
    expect(() => spec.given([registered("A")]).when({ type: "Register", name: "A" }).then([])).toThrow(/threw ConflictError/);
  });

  it("fails when an emitted event is invalid against its schema", () => {
    expect(() => spec.given([]).when({ type: "Register", name: "   " }).then([registered("   ")])).toThrow();
  });

  it("thenThrows passes on the code, and fails on another code or on no error", () => {
    spec.given([registered("A")]).when({ type: "Register", name: "A" }).thenThrows("CONFLICT");
    spec.given([registered("A")]).when({ type: "Register", name: "A" }).thenThrows("CONFLICT", /already/);
    spec.given([registered("A")]).when({ type: "Register", name: "A" }).thenThrows((e) => e instanceof ConflictError);
    expect(() => spec.given([registered("A")]).when({ type: "Register", name: "A" }).thenThrows("NOT_FOUND")).toThrow();
    expect(() => spec.given([registered("A")]).when({ type: "Register", name: "A" }).thenThrows("CONFLICT", "other text")).toThrow();
    expect(() => spec.given([]).when({ type: "Register", name: "A" }).thenThrows("CONFLICT")).toThrow(/expected the decider to throw/);
    expect(() => spec.when({ type: "Boom" }).thenThrows("CONFLICT")).toThrow();
  });

  it("thenNothing passes on no events and fails on some", () => {
    spec.when({ type: "Noop" }).thenNothing();
    expect(() => spec.when({ type: "Register", name: "A" }).thenNothing()).toThrow();
  });

  it("given honours voided events (by id) and exposes the state", () => {
    const given: (DutyEvent & { id: string })[] = [
      { id: "a", ...registered("A") },
      { id: "b", type: "EventVoided", data: { streamId: "unit-U-1", eventId: "a", voidedType: "UnitRegistered", reason: "typo", voidedAt: T } },
    ];
    expect(spec.given(given).state()).toEqual({ count: 0 });
    spec.given(given).when({ type: "Register", name: "A" }).then([registered("A")]);
  });

  it("given validates the events it is given", () => {
    expect(() => spec.given([{ type: "UnitRegistered", data: { unitId: "U 1" } }]).state()).toThrow(/invalid UnitRegistered/);
  });
});
