import {
  LiveDeskAuthenticationError,
  type LiveDeskClient,
  LiveDeskNotFoundError,
  LiveDeskPermissionError,
  LiveDeskValidationError,
} from "@livedesk/client";
import { DEFAULT_CREDENTIALS } from "@livedesk/mock";
import { beforeEach, describe, expect, it } from "vitest";
import { CONTACTS, client, documentedErrorBody, mock, mockUrl } from "./helpers.js";

// Every operation through its helper against the stateful mock behind `prism proxy --errors`: what is sent is
// stored and read back, and each error status arrives as its typed error.
beforeEach(() => mock.reset());

async function conversationFor(livedesk: LiveDeskClient): Promise<number> {
  const conversation = (await livedesk.conversations.create({ inbox_id: 407, contact_id: 1 })) as { id: number };
  return conversation.id;
}

describe("every operation answers as documented, with what was sent", () => {
  it("contacts.create returns the new contact, linked to its inbox", async () => {
    const { payload } = await client().contacts.create({
      inbox_id: 407,
      name: "Test",
      email: "alice@acme.inc",
      phone_number: "+123456789",
      identifier: "1234567890",
    });
    expect(payload.contact).toEqual({
      id: 301,
      name: "Test",
      email: "alice@acme.inc",
      phone_number: "+123456789",
      identifier: "1234567890",
      thumbnail: "",
      availability_status: "offline",
      blocked: false,
      additional_attributes: {},
      custom_attributes: {},
      created_at: expect.any(Number),
    });
    expect(payload.contact_inbox).toEqual({
      inbox: { id: 407, name: "Customer Service Channel", channel_type: "Channel::Api" },
      source_id: expect.any(String),
    });
  });

  it("contacts.update changes the contact and merges custom_attributes", async () => {
    const livedesk = client();
    await livedesk.contacts.update(5, { custom_attributes: { tier: "gold" } });
    const answer = await livedesk.contacts.update(5, { name: "Renamed", custom_attributes: { vip_level: "platinum" } });
    expect(answer).toMatchObject({
      payload: { id: 5, name: "Renamed", custom_attributes: { tier: "gold", vip_level: "platinum" } },
    });
    const { contacts } = await mock.state();
    expect(contacts[4]).toMatchObject({
      id: 5,
      name: "Renamed",
      custom_attributes: { tier: "gold", vip_level: "platinum" },
    });
  });

  it("conversations.create returns the conversation with its id, by contact_id or by source_id", async () => {
    const livedesk = client();
    const byContact = await livedesk.conversations.create({ inbox_id: 407, contact_id: 1 });
    const { contacts } = await mock.state();
    expect(byContact).toMatchObject({
      id: 301,
      inbox_id: 407,
      status: "open",
      meta: { sender: { id: 1, name: contacts[0]?.name, type: "contact" } },
    });
    const sourceId = contacts[1]?.contact_inboxes[0]?.source_id ?? "";
    const bySource = await livedesk.conversations.create({ inbox_id: 407, source_id: sourceId });
    expect(bySource).toMatchObject({ id: 302, contact_inbox: { contact_id: 2, source_id: sourceId } });
  });

  it("conversations.updateStatus sets each status; snoozed_until goes with snoozed", async () => {
    const livedesk = client();
    const id = await conversationFor(livedesk);
    for (const status of ["pending", "resolved", "open"] as const) {
      await expect(livedesk.conversations.updateStatus(id, { status })).resolves.toEqual({
        meta: {},
        payload: { success: true, current_status: status, conversation_id: id },
      });
    }
    await livedesk.conversations.updateStatus(id, { status: "snoozed", snoozed_until: 1_900_000_000 });
    expect((await mock.state()).conversations[0]).toMatchObject({ status: "snoozed", snoozed_until: 1_900_000_000 });
  });

  it("messages.send returns the message and keeps it on its conversation", async () => {
    const livedesk = client();
    const id = await conversationFor(livedesk);
    const message = await livedesk.messages.send(id, {
      content: "Agent sending message, is it normal?",
      private: false,
    });
    expect(message).toMatchObject({
      content: "Agent sending message, is it normal?",
      conversation_id: id,
      inbox_id: 407,
      message_type: 1,
      content_type: "text",
      status: "sent",
      private: false,
    });
    expect((await mock.state()).conversations[0]?.messages).toEqual([message]);
  });

  it("tickets.create, get and update keep the ticket, unwrapped from {code, message, data}", async () => {
    const livedesk = client();
    const created = await livedesk.tickets.create({
      title: "Printer paper jam, unable to print",
      ticket_type: "incident",
    });
    const ticketId = String(created?.ticket_id);
    await expect(livedesk.tickets.get(ticketId)).resolves.toMatchObject({
      ticket_id: ticketId,
      title: "Printer paper jam, unable to print",
      ticket_type: "incident",
      status: "open",
    });
    await expect(
      livedesk.tickets.update(ticketId, { title: "Printer fixed", description: "Replaced the feed.", priority: "low" }),
    ).resolves.toEqual({ ticket_id: ticketId });
    await expect(livedesk.tickets.get(ticketId)).resolves.toMatchObject({ title: "Printer fixed", priority: "low" });
  });
});

describe("every error status arrives as its typed error", () => {
  it("401 for credentials the mock does not know", async () => {
    const error = await client({ apiKey: "someone-else" })
      .tickets.get("tk_1")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskAuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as LiveDeskAuthenticationError).body).toEqual(
      documentedErrorBody("GET", "/api/v2/accounts/tickets/{ticket_id}", 401),
    );
  });

  it("403 when the account may not (a fault: the simulator's credentials may do everything)", async () => {
    await mock.addFault({ type: "status", status: 403, body: documentedErrorBody("GET", CONTACTS, 403) });
    await expect(client().contacts.list()).rejects.toBeInstanceOf(LiveDeskPermissionError);
  });

  const TICKET = "/api/v2/accounts/tickets/{ticket_id}";
  it.each([
    [
      "contacts.update",
      "PATCH",
      `${CONTACTS}/{id}`,
      (livedesk: LiveDeskClient) => livedesk.contacts.update(9999, { name: "x" }),
    ],
    [
      "conversations.updateStatus",
      "POST",
      "/api/v2/accounts/conversations/{conversation_id}/toggle_status",
      (livedesk: LiveDeskClient) => livedesk.conversations.updateStatus(9999, { status: "open" }),
    ],
    [
      "messages.send",
      "POST",
      "/api/v2/accounts/conversations/{conversation_id}/messages",
      (livedesk: LiveDeskClient) => livedesk.messages.send(9999, { content: "x" }),
    ],
    ["tickets.get", "GET", TICKET, (livedesk: LiveDeskClient) => livedesk.tickets.get("tk_unknown")],
    [
      "tickets.update",
      "PUT",
      TICKET,
      (livedesk: LiveDeskClient) => livedesk.tickets.update("tk_unknown", { title: "x", description: "y" }),
    ],
  ] as const)("404 from %s for an unknown id, with the spec's example body", async (_, method, template, call) => {
    const error = await call(client()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskNotFoundError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as LiveDeskNotFoundError).body).toEqual(documentedErrorBody(method, template, 404));
  });

  it("422 for an inbox or contact that does not exist", async () => {
    const livedesk = client();
    await expect(livedesk.contacts.create({ inbox_id: 1 })).rejects.toMatchObject({
      status: 422,
      body: { message: "Inbox 1 could not be found", attributes: ["inbox_id"] },
    });
    await expect(livedesk.conversations.create({ inbox_id: 407, contact_id: 9999 })).rejects.toBeInstanceOf(
      LiveDeskValidationError,
    );
  });
});

describe("bodies the spec forbids are refused by Prism (sent by hand)", () => {
  const headers = {
    authorization: `Basic ${btoa(`${DEFAULT_CREDENTIALS.apiKey}:${DEFAULT_CREDENTIALS.apiSecret}`)}`,
    "content-type": "application/json",
  };

  it.each([
    ["a contact without inbox_id", "/api/v2/accounts/contacts", { name: "x" }],
    ["a conversation without contact_id or source_id", "/api/v2/accounts/conversations", { inbox_id: 407 }],
    ["a message without content", "/api/v2/accounts/conversations/141/messages", { private: true }],
    ["an unknown status", "/api/v2/accounts/conversations/141/toggle_status", { status: "closed" }],
    ["a ticket without title", "/api/v2/accounts/tickets", { description: "x" }],
  ])("422 for %s", async (_, path, body) => {
    const response = await fetch(`${mockUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: 422, title: "Invalid request" });
    expect((await mock.state()).requests).toEqual([]);
  });
});
