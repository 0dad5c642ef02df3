import type { RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { auditEventsQuery, verifyQuery } from "../audit-queries.js";
import { consistencyQuery, headsQuery, inclusionQuery, treeSizeQuery } from "../transparency/transparency-queries.js";
import {
  auditEventsPageSchema,
  consistencyProofSchema,
  inclusionProofSchema,
  publicKeysSchema,
  signedTreeHeadSchema,
  treeHeadsSchema,
  verificationSchema,
} from "./audit-answers.js";

/** The OpenAPI descriptions of `createAuditApi`'s and `createTransparencyApi`'s routes. */

export const auditRouteDescriptions = (maxLimit = 1000): readonly RouteDescription[] => [
  {
    method: "get",
    path: "/v1/audit/events",
    tag: "audit",
    summary: "The log in order, each event whole",
    roles: ["auditor"],
    query: auditEventsQuery(maxLimit),
    answers: { 200: { description: "A page of the log", schema: auditEventsPageSchema } },
  },
  {
    method: "get",
    path: "/v1/audit/verify",
    tag: "audit",
    summary: "Verify the hash chains (and a seal, and the Merkle tree)",
    roles: ["auditor"],
    query: verifyQuery,
    answers: { 200: { description: "The verification's report", schema: verificationSchema } },
    refusals: [503],
  },
];

const text = z.string();

export const transparencyRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "get",
    path: "/v1/audit/tree-head",
    tag: "transparency",
    summary: "A signed tree head (the current one, or of a given size)",
    roles: ["auditor", "office"],
    query: treeSizeQuery,
    answers: { 200: { description: "The signed tree head", schema: signedTreeHeadSchema } },
    refusals: [404],
  },
  {
    method: "get",
    path: "/v1/audit/public-keys",
    tag: "transparency",
    summary: "The keys tree heads are signed with",
    roles: ["auditor", "clerk", "deputy", "office", "unit"],
    answers: { 200: { description: "The public keys", schema: publicKeysSchema } },
  },
  {
    method: "get",
    path: "/v1/audit/checkpoint",
    tag: "transparency",
    summary: "The tree head as a C2SP signed note (checkpoint)",
    roles: ["auditor", "office"],
    query: treeSizeQuery,
    answers: { 200: { description: "The checkpoint", schema: text, contentType: "text/plain" } },
    refusals: [404],
  },
  {
    method: "get",
    path: "/v1/audit/proofs/inclusion",
    tag: "transparency",
    summary: "An inclusion proof of the event at `position` in the tree of `treeSize`",
    roles: ["auditor"],
    query: inclusionQuery,
    answers: { 200: { description: "The RFC 9162 inclusion proof", schema: inclusionProofSchema } },
    refusals: [404],
  },
  {
    method: "get",
    path: "/v1/audit/proofs/consistency",
    tag: "transparency",
    summary: "A consistency proof between the trees of sizes `from` and `to`",
    roles: ["auditor"],
    query: consistencyQuery,
    answers: { 200: { description: "The RFC 9162 consistency proof", schema: consistencyProofSchema } },
    refusals: [404],
  },
  {
    method: "get",
    path: "/v1/audit/tree-heads",
    tag: "transparency",
    summary: "The signed tree heads kept, by size",
    roles: ["auditor", "office"],
    query: headsQuery,
    answers: { 200: { description: "A page of the heads kept", schema: treeHeadsSchema } },
    refusals: [404],
  },
];
