import { NotFoundError } from "@duty-ledger/domain";
import type { RequestHandler } from "express";

/** Mount after the routes: any request no route answered is a 404 problem. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no route for ${req.method} ${req.path}`));
};
