import { assertType, describe, expectTypeOf, it } from "vitest";
import {
  type Contact,
  type ContactPage,
  type ContactSort,
  type ContactSortField,
  createLiveDeskClient,
  type ListContactsQuery,
} from "../src/index.js";

const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret" });

describe("types generated from the spec", () => {
  it("types the raw GET's query and response", async () => {
    const { data } = await client.GET("/api/v2/accounts/contacts", {
      params: { query: { sort: "last_activity_at", direction: "asc", labels: ["vip"], page: 2 } },
    });
    if (data) {
      expectTypeOf(data.meta.current_page).toEqualTypeOf<number | string>();
      expectTypeOf(data.payload[0]?.id).toEqualTypeOf<number | undefined>();
      expectTypeOf(data.payload[0]?.email).toEqualTypeOf<string | null | undefined>();
    }
    // @ts-expect-error "company_name" is upstream's key, not a documented sort value
    await client.GET("/api/v2/accounts/contacts", { params: { query: { sort: "company_name" } } });
    // @ts-expect-error labels are an array of strings
    await client.GET("/api/v2/accounts/contacts", { params: { query: { labels: "vip" } } });
    // @ts-expect-error not a documented path
    await client.GET("/api/v2/accounts/contact");
  });

  it("types contacts.list and normalises current_page to a number", async () => {
    const page = await client.contacts.list({ sort: "name", include_contact_inboxes: false });
    expectTypeOf(page).toEqualTypeOf<ContactPage>();
    expectTypeOf(page.meta.current_page).toEqualTypeOf<number>();
    expectTypeOf(page.payload[0]?.id).toEqualTypeOf<number | undefined>();
    // @ts-expect-error not a documented sort value
    await client.contacts.list({ sort: "bogus" });
    // Upstream's descending form is accepted for every documented field, and only for those (ledger contacts-23).
    await client.contacts.list({ sort: "-last_activity_at" });
    // @ts-expect-error not a documented sort field, with or without the prefix
    await client.contacts.list({ sort: "-bogus" });
    // @ts-expect-error direction is asc or desc
    await client.contacts.list({ direction: "up" });
    // @ts-expect-error page is a number
    await client.contacts.list({ page: "2" });
    // @ts-expect-error page_size is not a documented parameter
    await client.contacts.list({ page_size: 10 });
  });

  it("types listAll as an async iterable of contacts", () => {
    expectTypeOf(client.contacts.listAll()).toExtend<AsyncIterable<Contact>>();
    assertType<ListContactsQuery>({ q: "support@engagelab.com", labels: ["vip", "premium"] });
    expectTypeOf<ContactSortField>().toEqualTypeOf<
      "email" | "name" | "phone_number" | "last_activity_at" | "created_at" | "company" | "city" | "country"
    >();
    expectTypeOf<ContactSort>().toEqualTypeOf<ContactSortField | `-${ContactSortField}`>();
  });

  it("types the per-call options and the client's diagnostics", async () => {
    const options = { headers: { "X-Trace": "1" }, onResponse: (response: Response) => response.status };
    await client.contacts.list({}, options);
    await client.tickets.update("tk_1", { title: "t", description: "d" }, { ...options, idempotent: true });
    expectTypeOf(client.contacts.listAll({}, { startPage: 3, concurrency: 4 })).toExtend<AsyncIterable<Contact>>();
    // @ts-expect-error startPage is a number
    client.contacts.listAll({}, { startPage: "3" });
    createLiveDeskClient({ apiKey: "key", apiSecret: "secret", logLevel: "debug", logger: console });
    // @ts-expect-error not a log level
    createLiveDeskClient({ apiKey: "key", apiSecret: "secret", logLevel: "verbose" });
  });

  it("requires key and secret", () => {
    // @ts-expect-error apiSecret is required
    createLiveDeskClient({ apiKey: "key" });
  });

  it("types the write helpers from the spec", async () => {
    await client.conversations.create({ inbox_id: 407, contact_id: 2219256 });
    await client.conversations.create({ inbox_id: "407", source_id: "123456789" });
    // @ts-expect-error a conversation needs contact_id or source_id
    await client.conversations.create({ inbox_id: 407 });
    await client.conversations.updateStatus(141, { status: "snoozed", snoozed_until: 1715000000 });
    // @ts-expect-error not a status Update Conversation Status accepts
    await client.conversations.updateStatus(141, { status: "closed" });
    const message = await client.messages.send(141, { content: "hi", private: true });
    expectTypeOf(message.id).toEqualTypeOf<number | undefined>();
    // @ts-expect-error content is required
    await client.messages.send(141, { private: true });
    const ticket = await client.tickets.get("tk_20251104_789abc");
    expectTypeOf(ticket.ticket_id).toEqualTypeOf<string | undefined>();
    await client.tickets.update("tk_1", { title: "t", description: "d", priority: "normal" });
    // @ts-expect-error update needs title and description
    await client.tickets.update("tk_1", { title: "t" });
    // @ts-expect-error not a documented priority
    await client.tickets.create({ title: "t", priority: "critical" });
  });
});
