/**
 * An open-loop load generator for HTTP/1.1 GETs: one request every 1000/rate ms whatever the
 * answers' pace, over keep-alive connections taken in turn (FIFO), each latency timed from
 * the moment its request was due (as wrk2 times it), so the generator's own delays — its
 * 1 ms tick, a stall, a request waiting for a free connection — count, never hide.
 *
 * It reads every connection into one reused buffer (`net`'s `onread`) and keeps only a
 * response's head. `node:http`'s client allocates a buffer for every read: ~130 KiB of
 * external memory for each 81 KiB scores answer, 60 MB/s at 500/s. After a few minutes of
 * other runs that kept the generator in full collections every 150–300 ms (15–25 ms
 * pauses), which counted as the server's latency (performance.md).
 *
 * It understands what the benchmark's server sends: a `Content-Length` body. Anything else
 * (chunked, no length, a malformed head) is counted as an error and the connection dropped.
 */
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";

export interface PacedLoadOptions {
  /** `http://host:port`. */
  readonly url: string;
  /** The next request's path (called once per request). */
  readonly path: () => string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  /** Requests per second. */
  readonly rate: number;
  readonly seconds: number;
}

/** What a load run sent and got back: this generator's, and the bench's autocannon runs'. */
export interface LoadResult {
  /** Latency of every 2xx answer in ms (here: from its request's due time). */
  readonly times: number[];
  readonly requests: number;
  readonly errors: number;
  /** What the errors were (`HTTP 429`, `ECONNRESET`…) and how many of each, when the loader can tell. */
  readonly errorKinds: ReadonlyMap<string, number>;
  /** How long the run took (here: from the first due time to the last answer). */
  readonly seconds: number;
}

/** Counts one error of `kind`. */
export const countKind = (kinds: Map<string, number>, kind: string): void => {
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
};

const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
const MAX_HEAD = 16 * 1024;

class MalformedResponse extends Error {
  override readonly name = "MalformedResponse";
}

/** The status and body length of a response head (`HTTP/1.1 200 OK\r\n…`, no blank line), or throws. */
const parseHead = (head: string): { status: number; length: number } => {
  const status = Number(head.slice(9, 12));
  if (!head.startsWith("HTTP/1.1 ") || !Number.isInteger(status)) throw new MalformedResponse("not an HTTP/1.1 status line");
  const lines = head.toLowerCase().split("\r\n");
  if (lines.some((line) => line.startsWith("transfer-encoding:"))) throw new MalformedResponse("a Transfer-Encoding body");
  const lengthLine = lines.find((line) => line.startsWith("content-length:"));
  if (lengthLine === undefined) {
    if (status === 204 || status === 304) return { status, length: 0 };
    throw new MalformedResponse("no Content-Length");
  }
  const length = Number(lengthLine.slice("content-length:".length).trim());
  if (!Number.isSafeInteger(length) || length < 0) throw new MalformedResponse("a bad Content-Length");
  return { status, length };
};

export const pacedLoad = (options: PacedLoadOptions): Promise<LoadResult> =>
  new Promise<LoadResult>((resolve) => {
    const { hostname, port } = new URL(options.url);
    const headerLines = Object.entries({ host: `${hostname}:${port}`, ...options.headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    const total = Math.round(options.rate * options.seconds);
    const times: number[] = [];
    const errorKinds = new Map<string, number>();
    const waiting: number[] = []; // due times of requests not yet sent, oldest first
    const idle: Connection[] = [];
    let errors = 0;
    let settled = 0;
    let scheduled = 0;
    let lastAnswer = 0;
    const start = performance.now();

    const settle = (due: number, kind: string | null): void => {
      settled++;
      lastAnswer = performance.now();
      if (kind === null) times.push(lastAnswer - due);
      else {
        errors++;
        countKind(errorKinds, kind);
      }
      if (settled === total) {
        for (const connection of connections) connection.socket.destroy();
        resolve({ times, requests: total, errors, errorKinds, seconds: (lastAnswer - start) / 1000 });
      }
    };

    /** One keep-alive connection: at most one request in flight. */
    class Connection {
      readonly socket: Socket;
      readonly readBuffer = Buffer.allocUnsafe(256 * 1024);
      readonly head = Buffer.allocUnsafe(MAX_HEAD);
      headLength = 0;
      /** Body bytes still to come; `null` while reading the head. */
      bodyLeft: number | null = null;
      status = 0;
      /** The due time of the request in flight. */
      due: number | null = null;

      constructor() {
        this.socket = connect({ host: hostname, port: Number(port), noDelay: true, onread: { buffer: this.readBuffer, callback: (n) => this.read(n) } });
        this.socket.on("error", (error: Error & { code?: string }) => this.fail(error.code ?? error.message));
        this.socket.on("close", () => this.fail("connection closed by the server"));
      }

      send(due: number): void {
        this.due = due;
        this.headLength = 0;
        this.bodyLeft = null;
        this.socket.write(`GET ${options.path()} HTTP/1.1\r\n${headerLines}\r\n`, "latin1");
      }

      /** `onread`'s callback: the first `n` bytes of `readBuffer` arrived. Always reads on. */
      read(n: number): true {
        let offset = 0;
        try {
          while (offset < n && this.due !== null) {
            if (this.bodyLeft === null) offset = this.readHead(n, offset);
            if (this.bodyLeft !== null) {
              const taken = Math.min(this.bodyLeft, n - offset);
              this.bodyLeft -= taken;
              offset += taken;
              if (this.bodyLeft === 0) this.answered();
            }
          }
          if (offset < n) throw new MalformedResponse("bytes with no request in flight");
        } catch (error) {
          this.fail(error instanceof MalformedResponse ? `malformed response: ${error.message}` : String(error));
        }
        return true;
      }

      /** Copies head bytes until the blank line; returns the offset of the body's first byte. */
      readHead(n: number, offset: number): number {
        const copied = Math.min(n - offset, MAX_HEAD - this.headLength);
        const searchFrom = Math.max(0, this.headLength - 3);
        this.readBuffer.copy(this.head, this.headLength, offset, offset + copied);
        this.headLength += copied;
        const end = this.head.subarray(0, this.headLength).indexOf(HEAD_END, searchFrom);
        if (end < 0) {
          if (this.headLength === MAX_HEAD) throw new MalformedResponse(`a head over ${MAX_HEAD} bytes`);
          return n;
        }
        const { status, length } = parseHead(this.head.toString("latin1", 0, end));
        this.status = status;
        this.bodyLeft = length;
        return offset + copied - (this.headLength - (end + HEAD_END.length));
      }

      answered(): void {
        const due = this.due as number;
        this.due = null;
        this.bodyLeft = null;
        settle(due, this.status >= 200 && this.status < 300 ? null : `HTTP ${this.status}`);
        idle.push(this);
        dispatch();
      }

      /** The request in flight (if any) fails; the connection is replaced by a new one. */
      fail(kind: string): void {
        const index = connections.indexOf(this);
        if (index < 0) return; // already replaced
        connections.splice(index, 1);
        const inIdle = idle.indexOf(this);
        if (inIdle >= 0) idle.splice(inIdle, 1);
        this.socket.destroy();
        if (this.due !== null) settle(this.due, kind);
        this.due = null;
        if (settled < total) {
          const fresh = new Connection();
          connections.push(fresh);
          idle.push(fresh);
          dispatch();
        }
      }
    }

    const connections: Connection[] = Array.from({ length: options.connections }, () => new Connection());
    idle.push(...connections);

    const dispatch = (): void => {
      while (waiting.length > 0 && idle.length > 0) (idle.shift() as Connection).send(waiting.shift() as number);
    };

    const tick = (): void => {
      const now = performance.now();
      while (scheduled < total && start + (scheduled * 1000) / options.rate <= now) {
        waiting.push(start + (scheduled * 1000) / options.rate);
        scheduled++;
      }
      dispatch();
      if (scheduled < total) setTimeout(tick, 1);
    };
    tick();
  });
