import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { CommandActor, PublishRanking } from "./commands.js";
import type { EventOf, RankingAnswer } from "./events.js";
import { auditor, deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";
import { rankingDecider } from "./ranking-decider.js";

const spec = DeciderSpecification.for(rankingDecider);

const asOf = "2024-06-10T12:00:00+08:00";
const answer: RankingAnswer = {
  asOf,
  knownAt: NOW,
  period: "2024",
  rules: "default-2024",
  rulesVersion: 1,
  units: [
    {
      assigned: 5,
      index: 80,
      indicators: { attention: 1, completion: 1, consultation: null, digital: 0.5, publication: 1, resolution: 0.6, satisfaction: null },
      insufficientData: false,
      rank: 1,
      unitId: "U-1",
    },
  ],
};
const data: PublishRanking["data"] = {
  rankingId: "R-2024-H1",
  period: "2024",
  rules: "default-2024@1",
  asOf,
  treeSize: 120,
  rootHash: "0".repeat(64),
  answerDigest: "f".repeat(64),
  answer,
};
const publish = (actor: CommandActor = office, overrides: Partial<PublishRanking["data"]> = {}, now = NOW): PublishRanking => ({
  type: "PublishRanking",
  data: { ...data, ...overrides },
  metadata: meta(actor, now),
});
const published: EventOf<"RankingPublished"> = { type: "RankingPublished", data: { ...data, knownAt: NOW } };

describe("publishing a ranking", () => {
  it("the office publishes it, known at the server's clock", () => spec.when(publish()).then([published]));
  it.each([auditor, deputy("D-1"), unit("U-1")])("refuses %j (403)", (actor) => spec.when(publish(actor)).thenThrows("FORBIDDEN"));
  it("refuses publishing the same id twice (409): what was published stays", () => spec.given([published]).when(publish()).thenThrows("CONFLICT"));
  it("refuses an asOf after the publication (422 on asOf)", () =>
    spec.when(publish(office, { asOf: "2025-01-01T00:00:00+08:00", answer: { ...answer, asOf: "2025-01-01T00:00:00+08:00" } })).thenThrows("DOMAIN_RULE", "asOf"));
  it("refuses an answer known at another time than the publication (422)", () =>
    spec.when(publish(office, { answer: { ...answer, knownAt: "2024-12-31T11:00:00+08:00" } })).thenThrows("DOMAIN_RULE", "knownAt"));
  it("refuses an answer of another period, asOf or rule set (422)", () => {
    spec.when(publish(office, { answer: { ...answer, period: "2023" } })).thenThrows("DOMAIN_RULE", "period");
    spec.when(publish(office, { answer: { ...answer, asOf: "2024-06-11T12:00:00+08:00" } })).thenThrows("DOMAIN_RULE", "asOf");
    spec.when(publish(office, { rules: "strict-2025@1" })).thenThrows("DOMAIN_RULE", "rules");
  });
  it("can be voided, and then published again", () =>
    spec
      .given([{ id: "e1", ...published }, { id: "e2", type: "EventVoided", data: { streamId: "ranking-R-2024-H1", eventId: "e1", voidedType: "RankingPublished", reason: "wrong period", voidedAt: NOW } }])
      .when(publish())
      .then([published]));
});
