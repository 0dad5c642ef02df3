import { answerOf, type Api } from "../../api.js";
import type { AnswerOf } from "../../api-answers.js";

/** Most deputies read for their names (ten pages of `GET /v1/deputies`). */
const MAX_PAGES = 10;

/** The registered deputies' names by id (`GET /v1/deputies`, page after page). */
export const deputyNamesOf = async (api: Api): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: AnswerOf<"/v1/deputies"> = await answerOf(api.GET("/v1/deputies", { params: { query: { limit: "1000", ...(cursor === null ? {} : { cursor }) } } }));
    for (const deputy of page.deputies) names.set(deputy.deputyId, deputy.name);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < MAX_PAGES);
  return names;
};
