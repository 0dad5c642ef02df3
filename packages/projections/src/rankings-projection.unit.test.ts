import type { EventData } from "@duty-ledger/domain";
import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { voided } from "./events.test-support.js";
import { foldDocument } from "./projection.js";
import { rankingsProjection } from "./rankings-projection.js";

const spec = ProjectionSpecification.for(rankingsProjection, foldDocument);
const T = "2024-12-31T12:00:00+08:00";
const data: EventData<"RankingPublished"> = {
  rankingId: "R-1",
  period: "2024",
  rules: "default-2024@1",
  asOf: "2024-06-10T12:00:00+08:00",
  knownAt: T,
  treeSize: 41,
  rootHash: "a".repeat(64),
  answerDigest: "b".repeat(64),
  answer: { asOf: "2024-06-10T12:00:00+08:00", knownAt: T, period: "2024", rules: "default-2024", rulesVersion: 1, units: [] },
};
const published = (id: string, overrides: Partial<EventData<"RankingPublished">> = {}): GivenProjectionEvent => ({ type: "RankingPublished", data: { ...data, ...overrides }, id });

describe("published rankings", () => {
  it("given a publication, then the ranking holds its figures and answer as published, with the event's id and position", () =>
    spec.given([published("e1")]).thenDoc("R-1", { rankingId: "R-1", published: { ...data, eventId: "e1", position: 1 } }));

  it("given a voided publication, then no ranking counts; a new one does", () => {
    spec.given([published("e1"), voided("v1", "ranking-R-1", "e1", "RankingPublished")]).thenDoc("R-1", { rankingId: "R-1", published: null });
    const again = spec.given([published("e1"), voided("v1", "ranking-R-1", "e1", "RankingPublished"), published("e2", { treeSize: 50 })]);
    expect(again.docs()["R-1"]?.published).toMatchObject({ eventId: "e2", treeSize: 50 });
  });

  it("replaying the same log twice gives the same documents", () =>
    spec.given([published("e1"), published("e2", { rankingId: "R-2" }), voided("v1", "ranking-R-2", "e2", "RankingPublished")]).thenReplayIsDeterministic());
});
