import { idSchema, isoDateTimeSchema } from "@duty-ledger/domain";
import { writeAnswer, type RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { erasureBody } from "../people/people-bodies.js";

/** The OpenAPI descriptions of `createPeopleApi`'s routes (personal-data.md). */

/** A person as a read shows them: in clear (a unit: the name only), erased (`[已删除]`), or sealed (auditors). */
export const personViewSchema = z.union([
  z.strictObject({ personId: idSchema, name: z.string(), phone: z.string().optional(), idNumber: z.string().optional() }),
  z.strictObject({ personId: idSchema, name: z.string(), erased: z.literal(true) }),
  z.strictObject({ personId: idSchema, sealed: z.string() }),
]);

export const contactPeopleSchema = z.strictObject({
  contactId: idSchema,
  people: z.array(personViewSchema),
  opinions: z.array(z.strictObject({ opinionId: idSchema, text: z.string(), people: z.array(personViewSchema) })),
});

export const accessLogSchema = z.strictObject({
  personId: idSchema,
  accesses: z.array(z.strictObject({ at: isoDateTimeSchema, actorRole: z.string(), actorId: z.string(), what: z.string().describe("e.g. `contact C-1`") })),
});

export const peopleRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "post",
    path: "/v1/people/:id/erasure",
    tag: "people",
    summary: "Erase a person: PersonErased, then their data key destroyed",
    roles: ["office"],
    body: erasureBody,
    idempotent: true,
    answers: { 201: writeAnswer("Erased: the person, the event appended and its position") },
    refusals: [400, 409, 413, 422],
  },
  {
    method: "get",
    path: "/v1/people/:id/access-log",
    tag: "people",
    summary: "The reads that returned a person's data",
    roles: ["office"],
    answers: { 200: { description: "The person's access log", schema: accessLogSchema } },
  },
  {
    method: "get",
    path: "/v1/contacts/:id/people",
    tag: "people",
    summary: "The people a contact and its opinions name, as the caller may see them",
    roles: ["office", "deputy", "clerk", "auditor", "unit"],
    answers: { 200: { description: "The contact's people: in clear, erased or sealed", schema: contactPeopleSchema } },
    refusals: [404],
  },
];
