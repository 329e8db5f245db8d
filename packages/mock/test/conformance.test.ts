import { LiveDeskAuthenticationError, type LiveDeskClient } from "@livedesk/client";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "../src/index.js";
import { livedeskHandlers } from "../src/msw.js";
import { clientFor, documentedErrorBody, specChecker, specExample, startWebhookReceiver } from "./helpers.js";

// A scripted session through every operation of the spec, with every request and response checked against the
// bundled spec by a validator of its own (not the simulator's). Run in-process and through MSW: neither way of using
// the simulator may drift from the spec.
const spec = specChecker();

interface Exchange {
  method: string;
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

/** A fetch that records every exchange it passes on. */
function recording(fetch: (request: Request) => Promise<Response>) {
  const exchanges: Exchange[] = [];
  const record = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const requestText = await request.clone().text();
    const response = await fetch(request);
    const responseText = await response.clone().text();
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      requestBody: requestText === "" ? undefined : JSON.parse(requestText),
      status: response.status,
      responseBody: responseText === "" ? undefined : JSON.parse(responseText),
    });
    return response;
  };
  return { exchanges, fetch: record };
}

/** Every operation, the documented request examples included, and the error answers a client meets. */
async function session(livedesk: LiveDeskClient, intruder: LiveDeskClient): Promise<void> {
  await livedesk.contacts.list({ labels: ["vip", "lead"], sort: "name", direction: "desc", page: 2 });
  await livedesk.contacts.list({ include_contact_inboxes: false });
  await livedesk.contacts.search("a", { sort: "last_activity_at" });
  for await (const _ of livedesk.contacts.listAll({ sort: "company" })) {
    // drains every page
  }
  const { payload } = await livedesk.contacts.create({
    ...(specExample("CreateContactRequestExample") as { inbox_id: number }),
  });
  const contactId = payload.contact.id;
  await livedesk.contacts.update(contactId, specExample("UpdateContactRequestExample"));
  const conversation = (await livedesk.conversations.create({
    ...specExample("CreateConversationRequestExample"),
    inbox_id: 407,
    contact_id: contactId,
  })) as { id: number; contact_inbox: { source_id: string } };
  await livedesk.conversations.create({ inbox_id: 407, source_id: conversation.contact_inbox.source_id });
  await livedesk.messages.send(conversation.id, specExample("SendMessageRequestExample") as { content: string });
  await livedesk.conversations.updateStatus(conversation.id, { status: "snoozed", snoozed_until: 1_800_000_000 });
  await livedesk.conversations.updateStatus(conversation.id, { status: "resolved" });
  const ticket = await livedesk.tickets.create(specExample("CreateTicketRequestExample") as { title: string });
  const ticketId = String(ticket?.ticket_id);
  await livedesk.tickets.get(ticketId);
  await livedesk.tickets.update(
    ticketId,
    specExample("UpdateTicketRequestExample") as { title: string; description: string },
  );
  // Error answers must keep to the spec too.
  await expect(intruder.contacts.list()).rejects.toBeInstanceOf(LiveDeskAuthenticationError);
  await expect(livedesk.contacts.update(999_999, { name: "nobody" })).rejects.toMatchObject({ status: 404 });
  await expect(livedesk.tickets.get("tk_unknown")).rejects.toMatchObject({ status: 404 });
  await expect(livedesk.messages.send(999_999, { content: "x" })).rejects.toMatchObject({ status: 404 });
  await expect(livedesk.contacts.create({ inbox_id: 1 })).rejects.toMatchObject({ status: 422 });
}

function expectConformance(exchanges: Exchange[]): void {
  const problems = exchanges.flatMap(({ method, path, requestBody, status, responseBody }) => [
    ...spec.request(method, path, requestBody).map((problem) => `${method} ${path} request: ${problem}`),
    ...spec.response(method, path, status, responseBody).map((problem) => `${method} ${path} ${status}: ${problem}`),
  ]);
  expect(problems).toEqual([]);
  // LiveDesk documents no error body: the simulator answers with the spec's example, so that both say the same.
  const errors = exchanges.filter(({ status }) => status === 401 || status === 404);
  expect(errors.map(({ status }) => status).sort()).toEqual([401, 404, 404, 404]);
  for (const { method, path, status, responseBody } of errors) {
    expect(responseBody, `${method} ${path} ${status}`).toEqual(documentedErrorBody(method, path, status));
  }
  const operations = new Set(
    exchanges.map(({ method, path }) => `${method} ${path.replace(/\/(\d+|tk_\w+)(?=\/|$)/, "/{id}")}`),
  );
  expect([...operations].sort()).toEqual([
    "GET /api/v2/accounts/contacts",
    "GET /api/v2/accounts/tickets/{id}",
    "PATCH /api/v2/accounts/contacts/{id}",
    "POST /api/v2/accounts/contacts",
    "POST /api/v2/accounts/conversations",
    "POST /api/v2/accounts/conversations/{id}/messages",
    "POST /api/v2/accounts/conversations/{id}/toggle_status",
    "POST /api/v2/accounts/tickets",
    "PUT /api/v2/accounts/tickets/{id}",
  ]);
}

describe("every request and response keeps to the spec", () => {
  it("in-process, as the client's fetch; the webhook payload too", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const simulator = createSimulator({ seed: 11, contacts: 40, webhookUrl: receiver.url });
      const { exchanges, fetch } = recording((request) => simulator.fetch(request));
      await session(clientFor(fetch), clientFor(fetch, { apiSecret: "wrong" }));
      expectConformance(exchanges);
      expect(exchanges.length).toBeGreaterThan(20);
      const deliveries = [await receiver.next(), await receiver.next()];
      expect(deliveries.flatMap(({ body }) => spec.webhook("conversation_created", body))).toEqual([]);
    } finally {
      receiver.close();
    }
  });

  describe("through MSW handlers", () => {
    let simulator: Simulator;
    const server = setupServer();
    beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
    afterAll(() => server.close());

    it("with the client's default base URL", async () => {
      simulator = createSimulator({ seed: 11, contacts: 40 });
      server.use(...livedeskHandlers(simulator));
      const { exchanges, fetch } = recording((request) => globalThis.fetch(request));
      await session(clientFor(fetch), clientFor(fetch, { apiSecret: "wrong" }));
      expectConformance(exchanges);
      expect(simulator.requests.length).toBe(exchanges.length);
    });
  });
});
