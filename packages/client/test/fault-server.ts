import { EventEmitter, once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server does with one request. */
export type Fault =
  | { kind: "respond"; status: number; headers?: Record<string, string>; body?: string }
  /** Close the connection before sending a byte. */
  | { kind: "reset" }
  /** Send the status line, headers and the first half of the body, then close the connection. */
  | { kind: "reset-mid-body"; body: string }
  /** Accept the request and never answer. */
  | { kind: "hang" }
  /** Send headers and a first chunk, then nothing more, ever. */
  | { kind: "endless-body" };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** True once the client closed the connection before the response was complete. */
  abandoned: boolean;
  /** Settles when the exchange is over, answered or abandoned. */
  closed: Promise<void>;
}

export type FaultPlan = (request: RecordedRequest, index: number) => Fault;

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  /** Settles once `count` requests have arrived: an event to wait for, not a delay. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export const respond = (status: number, body: unknown = {}, headers: Record<string, string> = {}): Fault => ({
  kind: "respond",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** A `node:http` server on 127.0.0.1 that misbehaves on purpose, as `plan` says, one request at a time. */
export async function startFaultServer(plan: FaultPlan): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const arrivals = new EventEmitter();

  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) {
      body += chunk;
    }
    const recorded: RecordedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body,
      abandoned: false,
      closed: once(response, "close").then(() => {
        recorded.abandoned = !response.writableFinished;
      }),
    };
    requests.push(recorded);
    arrivals.emit("request");
    const fault = plan(recorded, requests.length - 1);
    switch (fault.kind) {
      case "respond":
        response.writeHead(fault.status, fault.headers).end(fault.body ?? "");
        return;
      case "reset":
        request.socket.destroy();
        return;
      case "reset-mid-body":
        response.writeHead(200, { "content-type": "application/json", "content-length": String(fault.body.length) });
        response.write(fault.body.slice(0, fault.body.length / 2), () => request.socket.destroy());
        return;
      case "hang":
        return;
      case "endless-body":
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"meta":');
        return;
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async received(count) {
      while (requests.length < count) {
        await once(arrivals, "request");
      }
    },
    async close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, "close");
    },
  };
}
