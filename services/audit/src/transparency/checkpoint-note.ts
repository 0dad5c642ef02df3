import { createHash } from "node:crypto";
import type { TreeHead } from "@duty-ledger/event-store";
import type { TreeSigner } from "./signing-key.js";

/**
 * A tree head as a C2SP `tlog-checkpoint` signed note, which the transparency ecosystem's
 * witnesses and verifiers read as is:
 *
 *     {origin}\n{treeSize}\n{root, standard base64}\n
 *     \n
 *     — {origin} {base64(keyHash ‖ signature)}\n
 *
 * The signature is Ed25519 over the note's body (the first three lines); `keyHash` is the first
 * 4 bytes of SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key), 0x01 naming an Ed25519 key (C2SP
 * `signed-note`).
 */

const EM_DASH = "\u2014";

export const noteKeyHash = (origin: string, publicKey: Uint8Array): Buffer =>
  createHash("sha256").update(origin, "utf8").update(Buffer.from([0x0a, 0x01])).update(publicKey).digest().subarray(0, 4);

export const checkpointBody = (origin: string, head: TreeHead): string =>
  `${origin}\n${head.treeSize}\n${Buffer.from(head.rootHash, "hex").toString("base64")}\n`;

export function formatCheckpoint(origin: string, head: TreeHead, signer: TreeSigner): string {
  const body = checkpointBody(origin, head);
  const signature = signer.sign(Buffer.from(body, "utf8"));
  const line = Buffer.concat([noteKeyHash(origin, signer.publicKey), signature]).toString("base64");
  return `${body}\n${EM_DASH} ${origin} ${line}\n`;
}

/** A C2SP origin: printable ASCII without spaces or '+', not empty (the note's key name rules). */
export const isValidOrigin = (origin: string): boolean => /^[\x21-\x2a\x2c-\x7e]+$/.test(origin);
