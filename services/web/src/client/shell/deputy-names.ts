import { answerOf, mapLimited, type Api } from "../api.js";

/**
 * The registered names of the deputies `ids` (`GET /v1/deputies?q=<id>`, six at a time; every
 * role but the clerk's views show deputies, and every role may read their names): by id, those
 * found. A failed or missing look-up leaves the id unnamed (shown as the id).
 */
export const deputyNamesFor = async (api: Api, ids: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const distinct = [...new Set(ids.filter((id) => id !== ""))];
  const found = await mapLimited(distinct, 6, async (id) => {
    try {
      const page = await answerOf(api.GET("/v1/deputies", { params: { query: { q: id, limit: "5" } } }));
      return page.deputies.find((d) => d.deputyId === id);
    } catch {
      return undefined;
    }
  });
  return new Map(found.flatMap((d) => (d === undefined ? [] : [[d.deputyId, d.name] as const])));
};
