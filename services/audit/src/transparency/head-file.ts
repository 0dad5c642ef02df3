import { readFileSync } from "node:fs";
import type { SignedTreeHead, TreeHead } from "@duty-ledger/event-store";
import { z } from "zod";
import { verifyTreeHeadSignature } from "./tree-head-signature.js";

/**
 * A tree head an auditor saved (`audit verify --head FILE`): the JSON of `GET
 * /v1/audit/tree-head` (other members ignored), or just `{treeSize, rootHash}`. With the
 * ledger's public key (`--public-key`, base64url of the raw 32 bytes, as
 * `GET /v1/audit/public-keys` lists it), a signed head's signature is checked too.
 */

const headSchema = z.object({
  treeSize: z.number().int().min(0),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
  issuedAt: z.string().optional(),
  keyId: z.string().optional(),
  signature: z.string().optional(),
});

/** The head file cannot be used: unreadable, not JSON, not a head, or a key that is not one. */
export class HeadFileError extends Error {
  readonly code = "HEAD_FILE";
}

export const isHeadFileError = (error: unknown): error is HeadFileError => error instanceof Error && (error as { code?: unknown }).code === "HEAD_FILE";

export interface SavedHead {
  readonly head: TreeHead;
  /** `true`/`false`: the signature was checked; `null`: not (no key given, or the head is not signed). */
  readonly signatureValid: boolean | null;
}

export function readHeadFile(path: string, publicKey: string | undefined): SavedHead {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new HeadFileError(`--head: cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HeadFileError(`--head: ${path} is not JSON (save the answer of GET /v1/audit/tree-head)`);
  }
  const parsed = headSchema.safeParse(json);
  if (!parsed.success) throw new HeadFileError(`--head: ${path} is not a tree head: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"} ${i.message}`).join("; ")}`);
  const head = { treeSize: parsed.data.treeSize, rootHash: parsed.data.rootHash };
  if (publicKey === undefined) return { head, signatureValid: null };
  const raw = Buffer.from(publicKey, "base64url");
  if (raw.length !== 32) throw new HeadFileError("--public-key must be the base64url of a raw 32-byte Ed25519 public key (GET /v1/audit/public-keys)");
  const { issuedAt, keyId, signature } = parsed.data;
  if (issuedAt === undefined || keyId === undefined || signature === undefined) throw new HeadFileError(`--public-key given but ${path} is not a signed head (issuedAt, keyId, signature)`);
  const signed: SignedTreeHead = { ...head, issuedAt, keyId, signature };
  return { head, signatureValid: verifyTreeHeadSignature(signed, raw) };
}
