import { ErrorType, NO_STREAM, START, isCommandError, type EventStoreDBClient, type WrongExpectedVersionError } from "@eventstore/db-client";
import { v4 as uuidV4 } from "uuid";
import { RESERVATION_EVENT_TYPE, parseReservation, reservationStreamId, type EventIdReservation } from "./esdb-mapping.js";

/**
 * Event ids in EventStoreDB, which has no index of them: each new id is reserved for its stream
 * in a stream of its own (`dl-event-id-<uuid>`, hidden from reads), created only if it does
 * not exist, so an id is used in one stream only and a repeat can be told from a new append.
 */

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;

export interface EsdbReservations {
  /** Who an event id is reserved for, `undefined` when it is free. */
  reservationOf(eventId: string): Promise<EventIdReservation | undefined>;
  /**
   * Reserves the ids for `streamId` (each in its own reservation stream, created only if it
   * does not exist). Returns the ids that were reserved before, with whom they are reserved for.
   */
  reserve(streamId: string, eventIds: readonly string[]): Promise<Map<string, EventIdReservation>>;
}

export function createEsdbReservations(client: EventStoreDBClient): EsdbReservations {
  const reservationOf = async (eventId: string): Promise<EventIdReservation | undefined> => {
    const read = client.readStream(reservationStreamId(eventId), { fromRevision: START, maxCount: 1 });
    try {
      for await (const resolved of read) {
        if (resolved.event !== undefined) return parseReservation(resolved.event.data, `reservation of event id ${eventId}`);
      }
      return undefined;
    } catch (error) {
      if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return undefined;
      throw error;
    }
  };

  const reserve = async (streamId: string, eventIds: readonly string[]): Promise<Map<string, EventIdReservation>> => {
    const taken = new Map<string, EventIdReservation>();
    await Promise.all(
      eventIds.map(async (eventId) => {
        const reservation: EventIdReservation = { streamId, eventId };
        try {
          await client.appendToStream(
            reservationStreamId(eventId),
            // A fresh event id: EventStoreDB must not mistake a reservation for another stream as a retry.
            { id: uuidV4(), contentType: "application/json", type: RESERVATION_EVENT_TYPE, data: { ...reservation }, metadata: undefined },
            { expectedRevision: NO_STREAM },
          );
        } catch (error) {
          if (!isWrongExpectedVersion(error)) throw error;
          const existing = await reservationOf(eventId);
          if (existing === undefined) throw new Error(`event store: the reservation of event id ${eventId} exists but cannot be read`);
          taken.set(eventId, existing);
        }
      }),
    );
    return taken;
  };

  return { reservationOf, reserve };
}
