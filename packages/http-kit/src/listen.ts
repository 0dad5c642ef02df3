import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { createHttpServer } from "./create-http-app.js";
import { defaultServerLimits, type ServerLimits } from "./server-limits.js";

export interface Listening {
  readonly server: Server;
  /** `http://host:port`, with the port the system chose when asked for 0. */
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

/**
 * Starts `app` on `host:port` (a server of `createHttpServer`, holding `limits`: header, request
 * and keep-alive timeouts and the connection cap; default `defaultServerLimits`); rejects when
 * the port cannot be had.
 */
export const listen = async (app: Express, port: number, host: string, limits: ServerLimits = defaultServerLimits): Promise<Listening> => {
  const server = createHttpServer(app, limits);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    server,
    url: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
};
