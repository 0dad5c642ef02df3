import { Router } from "express";
import type { OpenApiDocument } from "./openapi-document.js";
import type { RouteDescription } from "./route-description.js";
import { z } from "zod";

/** `GET /v1/openapi.json` as the document describes it. */
export const openApiRouteDescription: RouteDescription = {
  method: "get",
  path: "/v1/openapi.json",
  tag: "meta",
  summary: "This OpenAPI 3.1 document",
  roles: "anyone",
  answers: { 200: { description: "The OpenAPI 3.1 document of this server", schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }) } },
};

/** Serves the document at `GET /v1/openapi.json`, without a token, as one JSON text built once. */
export const createOpenApiRouter = (document: OpenApiDocument): Router => {
  const text = JSON.stringify(document);
  const router = Router();
  router.get(openApiRouteDescription.path, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("application/json; charset=utf-8").send(text);
  });
  return router;
};
