import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import {
  type CreateTicketRequest,
  type createLiveDeskClient,
  LiveDeskArgumentError,
  LiveDeskInvalidResponseError,
  LiveDeskNotFoundError,
  LiveDeskResultError,
  LiveDeskServerError,
  type UpdateTicketRequest,
} from "../src/index.js";
import { failureOf, json, stubbedClient } from "./helpers.js";

// Documented examples, from the bundled description.
const createContactRequest = spec.components.examples.CreateContactRequestExample.value;
const createContactResponse = spec.components.examples.CreateContactResponseExample.value;
const createConversationRequest = spec.components.examples.CreateConversationRequestExample.value;
const createTicketRequest = spec.components.examples.CreateTicketRequestExample.value;
const getTicketResponse = spec.components.examples.GetTicketResponseExample.value;
const sendMessageRequest = spec.components.examples.SendMessageRequestExample.value;
const sendMessageResponse = spec.components.examples.SendMessageResponseExample.value;
const updateContactRequest = spec.components.examples.UpdateContactRequestExample.value;
const updateTicketRequest = spec.components.examples.UpdateTicketRequestExample.value;

const BASE = "https://livedesk-api.engagelab.com";

async function sent(request: Request | undefined) {
  const text = await request?.text();
  return {
    method: request?.method,
    url: request?.url,
    contentType: request?.headers.get("content-type"),
    body: text ? JSON.parse(text) : undefined,
  };
}

describe("contacts", () => {
  it("create: POSTs the body as JSON and resolves to the parsed answer", async () => {
    const { client, requests } = stubbedClient(() => json(createContactResponse));
    await expect(client.contacts.create(createContactRequest)).resolves.toEqual(createContactResponse);
    expect(await sent(requests[0])).toEqual({
      method: "POST",
      url: `${BASE}/api/v2/accounts/contacts`,
      contentType: "application/json",
      body: createContactRequest,
    });
  });

  it("update: PATCHes the contact and tolerates LiveDesk's undocumented, possibly empty, answer", async () => {
    const { client, requests } = stubbedClient(() => new Response(null, { status: 200 }));
    await expect(client.contacts.update(318763, updateContactRequest)).resolves.toBeUndefined();
    expect(await sent(requests[0])).toMatchObject({
      method: "PATCH",
      url: `${BASE}/api/v2/accounts/contacts/318763`,
      body: updateContactRequest,
    });
  });

  it("update: a 404 is a LiveDeskNotFoundError", async () => {
    const { client } = stubbedClient(() => json({ error: "not found" }, { status: 404 }));
    expect(await failureOf(client.contacts.update(1, { name: "x" }))).toBeInstanceOf(LiveDeskNotFoundError);
  });

  it.each([0, -1, 1.5, "abc", "", "12"])(
    "update: rejects the id %j before sending: contact ids are integers",
    async (id) => {
      const { client, requests } = stubbedClient(() => json({}));
      const error = await failureOf(client.contacts.update(id as number, {}));
      expect(error).toMatchObject({ argument: "id" });
      expect((error as Error).message).toMatch(/expected a positive integer id such as 318763, got/);
      expect(requests).toHaveLength(0);
    },
  );

  it("search and searchAll send q with the other filters", async () => {
    const page = { meta: { count: 1, current_page: 1, has_more: false }, payload: [{ id: 5 }] };
    const { client, requests } = stubbedClient(() => json(page));
    await client.contacts.search("support@engagelab.com", { labels: ["vip"] });
    const found = [];
    for await (const contact of client.contacts.searchAll("support")) {
      found.push(contact.id);
    }
    expect(found).toEqual([5]);
    expect(requests.map((request) => new URL(request.url).search)).toEqual([
      "?labels=vip&q=support%40engagelab.com",
      "?q=support&page=1",
    ]);
  });

  it("search: rejects an empty search before sending", async () => {
    const { client, requests } = stubbedClient(() => json({}));
    expect(await failureOf(client.contacts.search("  "))).toBeInstanceOf(LiveDeskArgumentError);
    expect(requests).toHaveLength(0);
  });
});

describe("conversations", () => {
  it("create: POSTs the documented body", async () => {
    const { client, requests } = stubbedClient(() => json({ id: 141 }));
    await expect(client.conversations.create(createConversationRequest)).resolves.toEqual({ id: 141 });
    expect(await sent(requests[0])).toMatchObject({
      method: "POST",
      url: `${BASE}/api/v2/accounts/conversations`,
      body: createConversationRequest,
    });
  });

  it.each([[{ inbox_id: 407, contact_id: 2219256 }], [{ inbox_id: "407", source_id: "123456789" }]])(
    "create: accepts contact_id or source_id alone: %j",
    async (body) => {
      const { client, requests } = stubbedClient(() => json({ id: 141 }));
      await client.conversations.create(body);
      expect(await sent(requests[0])).toMatchObject({ body });
    },
  );

  it("create: without contact_id and source_id, explains the rule before sending", async () => {
    const { client, requests } = stubbedClient(() => json({}));
    const error = await failureOf(client.conversations.create({ inbox_id: 407 } as never));
    expect(error).toBeInstanceOf(LiveDeskArgumentError);
    expect((error as Error).message).toMatch(/needs contact_id .* or source_id/);
    expect(requests).toHaveLength(0);
  });

  it("updateStatus: POSTs to toggle_status", async () => {
    const { client, requests } = stubbedClient(() => json({}));
    await client.conversations.updateStatus(141, { status: "snoozed", snoozed_until: 1715000000 });
    expect(await sent(requests[0])).toMatchObject({
      method: "POST",
      url: `${BASE}/api/v2/accounts/conversations/141/toggle_status`,
      body: { status: "snoozed", snoozed_until: 1715000000 },
    });
  });

  it.each([
    [
      { status: "resolved", snoozed_until: 1715000000 },
      "snoozed_until",
      /only applies to status "snoozed", not "resolved"/,
    ],
    [{ status: "snoozed", snoozed_until: "tomorrow" }, "snoozed_until", /Unix seconds/],
    [{ status: "closed" }, "status", /expected one of open, resolved, pending, snoozed, got "closed"/],
  ])("updateStatus: rejects %j before sending", async (body, argument, message) => {
    const { client, requests } = stubbedClient(() => json({}));
    const error = await failureOf(client.conversations.updateStatus(141, body as never));
    expect(error).toMatchObject({ name: "LiveDeskArgumentError", argument });
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });
});

describe("messages", () => {
  it("send: POSTs the message and resolves to the created message", async () => {
    const { client, requests } = stubbedClient(() => json(sendMessageResponse));
    await expect(client.messages.send("141", sendMessageRequest)).resolves.toEqual(sendMessageResponse);
    expect(await sent(requests[0])).toMatchObject({
      method: "POST",
      url: `${BASE}/api/v2/accounts/conversations/141/messages`,
      body: sendMessageRequest,
    });
  });

  it("send: a 2xx body that is not JSON is an invalid response", async () => {
    const { client } = stubbedClient(() => new Response("<html>", { status: 200 }));
    expect(await failureOf(client.messages.send(141, { content: "hi" }))).toBeInstanceOf(LiveDeskInvalidResponseError);
  });
});

describe("tickets", () => {
  it("get: unwraps the {code, message, data} envelope", async () => {
    const { client, requests } = stubbedClient(() => json(getTicketResponse));
    await expect(client.tickets.get("tk_20251104_789abc")).resolves.toEqual(getTicketResponse.data);
    expect(requests[0]?.url).toBe(`${BASE}/api/v2/accounts/tickets/tk_20251104_789abc`);
  });

  it("get: encodes the ticket id in the path", async () => {
    const { client, requests } = stubbedClient(() => json(getTicketResponse));
    await client.tickets.get("tk/1 2");
    expect(requests[0]?.url).toBe(`${BASE}/api/v2/accounts/tickets/tk%2F1%202`);
  });

  it("get: a non-zero code is an error even with HTTP 200", async () => {
    const { client } = stubbedClient(() => json({ code: 10004, message: "ticket not found" }));
    const error = await failureOf(client.tickets.get("tk_missing"));
    expect(error).toBeInstanceOf(LiveDeskResultError);
    expect(error).toMatchObject({ code: "result", status: 200, resultCode: 10004, resultMessage: "ticket not found" });
    expect((error as Error).message).toMatch(/code 10004: ticket not found/);
  });

  it("get: an answer without the envelope is an invalid response", async () => {
    const { client } = stubbedClient(() => json(getTicketResponse.data));
    expect(await failureOf(client.tickets.get("tk_20251104_789abc"))).toBeInstanceOf(LiveDeskInvalidResponseError);
  });

  it("create: POSTs and unwraps the envelope's data when the server uses it", async () => {
    const { client, requests } = stubbedClient(() =>
      json({ code: 0, message: "Success", data: { ticket_id: "tk_1" } }),
    );
    await expect(client.tickets.create(createTicketRequest as CreateTicketRequest)).resolves.toEqual({
      ticket_id: "tk_1",
    });
    expect(await sent(requests[0])).toMatchObject({ method: "POST", body: createTicketRequest });
  });

  it("create: a non-zero code is an error", async () => {
    const { client } = stubbedClient(() => json({ code: 1, message: "title required" }));
    expect(await failureOf(client.tickets.create({ title: "t" }))).toMatchObject({ resultCode: 1 });
  });

  it("update: PUTs and returns an unenveloped answer as sent", async () => {
    const { client, requests } = stubbedClient(() => json({ ticket_id: "tk_1" }));
    await expect(client.tickets.update("tk_1", updateTicketRequest as UpdateTicketRequest)).resolves.toEqual({
      ticket_id: "tk_1",
    });
    expect(await sent(requests[0])).toMatchObject({
      method: "PUT",
      url: `${BASE}/api/v2/accounts/tickets/tk_1`,
      body: updateTicketRequest,
    });
  });

  it.each(["", "  ", ".", ".."])(
    "rejects the ticket id %j before sending: it would leave its path segment",
    async (id) => {
      const { client, requests } = stubbedClient(() => json({}));
      for (const call of [client.tickets.get(id), client.tickets.update(id, { title: "t", description: "d" })]) {
        const error = await failureOf(call);
        expect(error).toMatchObject({ name: "LiveDeskArgumentError", argument: "ticketId" });
        expect((error as Error).message).toMatch(`got ${JSON.stringify(id)}`);
      }
      expect(requests).toHaveLength(0);
    },
  );

  it("keeps an id with dots or slashes in one segment", async () => {
    const { client, requests } = stubbedClient(() => json(getTicketResponse));
    for (const id of ["...", "a/../b", "./x", "%2e%2e"]) {
      await client.tickets.get(id);
    }
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/api/v2/accounts/tickets/...",
      "/api/v2/accounts/tickets/a%2F..%2Fb",
      "/api/v2/accounts/tickets/.%2Fx",
      "/api/v2/accounts/tickets/%252e%252e",
    ]);
  });
});

describe("retries of the write helpers", () => {
  const unavailableOnce = () => {
    let calls = 0;
    return () => (calls++ === 0 ? json({}, { status: 503 }) : json({ code: 0, message: "Success", data: {} }));
  };

  it.each([
    ["contacts.create", (client: Client) => client.contacts.create({ inbox_id: 407 })],
    ["conversations.create", (client: Client) => client.conversations.create({ inbox_id: 407, contact_id: 1 })],
    ["conversations.updateStatus", (client: Client) => client.conversations.updateStatus(1, { status: "open" })],
    ["messages.send", (client: Client) => client.messages.send(1, { content: "hi" })],
    ["tickets.create", (client: Client) => client.tickets.create({ title: "t" })],
    ["contacts.update", (client: Client) => client.contacts.update(1, {})],
  ])("%s is sent once by default", async (_, call) => {
    const { client, requests } = stubbedClient(unavailableOnce());
    expect(await failureOf(call(client))).toBeInstanceOf(LiveDeskServerError);
    expect(requests).toHaveLength(1);
  });

  it("a write helper retries when the call says it is idempotent, with the same body", async () => {
    const { client, requests } = stubbedClient(unavailableOnce());
    await client.messages.send(1, { content: "hi" }, { idempotent: true });
    expect(await Promise.all(requests.map((request) => request.text()))).toEqual([
      '{"content":"hi"}',
      '{"content":"hi"}',
    ]);
  });

  it.each([
    ["tickets.update (PUT)", (client: Client) => client.tickets.update("tk_1", { title: "t", description: "d" })],
    ["tickets.get", (client: Client) => client.tickets.get("tk_1")],
  ])("%s is retried", async (_, call) => {
    const { client, requests } = stubbedClient(unavailableOnce());
    await call(client);
    expect(requests).toHaveLength(2);
  });
});

type Client = ReturnType<typeof createLiveDeskClient>;
