import { CONTACT_SORT_FIELDS, createLiveDeskClient, LiveDeskPermissionError, SORT_DIRECTIONS } from "@livedesk/client";
import type {} from "@livedesk/mock/vitest"; // types inject("livedeskMockUrl")
import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { describe, expect, inject, it } from "vitest";

// The documented example, from the bundled description.
const seed = spec.components.examples.ListContactsPage.value;

const CONTACTS = "/api/v2/accounts/contacts";
const mockUrl = inject("livedeskMockUrl");
const AUTH = `Basic ${btoa("contract-key:contract-secret")}`;

function client(headers: Record<string, string> = {}) {
  return createLiveDeskClient({ apiKey: "contract-key", apiSecret: "contract-secret", baseUrl: mockUrl, headers });
}

/** A request the typed client would refuse to build, sent by hand. */
function rawGet(search: string, headers: Record<string, string> = { authorization: AUTH }) {
  return fetch(`${mockUrl}${CONTACTS}${search}`, { headers });
}

describe("List Contacts against the Prism mock", () => {
  it("answers with the seed's example, typed", async () => {
    const { data, error, response } = await client().GET(CONTACTS);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(seed);
  });

  it("contacts.list normalises the seed's string current_page", async () => {
    const page = await client().contacts.list();
    expect(page.meta).toEqual({ count: 1, current_page: 1 });
    expect(page.payload).toEqual(seed.payload);
  });

  it("serves the Search Contacts example, whose current_page is an integer", async () => {
    const page = await client({ Prefer: "example=search_contacts" }).contacts.list({ q: "support@engagelab.com" });
    expect(page.meta.current_page).toBe(1);
    expect(page.payload[0]).toMatchObject({ id: 64464046, email: "support@engagelab.com" });
  });

  it("accepts include_contact_inboxes=false", async () => {
    await expect(client().contacts.list({ include_contact_inboxes: false })).resolves.toMatchObject({
      meta: { count: 1 },
    });
  });

  it("accepts several labels in the declared form (labels=a,b)", async () => {
    await expect(client().contacts.list({ labels: ["vip", "premium", "gold member"] })).resolves.toBeDefined();
  });

  it("accepts every documented sort value in both directions", async () => {
    for (const sort of CONTACT_SORT_FIELDS) {
      for (const direction of SORT_DIRECTIONS) {
        await expect(client().contacts.list({ sort, direction, page: 1 })).resolves.toBeDefined();
      }
    }
  });

  it("listAll stops after the mock's only page", async () => {
    const ids: number[] = [];
    for await (const contact of client().contacts.listAll()) {
      ids.push(contact.id);
    }
    expect(ids).toEqual([318763]);
  });

  it("answers 403 as documented, which the client reports as a permission error", async () => {
    const error = await client({ Prefer: "code=403" })
      .contacts.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskPermissionError);
    expect(error).toMatchObject({ code: "permission", status: 403 });
  });
});

describe("requests the spec forbids (sent by hand)", () => {
  it.each([
    ["no credentials", {}],
    ["a Bearer token", { authorization: "Bearer token" }],
  ])("401 with %s", async (_, headers) => {
    const response = await rawGet("", headers);
    expect(response.status).toBe(401);
  });

  it.each([
    ["an undocumented sort", "?sort=company_name"],
    ["page=0", "?page=0"],
    ["a fractional page", "?page=1.5"],
    ["a non-boolean include_contact_inboxes", "?include_contact_inboxes=yes"],
    ["an unknown direction", "?direction=up"],
  ])("422 for %s", async (_, search) => {
    const response = await rawGet(search);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
