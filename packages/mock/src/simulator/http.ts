import { once } from "node:events";
import {
  Agent,
  type ClientRequest,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { type FaultRule, statusFaultAnswer } from "./faults.js";
import type { SimulatedInbox } from "./options.js";
import {
  type LoggedRequest,
  SENT_QUERY_HEADER,
  type SimulatedContact,
  type SimulatedConversation,
  type Simulator,
  type SimulatorInternals,
  simulatorInternals,
  type WebhookDelivery,
} from "./simulator.js";
/** Where the control endpoints of a served simulator live; no LiveDesk path starts with it. */
export const CONTROL_PATH = "/__livedesk";

/** Everything a simulator holds, as the control endpoint sends it. */
export interface SimulatorState {
  contacts: readonly SimulatedContact[];
  conversations: readonly SimulatedConversation[];
  tickets: readonly Record<string, unknown>[];
  inboxes: readonly SimulatedInbox[];
  requests: readonly LoggedRequest[];
  webhookDeliveries: readonly WebhookDelivery[];
  faults: readonly { rule: FaultRule; remaining: number | "always" }[];
  /** The simulator's clock, ISO 8601. */
  now: string;
}

export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** Serves a simulator's answers, without faults, on a free loopback port: the upstream of Prism's proxy. */
export function serveSimulator(simulator: Simulator): Promise<Listening> {
  const { answer } = internalsOf(simulator);
  const listener = getRequestListener((request) => answer(request), { overrideGlobalObjects: false });
  return listen(createServer(listener), 0, "127.0.0.1");
}

/**
 * The public face of a stateful mock: control endpoints under `/__livedesk`, faults applied, and every other request
 * passed on to `target` (Prism's validation proxy, which passes it on to the simulator).
 */
export function serveFront(simulator: Simulator, target: string, port: number, host: string): Promise<Listening> {
  const { takeFaults } = internalsOf(simulator);
  const control = getRequestListener(controlApp(simulator).fetch, { overrideGlobalObjects: false });
  const agent = new Agent({ keepAlive: true });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", target);
    if (url.pathname === CONTROL_PATH || url.pathname.startsWith(`${CONTROL_PATH}/`)) {
      void control(request, response);
      return;
    }
    const { delayMs, effect } = takeFaults(request.method ?? "GET", () => url);
    const proceed = () => {
      if (response.destroyed) {
        return;
      }
      switch (effect?.type) {
        case undefined:
          forward(request, response, url, agent);
          return;
        case "status": {
          const [status, body, headers] = statusFaultAnswer(effect);
          request.resume();
          response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          response.end(JSON.stringify(body));
          return;
        }
        case "reset":
          request.socket.destroy();
          return;
        case "hang":
          // No answer; the connection closes when the client gives up or the server closes.
          request.resume();
          return;
      }
    };
    if (delayMs > 0) {
      setTimeout(proceed, delayMs);
    } else {
      proceed();
    }
  });
  return listen(server, port, host, () => agent.destroy());
}

function forward(request: IncomingMessage, response: ServerResponse, url: URL, agent: Agent): void {
  const headers = { ...request.headers, [SENT_QUERY_HEADER]: url.search };
  let upstream: ClientRequest | undefined;
  const send = (body: Buffer) => {
    upstream = httpRequest(url, { method: request.method, headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    const sent = upstream;
    sent.on("error", (error: NodeJS.ErrnoException) => {
      // Prism closes a kept-alive connection after 5 s idle, and a request sent on it at that moment is reset unread:
      // send it again, as Node's docs advise (`request.reusedSocket`). Each retry uses up one such connection.
      if (sent.reusedSocket && error.code === "ECONNRESET" && !response.headersSent && !response.destroyed) {
        send(body);
        return;
      }
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(502, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify({ error: `Prism's validation proxy did not answer: ${error.message}` }));
    });
    sent.end(body.length > 0 ? body : undefined);
  };
  // A client that gives up takes the request to Prism down with it.
  response.on("close", () => {
    if (!response.writableFinished) {
      upstream?.destroy();
    }
  });
  // Read whole (the bodies of LiveDesk's requests are small), so that a request can be sent again.
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => send(Buffer.concat(chunks)));
}

async function listen(server: Server, port: number, host: string, onClose?: () => void): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" ? new Error(`Port ${port} is in use: choose another, or 0 for a free one.`) : error,
      ),
    );
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}`,
    close: async () => {
      if (!server.listening) {
        return;
      }
      const closed = once(server, "close");
      server.close();
      // Hung requests and idle keep-alive connections would hold close() open.
      server.closeAllConnections();
      onClose?.();
      await closed;
    },
  };
}

function internalsOf(simulator: Simulator): SimulatorInternals {
  const internals = simulatorInternals.get(simulator);
  if (!internals) {
    throw new TypeError("Expected a simulator made by createSimulator() of @livedesk/mock.");
  }
  return internals;
}

function controlApp(simulator: Simulator): Hono {
  const app = new Hono().basePath(CONTROL_PATH);
  app.get("/state", (context) =>
    context.json<SimulatorState>({
      contacts: simulator.contacts,
      conversations: simulator.conversations,
      tickets: simulator.tickets,
      inboxes: simulator.inboxes,
      requests: simulator.requests,
      webhookDeliveries: simulator.webhooks.deliveries,
      faults: simulator.faults.pending,
      now: simulator.now().toISOString(),
    }),
  );
  app.post("/reset", (context) => {
    simulator.reset();
    return context.body(null, 204);
  });
  app.post("/faults", async (context) => {
    simulator.faults.add(await context.req.json());
    return context.body(null, 204);
  });
  app.delete("/faults", (context) => {
    simulator.faults.clear();
    return context.body(null, 204);
  });
  app.put("/contacts/:id/labels", async (context) => {
    const { labels } = await context.req.json<{ labels: string[] }>();
    simulator.setLabels(Number(context.req.param("id")), labels);
    return context.body(null, 204);
  });
  app.post("/webhooks/settled", async (context) => {
    await simulator.webhooks.settled();
    return context.body(null, 204);
  });
  app.onError((error, context) => context.json({ error: error.message }, 400));
  return app;
}

/** A simulator served by `startMockServer({ stateful: true })` in another process, steered over HTTP. */
export interface RemoteSimulator {
  /** Everything the simulator holds: contacts, conversations, tickets, the request log, webhooks, faults. */
  state(): Promise<SimulatorState>;
  /** Back to the seeded state. */
  reset(): Promise<void>;
  addFault(rule: FaultRule): Promise<void>;
  clearFaults(): Promise<void>;
  setLabels(contactId: number, labels: string[]): Promise<void>;
  /** Resolves when every webhook delivery so far has been answered or has failed. */
  webhooksSettled(): Promise<void>;
}

/**
 * Steers a simulator served in another process, from its `controlUrl` (for example
 * `connectSimulator(inject("livedeskMockControlUrl"))` in a vitest test).
 */
export function connectSimulator(controlUrl: string | undefined): RemoteSimulator {
  if (controlUrl === undefined || !URL.canParse(controlUrl)) {
    throw new TypeError(
      `connectSimulator: expected the controlUrl of a stateful mock server, got ${JSON.stringify(controlUrl)}.`,
    );
  }
  const base = controlUrl.replace(/\/+$/, "");
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`The simulator refused ${method} ${path} (HTTP ${response.status}): ${await response.text()}`);
    }
    return response;
  };
  return {
    state: async () => (await call("GET", "/state")).json() as Promise<SimulatorState>,
    reset: async () => void (await call("POST", "/reset")),
    addFault: async (rule) => void (await call("POST", "/faults", rule)),
    clearFaults: async () => void (await call("DELETE", "/faults")),
    setLabels: async (contactId, labels) => void (await call("PUT", `/contacts/${contactId}/labels`, { labels })),
    webhooksSettled: async () => void (await call("POST", "/webhooks/settled")),
  };
}
