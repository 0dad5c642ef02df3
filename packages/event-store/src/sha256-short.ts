/**
 * SHA-256 (FIPS 180-4) of short messages — the Merkle tree's leaf and node inputs (33 and 65
 * bytes) — in JavaScript. For inputs this short, `node:crypto`'s one-shot hash spends more in
 * crossing into C++ and allocating than in the compression itself: this runs the one or two
 * compressions in place, 1.5–2× faster per hash, and integrating the tree is mostly hashing.
 * Checked against `node:crypto` for every length it takes (sha256-short.unit.test.ts).
 */

/** The longest message taken: two blocks, less the padding's 0x80 and the 8-byte length. */
export const SHA256_SHORT_MAX_BYTES = 119;

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** Compresses the 64-byte block of `block` at `offset` into `state`; `w` is the message schedule's room. */
function compress(state: Int32Array, w: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    w[i] = ((block[at] as number) << 24) | ((block[at + 1] as number) << 16) | ((block[at + 2] as number) << 8) | (block[at + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/*
 * Scratch space, overwritten from the start by every call and never read across calls (no
 * state is kept: JavaScript runs one call at a time per thread). Allocating typed arrays per
 * call would cost more than the hash.
 */
const padded = new Uint8Array(128);
const schedule = new Int32Array(64);
const state = new Int32Array(8);

/**
 * The SHA-256 of `prefix ‖ first ‖ second` (`prefix` one byte; at most 119 bytes in all), as
 * a new 32-byte Buffer.
 */
export function sha256Short(prefix: number, first: Uint8Array, second?: Uint8Array): Buffer {
  const length = 1 + first.length + (second?.length ?? 0);
  if (length > SHA256_SHORT_MAX_BYTES) throw new RangeError(`sha256Short takes at most ${SHA256_SHORT_MAX_BYTES} bytes, got ${length}`);
  const end = length + 9 <= 64 ? 64 : 128;
  padded.fill(0, 0, end);
  padded[0] = prefix;
  padded.set(first, 1);
  if (second !== undefined) padded.set(second, 1 + first.length);
  padded[length] = 0x80;
  const bits = length * 8; // < 2^32: the length's high word stays 0
  padded[end - 4] = bits >>> 24;
  padded[end - 3] = bits >>> 16;
  padded[end - 2] = bits >>> 8;
  padded[end - 1] = bits;
  state.set(INITIAL);
  compress(state, schedule, padded, 0);
  if (end === 128) compress(state, schedule, padded, 64);
  const digest = Buffer.allocUnsafe(32);
  for (let i = 0; i < 8; i++) {
    const word = state[i] as number;
    digest[i * 4] = word >>> 24;
    digest[i * 4 + 1] = word >>> 16;
    digest[i * 4 + 2] = word >>> 8;
    digest[i * 4 + 3] = word;
  }
  return digest;
}
