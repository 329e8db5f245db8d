import { once } from "node:events";
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
  | { kind: "endless-body" }
  /** Send the body a few bytes at a time. */
  | { kind: "trickle"; body: string; chunkSize: number; intervalMs: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** True once the client closed the connection before the response was complete. */
  abandoned: boolean;
}

export type FaultPlan = (request: RecordedRequest, index: number) => Fault;

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
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
  const timers = new Set<NodeJS.Timeout>();

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
    };
    requests.push(recorded);
    response.on("close", () => {
      recorded.abandoned = !response.writableFinished;
    });
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
      case "trickle": {
        response.writeHead(200, { "content-type": "application/json" });
        let sent = 0;
        const tick = setInterval(() => {
          response.write(fault.body.slice(sent, sent + fault.chunkSize));
          sent += fault.chunkSize;
          if (sent >= fault.body.length) {
            clearInterval(tick);
            timers.delete(tick);
            response.end();
          }
        }, fault.intervalMs);
        timers.add(tick);
        return;
      }
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
    async close() {
      for (const timer of timers) {
        clearInterval(timer);
      }
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, "close");
    },
  };
}
