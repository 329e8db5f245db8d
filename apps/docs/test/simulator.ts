// The LiveDesk that the docs' code runs against: the stateful simulator of @livedesk/mock, in-process for the
// TypeScript (as `globalThis.fetch`) and over HTTP, behind Prism's validation proxy, for curl and the CLI.
import type { LiveDeskClient } from "@livedesk/client";
import { createSimulator, type MockServer, type Simulator, startMockServer } from "@livedesk/mock";

/** A fresh seeded account, with enough contacts that exports and `listAll` cross many pages. */
export function createDocsSimulator(): Simulator {
  return createSimulator({ seed: 1, contacts: 300 });
}

/** The simulator over HTTP with Prism validating every request and answer against the spec, on a free port. */
export function startHttpMock(): Promise<MockServer> {
  return startMockServer({ stateful: true, seed: 1 });
}

/**
 * The ids a sample names (the spec's example ids, e.g. contact 318763), mapped to records created on the simulator
 * through the API itself, so that the sample finds what it asks for.
 */
export async function exampleIds(operationId: string, livedesk: LiveDeskClient): Promise<Record<string, string>> {
  const inbox = 407; // the simulator's API inbox, the inbox id of LiveDesk's examples
  const contact = async () =>
    (await livedesk.contacts.create({ inbox_id: inbox, name: "Docs sample contact" })).payload.contact.id;
  const conversation = async () => {
    const { id } = await livedesk.conversations.create({ inbox_id: inbox, contact_id: await contact() });
    if (typeof id !== "number") {
      throw new Error(`Create Conversation answered without a numeric id: ${JSON.stringify(id)}`);
    }
    return id;
  };
  const ticket = async () => {
    const created = await livedesk.tickets.create({ title: "Docs sample ticket" });
    if (typeof created?.ticket_id !== "string") {
      throw new Error(`Create Ticket answered without a ticket_id: ${JSON.stringify(created)}`);
    }
    return created.ticket_id;
  };
  switch (operationId) {
    case "updateContact":
      return { "318763": String(await contact()) };
    case "createConversation":
      return { "2219259": String(await contact()) };
    case "updateConversationStatus":
    case "sendMessage":
      return { "141": String(await conversation()) };
    case "getTicket":
    case "updateTicket":
      return { tk_20251104_789abc: await ticket() };
    default:
      return {};
  }
}
