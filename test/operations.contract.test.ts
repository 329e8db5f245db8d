import {
  type CreateTicketRequest,
  createLiveDeskClient,
  LiveDeskAuthenticationError,
  type LiveDeskClient,
  LiveDeskNotFoundError,
  LiveDeskPermissionError,
  LiveDeskValidationError,
  type UpdateTicketRequest,
} from "@livedesk/client";
import type {} from "@livedesk/mock/vitest"; // types inject("livedeskMockUrl")
import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { describe, expect, inject, it } from "vitest";

// Documented examples, from the bundled description.
const createContactRequest = spec.components.examples.CreateContactRequestExample.value;
const createContactResponse = spec.components.examples.CreateContactResponseExample.value;
const createConversationRequest = spec.components.examples.CreateConversationRequestExample.value;
const createConversationResponse = spec.components.examples.CreateConversationResponseExample.value;
const createTicketRequest = spec.components.examples.CreateTicketRequestExample.value;
const getTicketResponse = spec.components.examples.GetTicketResponseExample.value;
const sendMessageRequest = spec.components.examples.SendMessageRequestExample.value;
const sendMessageResponse = spec.components.examples.SendMessageResponseExample.value;
const updateContactRequest = spec.components.examples.UpdateContactRequestExample.value;
const updateTicketRequest = spec.components.examples.UpdateTicketRequestExample.value;

// Every operation through its helper, against `prism mock --errors`: the documented request bodies are accepted,
// the documented answers come back, and each documented error status arrives as its typed error.
const mockUrl = inject("livedeskMockUrl");

function client(prefer?: string): LiveDeskClient {
  return createLiveDeskClient({
    apiKey: "contract-key",
    apiSecret: "contract-secret",
    baseUrl: mockUrl,
    ...(prefer ? { headers: { Prefer: prefer } } : {}),
  });
}

type Operation = (livedesk: LiveDeskClient) => Promise<unknown>;

const operations: Record<string, { call: Operation; errors: number[] }> = {
  "contacts.create": { call: (c) => c.contacts.create(createContactRequest), errors: [401, 403, 422] },
  "contacts.update": { call: (c) => c.contacts.update(318763, updateContactRequest), errors: [401, 403, 404, 422] },
  "contacts.search": { call: (c) => c.contacts.search("support@engagelab.com"), errors: [401, 403] },
  "conversations.create": { call: (c) => c.conversations.create(createConversationRequest), errors: [401, 403, 422] },
  "conversations.updateStatus": {
    call: (c) => c.conversations.updateStatus(141, { status: "snoozed", snoozed_until: 1715000000 }),
    errors: [401, 403, 404, 422],
  },
  "messages.send": { call: (c) => c.messages.send(141, sendMessageRequest), errors: [401, 403, 404, 422] },
  "tickets.create": { call: (c) => c.tickets.create(createTicketRequest as CreateTicketRequest), errors: [401, 403] },
  "tickets.get": { call: (c) => c.tickets.get("tk_20251104_789abc"), errors: [401, 403, 404] },
  "tickets.update": {
    call: (c) => c.tickets.update("tk_20251104_789abc", updateTicketRequest as UpdateTicketRequest),
    errors: [401, 403, 404],
  },
};

const ERROR_CLASSES: Record<number, unknown> = {
  401: LiveDeskAuthenticationError,
  403: LiveDeskPermissionError,
  404: LiveDeskNotFoundError,
  422: LiveDeskValidationError,
};

describe("every operation answers as documented", () => {
  it("contacts.create returns the documented contact", async () => {
    await expect(client().contacts.create(createContactRequest)).resolves.toEqual(createContactResponse);
  });

  it("contacts.update is accepted; LiveDesk documents no answer", async () => {
    await expect(client().contacts.update(318763, updateContactRequest)).resolves.not.toBeInstanceOf(Error);
  });

  it("contacts.search returns the Search Contacts example", async () => {
    const page = await client("example=search_contacts").contacts.search("support@engagelab.com");
    expect(page.payload[0]).toMatchObject({ id: 64464046 });
  });

  it("conversations.create returns the documented conversation", async () => {
    await expect(client().conversations.create(createConversationRequest)).resolves.toEqual(createConversationResponse);
  });

  it("conversations.create with source_id alone is accepted", async () => {
    await expect(client().conversations.create({ inbox_id: 407, source_id: "123456789" })).resolves.toBeDefined();
  });

  it.each(["open", "resolved", "pending"] as const)("conversations.updateStatus to %s is accepted", async (status) => {
    await expect(client().conversations.updateStatus(141, { status })).resolves.not.toBeInstanceOf(Error);
  });

  it("messages.send returns the documented message", async () => {
    await expect(client().messages.send(141, sendMessageRequest)).resolves.toEqual(sendMessageResponse);
  });

  it("tickets.get unwraps the documented ticket", async () => {
    await expect(client().tickets.get("tk_20251104_789abc")).resolves.toEqual(getTicketResponse.data);
  });

  it("tickets.create and tickets.update are accepted; LiveDesk documents no answer", async () => {
    await expect(client().tickets.create(createTicketRequest as CreateTicketRequest)).resolves.not.toBeInstanceOf(
      Error,
    );
    await expect(
      client().tickets.update("tk_20251104_789abc", updateTicketRequest as UpdateTicketRequest),
    ).resolves.not.toBeInstanceOf(Error);
  });
});

describe("every documented error arrives as its typed error", () => {
  const cases = Object.entries(operations).flatMap(([name, { call, errors }]) =>
    errors.map((status) => [name, status, call] as const),
  );

  it.each(cases)("%s: HTTP %i", async (_, status, call) => {
    const error = await call(client(`code=${status}`)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ERROR_CLASSES[status] as typeof LiveDeskAuthenticationError);
    expect(error).toMatchObject({ status });
  });
});

describe("requests the spec forbids are refused by the mock (sent by hand)", () => {
  const auth = { authorization: `Basic ${btoa("contract-key:contract-secret")}`, "content-type": "application/json" };

  it.each([
    ["a contact without inbox_id", "/api/v2/accounts/contacts", { name: "x" }],
    ["a conversation without contact_id or source_id", "/api/v2/accounts/conversations", { inbox_id: 407 }],
    ["a message without content", "/api/v2/accounts/conversations/141/messages", { private: true }],
    ["an unknown status", "/api/v2/accounts/conversations/141/toggle_status", { status: "closed" }],
    ["a ticket without title", "/api/v2/accounts/tickets", { description: "x" }],
  ])("422 for %s", async (_, path, body) => {
    const response = await fetch(`${mockUrl}${path}`, { method: "POST", headers: auth, body: JSON.stringify(body) });
    expect(response.status).toBe(422);
  });
});
