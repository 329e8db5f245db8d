import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import spec from "@livedesk/openapi/openapi.json" with { type: "json" };

// The documented example, from the bundled description.
const seed = spec.components.examples.ListContactsPage.value;

export interface StandIn {
  url: string;
  /** The `page` of every request, as sent. */
  pagesServed: string[];
  close(): void;
}

/**
 * A stand-in for LiveDesk's List Contacts on loopback, for what Prism's static mock cannot do (it serves the same page
 * for every `page`): Basic auth required, pages of 15 shaped like the documented contact, `current_page` echoed as a
 * string as upstream does, `contact_inboxes` only when not switched off. `idsAsStrings` makes it drift from the spec.
 */
export async function startStandIn(total: number, { idsAsStrings = false } = {}): Promise<StandIn> {
  const [template] = seed.payload;
  const pagesServed: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    response.setHeader("content-type", "application/json");
    if (!request.headers.authorization?.startsWith("Basic ")) {
      response.writeHead(401).end(JSON.stringify({ error: "Invalid Access Token" }));
      return;
    }
    const page = url.searchParams.get("page") ?? "1";
    pagesServed.push(page);
    const first = (Number(page) - 1) * 15;
    const withInboxes = url.searchParams.get("include_contact_inboxes") !== "false";
    const payload = Array.from({ length: Math.max(0, Math.min(15, total - first)) }, (_, index) => {
      const id = first + index + 1;
      const { contact_inboxes, ...contact } = { ...template, id: idsAsStrings ? String(id) : id };
      return withInboxes ? { ...contact, contact_inboxes } : contact;
    });
    response.end(JSON.stringify({ meta: { count: total, current_page: page }, payload }));
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pagesServed,
    close: () => server.close(),
  };
}
