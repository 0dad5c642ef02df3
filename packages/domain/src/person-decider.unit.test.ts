import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { CommandActor, ErasePerson } from "./commands.js";
import { meta, office } from "./fixtures.test-support.js";
import { personDecider } from "./person-decider.js";

const AT = "2024-12-30T09:00:00+08:00";
const erase = (actor: CommandActor = office, at = AT): ErasePerson => ({
  type: "ErasePerson",
  data: { personId: "P-1", at, reason: "本人申请删除" },
  metadata: meta(actor),
});
const erased = { type: "PersonErased" as const, data: { personId: "P-1", erasedAt: AT, reason: "本人申请删除" } };

const spec = DeciderSpecification.for(personDecider);

describe("erasing a person's data", () => {
  it("the office records it", () => spec.given([]).when(erase()).then([erased]));
  it("refuses erasing twice (409)", () => spec.given([erased]).when(erase()).thenThrows("CONFLICT"));
  it.each(["deputy", "clerk", "unit", "auditor"] as const)("refuses a %s (403)", (role) => spec.given([]).when(erase({ id: "X-1", role })).thenThrows("FORBIDDEN"));
  it("refuses a claimed time in the future (422)", () => spec.given([]).when(erase(office, "2025-06-01T09:00:00+08:00")).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});
