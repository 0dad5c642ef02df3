import type { RankingAnswer } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * The published rankings (GET /v1/rankings/:id), one document per ranking, keyed by its id: the
 * `RankingPublished` event's figures as published. `answer` is the event's own, its keys in
 * RFC 8785 order: sent as JSON it is the canonical JSON `answerDigest` hashes, byte for byte,
 * whatever was recorded since. A voided publication leaves the document without one.
 */
export const RANKINGS = "rankings";

export interface PublishedRanking {
  readonly rankingId: string;
  readonly period: string;
  readonly rules: string;
  readonly asOf: string;
  readonly knownAt: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly answerDigest: string;
  readonly answer: RankingAnswer;
  /** The event's id and position. */
  readonly eventId: string;
  readonly position: number;
}

export interface RankingDoc {
  readonly rankingId: string;
  /** `null` while no publication counts. */
  readonly published: PublishedRanking | null;
}

export const initRankingDoc = (rankingId: string): RankingDoc => ({ rankingId, published: null });

const applyToRanking = (doc: RankingDoc, recorded: RecordedEvent): RankingDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "RankingPublished": {
      const { rankingId, period, rules, asOf, knownAt, treeSize, rootHash, answerDigest, answer } = event.data;
      return { rankingId: doc.rankingId, published: { rankingId, period, rules, asOf, knownAt, treeSize, rootHash, answerDigest, answer, eventId: recorded.id, position: recorded.position } };
    }
    default:
      return doc;
  }
};

/** The `published` index's single value: every counting publication (`GET /v1/rankings`), sorted by its position. */
export const PUBLISHED_RANKING = "ranking";

const indexesOfRanking = (doc: RankingDoc): IndexEntry[] => (doc.published === null ? [] : [{ name: "published", value: PUBLISHED_RANKING, sort: doc.published.position }]);

/** Index `published` (sort: the publication's position), for the list newest first. */
export const rankingsProjection: Projection<RankingDoc> = {
  name: RANKINGS,
  version: 2,
  indexesOf: indexesOfRanking,
  handles: ["RankingPublished"],
  keysOf: (event) => entityKeyIn(event, "ranking"),
  init: initRankingDoc,
  apply: applyToRanking,
};
