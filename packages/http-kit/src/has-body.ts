import type { IncomingMessage } from "node:http";

/** Whether the request carries a body (chunked, or a Content-Length above zero). */
export const hasBody = (req: IncomingMessage): boolean => {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const length = req.headers["content-length"];
  return length !== undefined && Number(length) > 0;
};
