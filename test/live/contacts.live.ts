import { createLiveDeskClient, DEFAULT_BASE_URL } from "@livedesk/client";
import { type MockServer, startMockServer } from "@livedesk/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Read-only calls against a real account, through Prism's validation proxy: every request and response that breaks
// the spec is collected, and the last test fails if there were any. This is how drift between LiveDesk and the
// description is found.
const upstream = process.env.LIVEDESK_BASE_URL ?? DEFAULT_BASE_URL;
let proxy: MockServer;

beforeAll(async () => {
  proxy = await startMockServer({ proxy: upstream, errors: false });
});
afterAll(async () => {
  await proxy?.close();
});

function client() {
  return createLiveDeskClient({
    apiKey: process.env.LIVEDESK_API_KEY ?? "",
    apiSecret: process.env.LIVEDESK_API_SECRET ?? "",
    baseUrl: proxy.url,
  });
}

describe(`LiveDesk at ${upstream}`, () => {
  it("lists the first page of contacts", async () => {
    const page = await client().contacts.list({ page: 1 });
    expect(page.meta.current_page).toBe(1);
    expect(page.payload.length).toBeLessThanOrEqual(15);
  });

  it("lists without contact inboxes, sorted", async () => {
    const page = await client().contacts.list({
      include_contact_inboxes: false,
      sort: "created_at",
      direction: "desc",
    });
    for (const contact of page.payload) {
      expect(contact.contact_inboxes).toBeUndefined();
    }
  });

  it("searches", async () => {
    const page = await client().contacts.list({ q: "@" });
    expect(Array.isArray(page.payload)).toBe(true);
  });

  it("pages through up to three pages without repeating a contact", async () => {
    const ids = new Set<number>();
    let seen = 0;
    for await (const contact of client().contacts.listAll()) {
      ids.add(contact.id);
      seen += 1;
      if (seen === 45) {
        break;
      }
    }
    expect(ids.size).toBe(seen);
  });

  it("kept to the spec: no violations", () => {
    expect(proxy.violations).toEqual([]);
  });
});
