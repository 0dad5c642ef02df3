import { answerOf, mapLimited, type Api } from "../../api.js";
import type { AnswerOf } from "../../api-answers.js";

/**
 * The stations' records of a year, ranked (联络站排名). The API lists no stations: the stations
 * are those that referred an opinion (`GET /v1/opinions`, every page), each read with
 * `GET /v1/stations/:id/record?year=`. Ranked by the on-time answer rate (a station without an
 * answer due is not ranked), then the share of referred opinions resolved, then receptions.
 */

export type StationRecord = AnswerOf<"/v1/stations/{id}/record">;
export interface RankedStation extends StationRecord {
  readonly rank: number | null;
  /** Resolved per referred opinion; null when none was referred. */
  readonly resolvedShare: number | null;
}

const PAGE = 1000;
/** Most opinions read to find the stations. */
const MAX_OPINIONS = 50_000;

export const stationIdsOf = async (api: Api): Promise<string[]> => {
  const ids = new Set<string>();
  let cursor: string | null = null;
  let read = 0;
  do {
    const page: AnswerOf<"/v1/opinions"> = await answerOf(api.GET("/v1/opinions", { params: { query: { limit: String(PAGE), cursor: cursor ?? undefined } } }));
    for (const item of page.items) if (item.stationId !== null) ids.add(item.stationId);
    read += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null && read < MAX_OPINIONS);
  return [...ids].sort();
};

export const rankStations = (records: readonly StationRecord[]): RankedStation[] => {
  const withShare = records.map((record) => ({ ...record, resolvedShare: record.referred === 0 ? null : record.resolved / record.referred }));
  const ranked = withShare
    .filter((record) => record.onTimeAnswerRate !== null)
    .sort(
      (a, b) =>
        (b.onTimeAnswerRate ?? 0) - (a.onTimeAnswerRate ?? 0) ||
        (b.resolvedShare ?? -1) - (a.resolvedShare ?? -1) ||
        b.receptions - a.receptions ||
        a.stationId.localeCompare(b.stationId),
    );
  const unranked = withShare.filter((record) => record.onTimeAnswerRate === null).sort((a, b) => a.stationId.localeCompare(b.stationId));
  return [...ranked.map((record, i) => ({ ...record, rank: i + 1 })), ...unranked.map((record) => ({ ...record, rank: null }))];
};

export const readStationRanking = async (api: Api, year: string): Promise<RankedStation[]> => {
  const ids = await stationIdsOf(api);
  const records = await mapLimited(ids, 4, (id) => answerOf(api.GET("/v1/stations/{id}/record", { params: { path: { id }, query: { year } } })));
  return rankStations(records);
};
