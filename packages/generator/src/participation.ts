import { deciders, shanghaiIsoOf, type ContactState, type SuggestionState } from "@duty-ledger/domain";
import type { StreamEntity } from "./simulation.js";
import { DAY_MS, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import type { World } from "./world.js";

/**
 * Participation that counts is confirmed (trust.md): the deputies a deputy names in the contact
 * they record confirm their part some working days later (the ones who keep its opinions for a
 * suggestion always do, the others mostly), and a suggestion's co-signers accept (or, rarely,
 * decline) co-signing it soon after it is submitted.
 */

/** Share of the other deputies named in a deputy's contact record who confirm it. */
export const CONFIRMATION_SHARE = 0.9;
/** Share of co-signers who decline co-signing. */
export const CO_SIGNATURE_DECLINE_SHARE = 0.03;

const soonAfter = (world: World, minDays: number, maxDays: number): number =>
  nextWorkingTime(world.sim.now + world.random.between(minDays, maxDays) * DAY_MS, world.random.int(0, 480) * MINUTE_MS);

/** Schedules the confirmations of the deputies `unconfirmed` (those in `mustConfirm` always confirm). */
export const scheduleConfirmations = (
  world: World,
  entity: StreamEntity<ContactState>,
  contactId: string,
  unconfirmed: readonly string[],
  mustConfirm: ReadonlySet<string>,
): void => {
  const { sim, random } = world;
  for (const deputyId of unconfirmed) {
    if (!mustConfirm.has(deputyId) && !random.chance(CONFIRMATION_SHARE)) continue;
    sim.schedule(soonAfter(world, 0.2, 6), () => {
      sim.decide(deciders.contact, entity, {
        type: "ConfirmContactParticipation",
        data: { contactId, confirmedAt: shanghaiIsoOf(sim.now, "second") },
        metadata: sim.metadata({ id: deputyId, role: "deputy" }),
      });
    });
  }
};

/** Schedules each co-signer's decision on co-signing the suggestion just submitted. */
export const scheduleCoSignatures = (world: World, entity: StreamEntity<SuggestionState>, suggestionId: string, coSignerIds: readonly string[]): void => {
  const { sim, random } = world;
  for (const deputyId of coSignerIds) {
    const decision = random.chance(CO_SIGNATURE_DECLINE_SHARE) ? "decline" : "accept";
    sim.schedule(soonAfter(world, 0.1, 4), () => {
      if (entity.state.status === "none") return; // the submission was voided meanwhile
      sim.decide(deciders.suggestion, entity, {
        type: "DecideCoSignature",
        data: { suggestionId, decision, at: shanghaiIsoOf(sim.now, "second") },
        metadata: sim.metadata({ id: deputyId, role: "deputy" }),
      });
    });
  }
};
