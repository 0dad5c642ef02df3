import { backfillWindowFor, deciders, foldStream, streamIdOf } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import type { WriteContext } from "./write-context.js";

/**
 * A write whose body carries `backfillId` (trust.md, "Backfill"): the grant must still count
 * (its stream folded, voidings applied), be the actor's and not have expired (else 422 on
 * `backfillId`). The command's claimed times are then checked against the grant's window
 * instead of the recording grace, and its events carry `metadata.backfillId`.
 */
export const underBackfill = async (store: EventStore, context: WriteContext, backfillId: string | undefined): Promise<WriteContext> => {
  if (backfillId === undefined) return context;
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.backfill(backfillId))) events.push(event);
  const state = foldStream(deciders.backfill, events, { validate: false });
  const backfill = backfillWindowFor(state, backfillId, context.metadata.actor, context.metadata.now);
  return { ...context, metadata: { ...context.metadata, backfill } };
};

/** Splits a parsed body into its `backfillId` (if any) and the rest, which the route turns into its command. */
export const takeBackfillId = (body: unknown): { readonly backfillId: string | undefined; readonly body: unknown } => {
  if (typeof body !== "object" || body === null || !("backfillId" in body)) return { backfillId: undefined, body };
  const { backfillId, ...rest } = body as { readonly backfillId?: unknown };
  return { backfillId: typeof backfillId === "string" ? backfillId : undefined, body: rest };
};
