import { answerOf, mapLimited, type Api } from "../../api.js";
import type { AnswerOf } from "../../api-answers.js";

/**
 * The stations' records of a year, ranked (联络站排名): every registered station
 * (`GET /v1/stations`, with its name), each read with `GET /v1/stations/:id/record?year=`.
 * Ranked by the on-time answer rate (a station without an answer due is not ranked), then the
 * share of referred opinions resolved, then receptions.
 */

export type StationRecord = AnswerOf<"/v1/stations/{id}/record">;
export interface NamedRecord extends StationRecord {
  /** The station's registered name. */
  readonly name: string;
}
export interface RankedStation extends NamedRecord {
  readonly rank: number | null;
  /** Resolved per referred opinion; null when none was referred. */
  readonly resolvedShare: number | null;
}

export const rankStations = (records: readonly NamedRecord[]): RankedStation[] => {
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
  const { stations } = await answerOf(api.GET("/v1/stations", {}));
  const records = await mapLimited(stations, 4, async (station) => ({
    ...(await answerOf(api.GET("/v1/stations/{id}/record", { params: { path: { id: station.stationId }, query: { year } } }))),
    name: station.name,
  }));
  return rankStations(records);
};
