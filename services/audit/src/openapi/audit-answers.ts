import { isoDateTimeSchema, sha256HexSchema } from "@duty-ledger/domain";
import { z } from "zod";

/** The answers of the auditor's and the transparency log's endpoints, for the OpenAPI document (issue 21). */

const count = z.int().min(0);
const hex = sha256HexSchema;

/** One event as the auditor sees it (the NDJSON export's line). */
export const exportedEventSchema = z.strictObject({
  position: count,
  streamId: z.string(),
  revision: count,
  id: z.string(),
  type: z.string(),
  data: z.unknown(),
  metadata: z.looseObject({ actor: z.looseObject({ id: z.string(), role: z.string() }), recordedAt: isoDateTimeSchema, prevHash: z.string().nullable(), hash: z.string() }),
  hash: z.string(),
});

/** GET /v1/audit/events */
export const auditEventsPageSchema = z.strictObject({
  events: z.array(exportedEventSchema),
  nextFrom: count.nullable().describe("pass as `from` for the next page; `null` at the head"),
  head: count,
});

/** GET /v1/audit/verify */
export const verificationSchema = z.looseObject({
  ok: z.boolean(),
  streams: count,
  events: count,
  position: count,
  brokenStreams: count,
  firstBroken: z.looseObject({}).optional(),
  problems: z.array(z.looseObject({})),
  problemCount: count,
  head: count,
  upTo: count,
  seal: z.string().describe("keep it to prove later that the events verified did not change"),
  sealCheck: z.looseObject({ ok: z.boolean() }).optional(),
  treeCheck: z.looseObject({}).optional(),
});

/** GET /v1/audit/tree-head: an RFC 9162 tree head signed with Ed25519. */
export const signedTreeHeadSchema = z.strictObject({
  treeSize: count,
  rootHash: hex,
  issuedAt: isoDateTimeSchema,
  keyId: z.string(),
  signature: z.string().describe("base64url Ed25519 signature"),
});

/** GET /v1/audit/tree-heads */
export const treeHeadsSchema = z.strictObject({ heads: z.array(signedTreeHeadSchema), nextFrom: count.nullable() });

/** GET /v1/audit/public-keys */
export const publicKeysSchema = z.strictObject({ keys: z.array(z.strictObject({ keyId: z.string(), alg: z.literal("Ed25519"), publicKey: z.string().describe("base64url raw key") })) });

/** GET /v1/audit/proofs/inclusion (RFC 9162) */
export const inclusionProofSchema = z.strictObject({ leafIndex: count, treeSize: count, leafHash: hex, path: z.array(hex) });

/** GET /v1/audit/proofs/consistency (RFC 9162) */
export const consistencyProofSchema = z.strictObject({ from: count, to: count, path: z.array(hex) });
