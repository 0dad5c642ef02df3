import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "pino";
import { problemContentType, problemFor, type ProblemAnswer } from "./problem.js";

/** Sends a problem answer as `application/problem+json`. */
export const sendProblem = (res: Response, answer: ProblemAnswer, requestId?: string): void => {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  const problem = requestId === undefined ? answer.problem : { ...answer.problem, requestId };
  res.status(problem.status).type(problemContentType).send(JSON.stringify(problem));
};

/**
 * The one error middleware (mount last): every error becomes RFC 9457 problem+json (see
 * `problemFor`). 5xx are logged at error level with the error; their detail is generic.
 */
export const problemJson =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late to answer: let express close the connection.
      next(error);
      return;
    }
    const answer = problemFor(error);
    const requestId = typeof req.id === "string" ? req.id : undefined;
    if (answer.internal) {
      // The request logger binds the request id to req.log; without it, the injected logger.
      const log: Logger = typeof req.log?.error === "function" ? req.log : logger;
      log.error({ err: error, reqId: requestId }, "request failed with an unexpected error");
    }
    sendProblem(res, answer, requestId);
  };
