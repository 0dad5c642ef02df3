import { describe, expect, it } from "vitest";
import { createHandedHashes } from "./handed-hashes.js";

/** `count` hashes of 32 bytes whose first byte is the event's position (mod 256). */
const hashesFrom = (firstPosition: number, count: number): Buffer => {
  const hashes = Buffer.alloc(count * 32);
  for (let i = 0; i < count; i++) hashes[i * 32] = (firstPosition + i) % 256;
  return hashes;
};
const positionsIn = (hashes: Buffer | null): number[] | null =>
  hashes === null ? null : Array.from({ length: hashes.length / 32 }, (_, i) => hashes[i * 32] as number);

describe("hashes handed to the Merkle tree's worker", () => {
  it("gives the hashes of a range spanning several runs, in order", () => {
    const handed = createHandedHashes();
    handed.add(1, hashesFrom(1, 3));
    handed.add(4, hashesFrom(4, 5));
    expect(positionsIn(handed.take(2, 6))).toEqual([3, 4, 5, 6]);
    expect(positionsIn(handed.take(6, 8))).toEqual([7, 8]);
    expect(handed.take(0, 8)).toBeNull(); // positions 1–3 are forgotten: the tree had them
  });

  it("says how far the hashes held continue a position, up to the first gap", () => {
    const handed = createHandedHashes();
    handed.add(1, hashesFrom(1, 3));
    handed.add(4, hashesFrom(4, 2));
    handed.add(9, hashesFrom(9, 2));
    expect(handed.heldThrough(0)).toBe(5);
    expect(handed.heldThrough(2)).toBe(5);
    expect(handed.heldThrough(5)).toBe(5); // 6 was never handed
    expect(handed.heldThrough(8)).toBe(10);
    expect(handed.heldThrough(10)).toBe(10);
    expect(handed.size).toBe(0);
  });

  it("forgets what the tree already has", () => {
    const handed = createHandedHashes();
    handed.add(1, hashesFrom(1, 3));
    handed.add(4, hashesFrom(4, 2));
    expect(positionsIn(handed.take(3, 5))).toEqual([4, 5]);
    expect(handed.size).toBe(2);
    expect(positionsIn(handed.take(5, 5))).toEqual([]);
    expect(handed.size).toBe(0);
  });

  it("answers null for a range with a gap (another process appended in between) or past what it holds", () => {
    const handed = createHandedHashes();
    handed.add(1, hashesFrom(1, 2));
    handed.add(5, hashesFrom(5, 2));
    expect(handed.take(0, 6)).toBeNull();
    expect(handed.take(0, 9)).toBeNull();
    expect(positionsIn(handed.take(0, 2))).toEqual([1, 2]);
  });

  it("forgets everything once the bound is passed, rather than grow", () => {
    const handed = createHandedHashes(4);
    handed.add(1, hashesFrom(1, 3));
    handed.add(4, hashesFrom(4, 2));
    expect(handed.size).toBe(2);
    expect(handed.take(0, 5)).toBeNull();
    expect(positionsIn(handed.take(3, 5))).toEqual([4, 5]);
  });
});
