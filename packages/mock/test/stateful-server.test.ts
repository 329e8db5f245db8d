import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { LiveDeskConnectionError, LiveDeskRateLimitError, LiveDeskTimeoutError } from "@livedesk/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  connectSimulator,
  createSimulator,
  type MockServer,
  type RemoteSimulator,
  startMockServer,
} from "../src/index.js";
import { serveFront } from "../src/simulator/http.js";
import { AUTH, CONTACTS, clientFor } from "./helpers.js";

let server: MockServer;
let remote: RemoteSimulator;
const client = (options = {}) => clientFor(undefined, { baseUrl: server.url, ...options });

beforeAll(async () => {
  server = await startMockServer({ stateful: true, seed: 3, contacts: 20 });
  remote = connectSimulator(server.controlUrl);
});
afterAll(() => server?.close());
beforeEach(() => remote.reset());

describe("startMockServer({ stateful: true })", () => {
  it("keeps what is created, behind Prism, with the simulator at hand in this process", async () => {
    const livedesk = client();
    const { payload } = await livedesk.contacts.create({ inbox_id: 407, name: "Alice", email: "alice@acme.inc" });
    const conversation = (await livedesk.conversations.create({ inbox_id: 407, contact_id: payload.contact.id })) as {
      id: number;
    };
    await livedesk.messages.send(conversation.id, { content: "Hello" });
    await livedesk.conversations.updateStatus(conversation.id, { status: "resolved" });
    const found = await livedesk.contacts.search("alice@acme.inc");
    expect(found.payload.map((contact) => contact.id)).toEqual([payload.contact.id]);
    expect(server.simulator?.conversations).toMatchObject([
      { id: conversation.id, status: "resolved", messages: [{ content: "Hello" }] },
    ]);
    expect(server.violations).toEqual([]);
  });

  it("is steered from another process through its control endpoints", async () => {
    const livedesk = client();
    await remote.setLabels(2, ["beta-tester"]);
    await expect(livedesk.contacts.list({ labels: ["beta-tester"] })).resolves.toMatchObject({ payload: [{ id: 2 }] });
    const state = await remote.state();
    expect(state.contacts).toHaveLength(20);
    expect(state.requests.at(-1)).toMatchObject({
      query: "?labels=beta-tester",
      status: 200,
      operation: "listContacts",
    });
    await remote.reset();
    expect((await remote.state()).requests).toEqual([]);
  });

  it("lets Prism refuse what the spec forbids, before the simulator sees it", async () => {
    const response = await fetch(`${server.url}${CONTACTS}?sort=company_name`, { headers: AUTH });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await remote.state()).requests).toEqual([]);
  });

  it("applies faults in front of Prism: 429 with Retry-After is retried; resets and hangs reach the client", async () => {
    // The client retries 429s and, for a GET, timed-out attempts too (its README's retry table): each fault is set
    // for every attempt the client makes, so that the client gives up with the fault's own error.
    await remote.addFault({ type: "status", status: 429, retryAfter: 0, times: 2, operation: "listContacts" });
    await expect(client().contacts.list()).resolves.toMatchObject({ meta: { count: 20 } });
    await remote.addFault({ type: "status", status: 429, retryAfter: 0, times: 3 });
    await expect(client().contacts.list()).rejects.toBeInstanceOf(LiveDeskRateLimitError);
    await remote.addFault({ type: "reset" });
    await expect(client({ maxRetries: 0 }).contacts.list()).rejects.toBeInstanceOf(LiveDeskConnectionError);
    await remote.addFault({ type: "hang", times: 2 });
    await expect(client({ timeoutMs: 50, maxRetries: 1 }).tickets.get("tk_1")).rejects.toBeInstanceOf(
      LiveDeskTimeoutError,
    );
    const { requests } = await remote.state();
    expect(requests.map((request) => request.fault ?? request.status)).toEqual([
      "status",
      "status",
      200,
      "status",
      "status",
      "status",
      "reset",
      "hang",
      "hang",
    ]);
    expect(server.violations).toEqual([]);
  });

  it("refuses to be combined with proxy or dynamic", async () => {
    await expect(startMockServer({ stateful: true, dynamic: true })).rejects.toThrow(
      "stateful cannot be combined with proxy or dynamic",
    );
  });
});

describe("connectSimulator", () => {
  it("says plainly when there is no stateful mock to connect to", () => {
    expect(() => connectSimulator(undefined)).toThrow(/expected the controlUrl of a stateful mock server/);
  });
});

describe("the front of a stateful mock", () => {
  it("sends a request again when Prism resets the kept-alive connection it went out on", async () => {
    // Prism closes a kept-alive connection after 5 s idle; a request sent on it at that moment is reset unread. This
    // stand-in for Prism resets the second request of every connection.
    const answered = new Set<Socket>();
    const received: string[] = [];
    let resets = 0;
    const prism = createServer(async (request, response) => {
      if (answered.has(request.socket)) {
        resets += 1;
        request.socket.resetAndDestroy();
        return;
      }
      answered.add(request.socket);
      let body = "";
      for await (const chunk of request) {
        body += chunk;
      }
      received.push(`${request.method} ${body}`);
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    }).listen(0, "127.0.0.1");
    await once(prism, "listening");
    const prismUrl = `http://127.0.0.1:${(prism.address() as AddressInfo).port}`;
    const front = await serveFront(createSimulator({ contacts: 0 }), prismUrl, 0, "127.0.0.1");
    try {
      const post = { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"Alice"}' };
      for (const init of [{}, post]) {
        const response = await fetch(`${front.url}${CONTACTS}`, init);
        expect(await response.json()).toEqual({ ok: true });
      }
      expect(resets).toBe(1);
      expect(received).toEqual(["GET ", 'POST {"name":"Alice"}']);
    } finally {
      await front.close();
      prism.closeAllConnections();
      prism.close();
    }
  });
});
