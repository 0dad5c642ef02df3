import { CLOCK_SKEW_MS } from "./claimed-time.js";
import type { RankingCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError } from "./errors.js";
import type { EventData, RankingEvent } from "./events.js";
import { domainRule, refuse, requireRole } from "./guards.js";
import { instant } from "./primitives.js";

/** A published ranking (公布排名), stream `ranking-<id>`: what the decider keeps of it. */
export type RankingState =
  | { readonly status: "none" }
  | { readonly status: "published"; readonly ranking: Pick<EventData<"RankingPublished">, "rankingId" | "period" | "asOf" | "knownAt" | "treeSize" | "answerDigest"> };

const initialState: RankingState = { status: "none" };

const evolve = (state: RankingState, event: RankingEvent): RankingState => {
  switch (event.type) {
    case "RankingPublished": {
      const { rankingId, period, asOf, knownAt, treeSize, answerDigest } = event.data;
      return { status: "published", ranking: { rankingId, period, asOf, knownAt, treeSize, answerDigest } };
    }
    default: {
      const _exhaustive: never = event.type;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const guards = {
  RankingPublished: (state, d: Pick<EventData<"RankingPublished">, "rankingId">) =>
    state.status === "published" ? new ConflictError(`ranking ${d.rankingId} is already published`) : undefined,
} satisfies Guards<RankingState, RankingEvent>;

/**
 * `PublishRanking` (office, once per id). The shell computed the answer as the ledger knew it at
 * `metadata.now`, which becomes the event's `knownAt`; the decider checks that the answer is the
 * one asked for (period, `asOf`, rule set, `knownAt`) and that `asOf` is not after the
 * publication (a ranking of the future would be a forecast).
 */
const decide = (command: RankingCommand, state: RankingState): RankingEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "PublishRanking": {
      requireRole(actor, ["office"], "publish rankings");
      refuse(guards.RankingPublished(state, command.data));
      const d = command.data;
      if (instant(d.asOf) > instant(now) + CLOCK_SKEW_MS) throw domainRule("asOf", "a published ranking stands at a past moment: asOf must not lie after the time of publication");
      const { answer } = d;
      if (answer.period !== d.period) throw domainRule("answer.period", `is ${answer.period}, the ranking's period is ${d.period}`);
      if (answer.asOf !== d.asOf) throw domainRule("answer.asOf", `is ${answer.asOf}, the ranking's asOf is ${d.asOf}`);
      if (answer.knownAt !== now) throw domainRule("answer.knownAt", `must be the time of publication ${now}`);
      if (`${answer.rules}@${answer.rulesVersion}` !== d.rules) throw domainRule("answer.rules", `is ${answer.rules}@${answer.rulesVersion}, the ranking's rules are ${d.rules}`);
      return [{ type: "RankingPublished", data: { ...d, knownAt: now } }];
    }
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Rankings: `PublishRanking` (office, once per id, `asOf` not after the publication). */
export const rankingDecider = defineDecider<RankingCommand, "ranking", RankingState>({ name: "ranking", initialState, evolve, decide, guards });
