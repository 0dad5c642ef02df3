import type { RequestEntry } from "./suggestion-entries.js";
import type { SuggestionView } from "./suggestion-view-projection.js";

/** The lead unit's requests waiting for the office's answer (the office's answer forms show only then). */
export interface PendingRequests {
  /** A request for more time not yet granted (`DeadlineExtended`) nor refused; `null` when none. */
  readonly extension: RequestEntry | null;
  /** A request to hand the suggestion back not yet answered by a reassignment nor refused; `null` when none. */
  readonly return: RequestEntry | null;
}

/** The request of `kind` asked last, if nothing answered it since (in log order). */
const waiting = (requests: readonly RequestEntry[], kind: RequestEntry["request"], answeredAfter: (position: number) => boolean): RequestEntry | null => {
  const last = requests.filter((entry) => entry.request === kind).at(-1);
  if (last === undefined || last.act !== "requested") return null;
  return answeredAfter(last.position) ? null : last;
};

/** The requests of the view (as it stands, or as of a point in time) still waiting for an answer. */
export const pendingRequestsOf = (view: SuggestionView): PendingRequests => {
  const requests = view.requests ?? [];
  return {
    extension: waiting(requests, "extension", (position) => view.extensions.some((grant) => grant.position > position)),
    return: waiting(requests, "return", (position) => view.assignments.some((assignment) => assignment.position > position)),
  };
};
