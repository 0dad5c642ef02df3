import type { Random } from "./random.js";

/**
 * UUIDv7-shaped event ids drawn from the seeded generator and the simulated time: 48 bits of
 * Unix milliseconds, version 7, a 12-bit sequence that increases within one millisecond
 * (RFC 9562 "monotonic random"), the variant, 62 random bits. Ids made in non-decreasing time
 * order are strictly increasing as strings, hence unique and sortable by time.
 */
export type EventIdFactory = (ms: number) => string;

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, "0");

export const createEventIdFactory = (random: Random): EventIdFactory => {
  let lastMs = -1;
  let sequence = 0;
  return (instant: number): string => {
    const ms = Math.floor(instant);
    if (ms > lastMs) {
      lastMs = ms;
      sequence = random.uint32() & 0x3ff; // start low: room for 3,000+ ids in the same millisecond
    } else if (++sequence > 0xfff) {
      lastMs++; // sequence exhausted: borrow the next millisecond, as RFC 9562 allows
      sequence = random.uint32() & 0x3ff;
    }
    const time = hex(lastMs, 12);
    const high = random.uint32();
    const low = random.uint32();
    const variant = 0x8000 | ((high >>> 16) & 0x3fff);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(sequence, 3)}-${hex(variant, 4)}-${hex(high & 0xffff, 4)}${hex(low, 8)}`;
  };
};
