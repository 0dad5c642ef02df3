import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SHA256_SHORT_MAX_BYTES, sha256Short } from "./sha256-short.js";

const reference = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

describe("SHA-256 of short messages", () => {
  it("gives FIPS 180-4's digest of \"abc\"", () => {
    expect(sha256Short(0x61, Buffer.from("bc")).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("agrees with node:crypto at every length it takes, over random bytes, in one part or two", () => {
    for (let length = 1; length <= SHA256_SHORT_MAX_BYTES; length++) {
      for (let trial = 0; trial < 20; trial++) {
        const message = randomBytes(length);
        const [prefix, rest] = [message[0] as number, message.subarray(1)];
        const split = trial % (rest.length + 1);
        expect(sha256Short(prefix, rest).equals(reference(message)), `length ${length}`).toBe(true);
        expect(sha256Short(prefix, rest.subarray(0, split), rest.subarray(split)).equals(reference(message)), `length ${length}, split ${split}`).toBe(true);
      }
    }
  });

  it("keeps nothing from one call to the next: a long message, then a short one", () => {
    const long = randomBytes(SHA256_SHORT_MAX_BYTES - 1);
    sha256Short(1, long);
    const short = randomBytes(5);
    expect(sha256Short(2, short).equals(reference(Buffer.from([2]), short))).toBe(true);
  });

  it("refuses a message longer than two blocks can pad", () => {
    expect(() => sha256Short(0, Buffer.alloc(SHA256_SHORT_MAX_BYTES))).toThrow(RangeError);
  });
});
