import { shallowRef, type ShallowRef } from "vue";
import { answerOf, type Api } from "../api.js";
import type { AnswerOf } from "../api-answers.js";

export type RegistryDeputy = AnswerOf<"/v1/deputies">["deputies"][number];

/**
 * The search behind a select of deputies by name: `GET /v1/deputies?q=` (part of the name or the
 * id; 30 at most) as the reader types. Only the latest search's answer is kept (an earlier one
 * arriving late is dropped); a failed search leaves the list empty. `onFound` sees each kept
 * answer before it is shown.
 */
export interface DeputySearch {
  readonly results: ShallowRef<RegistryDeputy[]>;
  readonly searching: ShallowRef<boolean>;
  search(q: string): Promise<void>;
}

export const useDeputySearch = (api: () => Api, onFound: (deputies: readonly RegistryDeputy[]) => void = () => undefined): DeputySearch => {
  const results = shallowRef<RegistryDeputy[]>([]);
  const searching = shallowRef(false);
  let asked = 0;
  return {
    results,
    searching,
    async search(q) {
      const mine = ++asked;
      searching.value = true;
      try {
        const page = await answerOf(api().GET("/v1/deputies", { params: { query: { limit: "30", ...(q.trim() === "" ? {} : { q: q.trim() }) } } }));
        if (mine !== asked) return;
        onFound(page.deputies);
        results.value = page.deputies;
      } catch {
        if (mine === asked) results.value = [];
      } finally {
        if (mine === asked) searching.value = false;
      }
    },
  };
};
