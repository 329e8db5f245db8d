import { beforeEach, describe, expect, it } from "vitest";
import { client, mock, readmeExample, runExample } from "./helpers.js";

// The root README's flows, run as written against the stateful mock through the built client.
const README = new URL("../README.md", import.meta.url);

beforeEach(() => mock.reset());

describe("the README's flows against the stateful mock", () => {
  it("an API-channel integration: contact → conversation → message → status", async () => {
    const code = await readmeExample(README, "api-channel-flow");
    const { payload, conversationId } = await runExample(code, { livedesk: client() }, ["payload", "conversationId"]);
    const { contacts, conversations } = await mock.state();
    const contact = (payload as { contact: { id: number } }).contact;
    expect(contacts.find((candidate) => candidate.id === contact.id)).toMatchObject({
      name: "Alice",
      email: "alice@acme.inc",
      contact_inboxes: [{ inbox_id: 407 }],
    });
    expect(conversations).toEqual([
      expect.objectContaining({
        id: conversationId,
        contact_id: contact.id,
        status: "snoozed",
        snoozed_until: expect.any(Number),
        messages: [expect.objectContaining({ content: "Hello! How can we help?", conversation_id: conversationId })],
      }),
    ]);
  });

  it("a ticket's lifecycle: create → get → update", async () => {
    const code = await readmeExample(README, "ticket-flow");
    const { ticketId } = await runExample(code, { livedesk: client() }, ["ticketId"]);
    const { tickets } = await mock.state();
    expect(tickets).toEqual([
      expect.objectContaining({
        ticket_id: ticketId,
        title: "Printer paper jam",
        priority: "high",
        description: "Technician dispatched.",
      }),
    ]);
    await expect(client().tickets.get(String(ticketId))).resolves.toMatchObject({
      ticket_id: ticketId,
      status: "open",
    });
  });
});
