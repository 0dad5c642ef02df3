import { streamIdOf, ValidationError, type ContactChannel } from "@duty-ledger/domain";
import { deputyProfileOf } from "./deputy-record.js";
import { DEPUTY_RECORD, type DeputyRecordDoc } from "./deputy-record-projection.js";
import { referralAt, type OpinionStatus } from "./opinion-referral-state.js";
import { OPINIONS, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import type { ReadModelStore } from "./read-model-store.js";

/**
 * The opinions gathered at contacts (referred or not), as a desk picks them: a station's (the
 * clerk refers those not yet referred) and a deputy's (the contacts where the deputy's part
 * counts; the deputy cites them as a suggestion's `sourceOpinionIds`). A Shanghai calendar year
 * of contacts (by `occurredAt`), newest contact first, then contact id, then the contact's own
 * opinion order; each opinion with its referral as of `asOf` (`null`: not referred then).
 */

export interface GatheredOpinion {
  readonly contactId: string;
  readonly opinionId: string;
  readonly text: string;
  readonly occurredAt: string;
  readonly channel: ContactChannel;
  readonly stationId: string | null;
  readonly referral: { readonly unitId: string; readonly referredAt: string; readonly dueAt: string; readonly status: OpinionStatus } | null;
}

export interface GatheredOpinionFilters {
  /** Shanghai calendar year of the contacts. */
  readonly year: number;
  /** `false`: only those not referred as of `asOf`; `true`: only those referred; absent: all. */
  readonly referred?: boolean | undefined;
  /** ISO 8601 with offset: contacts, confirmations and referrals as of then. */
  readonly asOf: string;
  /** 1–1000, default 100. */
  readonly limit?: number | undefined;
  readonly cursor?: string | null | undefined;
}

export interface GatheredOpinionPage {
  readonly items: readonly GatheredOpinion[];
  readonly nextCursor: string | null;
}

export interface GatheredOpinionReaders {
  /** The opinions gathered at the station's contacts; `null` when the station is not registered. */
  listStationOpinions(stationId: string, filters: GatheredOpinionFilters): Promise<GatheredOpinionPage | null>;
  /** The opinions gathered at contacts where the deputy's part counts as of `asOf`; `null` when the deputy is not registered. */
  listDeputyOpinions(deputyId: string, filters: GatheredOpinionFilters): Promise<GatheredOpinionPage | null>;
}

const invalid = (path: string, message: string): ValidationError => new ValidationError(`${path} ${message}`, { errors: [{ path, message }] });

/** Newest contact first: [occurredAt ms, contactId, index of the opinion in its contact]. */
type Place = readonly [number, string, number];

const compare = (a: Place, b: Place): number => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2];

const encodeCursor = (place: Place): string => Buffer.from(JSON.stringify(place), "utf8").toString("base64url");

const decodeCursor = (cursor: string): Place => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === "number" && typeof parsed[1] === "string" && typeof parsed[2] === "number") {
      return [parsed[0], parsed[1], parsed[2]];
    }
  } catch {
    // fall through
  }
  throw invalid("cursor", "is not a cursor of this list");
};

/** Whether the deputy's part in the contact counts as of `asOfMs`: named, and confirmed when the recording left it unconfirmed. */
export const deputyWasAt = (doc: ContactOpinionsDoc, deputyId: string, asOfMs: number): boolean => {
  const { contact } = doc;
  if (contact === null || !contact.deputyIds.includes(deputyId)) return false;
  return !contact.unconfirmedDeputyIds.includes(deputyId) || doc.confirmations.some((c) => c.deputyId === deputyId && Date.parse(c.confirmedAt) <= asOfMs);
};

const pageOf = (docs: Iterable<ContactOpinionsDoc>, filters: GatheredOpinionFilters, keepContact: (doc: ContactOpinionsDoc, asOfMs: number) => boolean): GatheredOpinionPage => {
  const limit = filters.limit ?? 100;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw invalid("limit", "must be an integer from 1 to 1000");
  const asOfMs = Date.parse(filters.asOf);
  if (!Number.isFinite(asOfMs)) throw invalid("asOf", "must be an ISO 8601 date-time with offset");
  const after = filters.cursor === undefined || filters.cursor === null || filters.cursor === "" ? undefined : decodeCursor(filters.cursor);
  const found: { place: Place; item: GatheredOpinion }[] = [];
  for (const doc of docs) {
    const { contact } = doc;
    if (contact === null || contact.year !== filters.year) continue;
    const occurredMs = Date.parse(contact.occurredAt);
    if (occurredMs > asOfMs || !keepContact(doc, asOfMs)) continue;
    doc.opinions.forEach(({ opinionId, text }, index) => {
      const place: Place = [occurredMs, doc.contactId, index];
      if (after !== undefined && compare(place, after) <= 0) return;
      const stored = doc.referrals[opinionId];
      const at = stored === undefined ? null : referralAt(stored, asOfMs);
      if (filters.referred !== undefined && filters.referred !== (at !== null)) return;
      const referral = stored === undefined || at === null ? null : { unitId: stored.unitId, referredAt: stored.referredAt, dueAt: at.dueAt, status: at.status };
      found.push({ place, item: { contactId: doc.contactId, opinionId, text, occurredAt: contact.occurredAt, channel: contact.channel, stationId: contact.stationId, referral } });
    });
  }
  found.sort((a, b) => compare(a.place, b.place));
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(({ item }) => item), nextCursor: found.length > limit && last !== undefined ? encodeCursor(last.place) : null };
};

const contactsOf = (docs: Iterable<OpinionsDoc>): ContactOpinionsDoc[] => [...docs].flatMap((doc) => (doc.kind === "contact" ? [doc] : []));

export const gatheredOpinionReaders = (store: ReadModelStore): GatheredOpinionReaders => ({
  listStationOpinions: async (stationId, filters) => {
    const station = await store.get<OpinionsDoc>(OPINIONS, streamIdOf.station(stationId));
    if (station === undefined || station.kind !== "station" || !station.registered) return null;
    const hits = await store.listByIndex<OpinionsDoc>(OPINIONS, { name: "station", values: [stationId] });
    return pageOf(
      contactsOf(hits.map((hit) => hit.doc)),
      filters,
      (doc) => doc.contact?.stationId === stationId,
    );
  },

  listDeputyOpinions: async (deputyId, filters) => {
    const registry = await store.get<DeputyRecordDoc>(DEPUTY_RECORD, streamIdOf.deputy(deputyId));
    if (registry === undefined || registry.kind !== "deputy" || deputyProfileOf(registry) === null) return null;
    const contactKeys = (await store.queryIndex(DEPUTY_RECORD, { name: "deputy", values: [deputyId] })).map((hit) => hit.key).filter((key) => key.startsWith("contact-"));
    const docs = await store.getMany<OpinionsDoc>(OPINIONS, contactKeys);
    return pageOf(contactsOf(docs.values()), filters, (doc, asOfMs) => deputyWasAt(doc, deputyId, asOfMs));
  },
});
