import { describe, expect, it } from "vitest";
import { LiveDeskArgumentError, LiveDeskIncompleteExportError, LiveDeskPaginationError } from "../src/index.js";
import {
  collect,
  contactPage,
  failureOf,
  json,
  makeContacts,
  type PagedServerOptions,
  pagedServer,
  pageOf,
  type Respond,
  range,
  stubbedClient,
} from "./helpers.js";

describe("contacts.list", () => {
  it.each([
    ["string", "3"],
    ["integer", 3],
  ])("normalises a %s current_page to a number", async (_, currentPage) => {
    const { client } = stubbedClient(() => json({ meta: { count: 40, current_page: currentPage }, payload: [] }));
    const page = await client.contacts.list({ page: 3 });
    expect(page.meta.current_page).toBe(3);
  });

  it("rejects a page whose payload holds something that is not a contact", async () => {
    const { client } = stubbedClient(() => json({ meta: { count: 2, current_page: 1 }, payload: [{ id: 1 }, null] }));
    const error = await failureOf(client.contacts.list());
    expect(error).toMatchObject({ code: "invalid_response" });
    expect((error as Error).message).toMatch(/holds null at payload\[1\], not a contact/);
  });
});

describe("contacts.listAll yields every contact exactly once, in order", () => {
  const cases: [string, number, PagedServerOptions, string[]][] = [
    ["total count, string current_page", 40, { meta: "count", currentPageAs: "string" }, ["1", "2", "3"]],
    ["total count, integer current_page", 40, { meta: "count", currentPageAs: "integer" }, ["1", "2", "3"]],
    ["total count, exact multiple of the page size", 45, { meta: "count" }, ["1", "2", "3"]],
    ["search style has_more", 31, { meta: "has_more" }, ["1", "2", "3"]],
    ["search style has_more, exact multiple", 30, { meta: "has_more" }, ["1", "2"]],
    ["no count and no has_more", 40, { meta: "none" }, ["1", "2", "3"]],
    ["no count and no has_more, exact multiple (one empty page ends it)", 30, { meta: "none" }, ["1", "2", "3"]],
    ["a single short page", 4, { meta: "count" }, ["1"]],
    ["no contacts at all", 0, { meta: "count" }, ["1"]],
    ["a page size other than 15, with a count", 25, { meta: "count", pageSize: 10 }, ["1", "2", "3"]],
    ["a page size other than 15, without signals", 25, { meta: "none", pageSize: 10 }, ["1", "2", "3"]],
  ];

  it.each(cases)("%s", async (_, total, options, expectedPages) => {
    const { client, pages } = stubbedClient(pagedServer(makeContacts(total), options));
    expect(await collect(client.contacts.listAll())).toEqual(range(1, total));
    expect(pages()).toEqual(expectedPages);
  });

  it("starts from query.page and keeps the other filters on every page", async () => {
    const { client, requests } = stubbedClient(pagedServer(makeContacts(40)));
    expect(await collect(client.contacts.listAll({ page: 2, labels: ["vip", "lead"], sort: "name" }))).toEqual(
      range(16, 40),
    );
    expect(requests.map((request) => new URL(request.url).search)).toEqual([
      "?labels=vip,lead&sort=name&page=2",
      "?labels=vip,lead&sort=name&page=3",
    ]);
  });

  it.each([
    [3, 40, range(31, 40)],
    [3, 45, range(31, 45)],
    [4, 45, []],
  ])("resumes with { startPage: %i } over %i contacts", async (startPage, total, expected) => {
    const { client } = stubbedClient(pagedServer(makeContacts(total)));
    expect(await collect(client.contacts.listAll({}, { startPage }))).toEqual(expected);
  });

  it("rejects a startPage that is not a page, or that contradicts query.page", async () => {
    const { client, requests } = stubbedClient(pagedServer(makeContacts(40)));
    for (const [query, startPage] of [
      [{}, 0],
      [{}, 1.5],
      [{ page: 2 }, 3],
    ] as const) {
      const error = await failureOf(client.contacts.listAll(query, { startPage }));
      expect(error).toBeInstanceOf(LiveDeskArgumentError);
      expect(error).toMatchObject({ argument: "startPage" });
    }
    expect(requests).toHaveLength(0);
  });

  it("does not trust count as a total when searching without has_more", async () => {
    // With q, upstream's count is the size of the page; stopping at it would drop contacts.
    const contacts = makeContacts(20);
    const { client } = stubbedClient((request) => {
      const { payload } = contactPage(contacts, pageOf(request));
      return json({ meta: { count: payload.length, current_page: pageOf(request) }, payload });
    });
    expect(await collect(client.contacts.listAll({ q: "contact" }))).toEqual(range(1, 20));
  });
});

describe("contacts.listAll never ends short without saying so", () => {
  const TOTAL = 3_000;
  const contacts = makeContacts(TOTAL);
  const serve = pagedServer(contacts);
  /** A server for 3,000 contacts whose page `page` is `body` instead. */
  const breaksAt =
    (page: number, body: (meta: { count: number; current_page: string }) => unknown): Respond =>
    (request, index) =>
      pageOf(request) === page ? json(body({ count: TOTAL, current_page: String(page) })) : serve(request, index);

  it.each([
    [
      "a short page while the total says more follow",
      breaksAt(50, (meta) => ({ meta, payload: makeContacts(10, 736) })),
      50,
      735,
      /page 50 ends the list with 10 contacts, but the total says more follow/,
    ],
    [
      "an empty page while the total says more follow",
      breaksAt(50, (meta) => ({ meta, payload: [] })),
      50,
      735,
      /page 50 ends the list with 0 contacts/,
    ],
    [
      "an empty first page with a total of 3,000",
      breaksAt(1, (meta) => ({ meta, payload: [] })),
      1,
      0,
      /page 1 ends the list with 0 contacts/,
    ],
    [
      "a total that drops mid-way",
      breaksAt(50, (meta) => ({ meta: { ...meta, count: 600 }, payload: makeContacts(15, 736) })),
      50,
      735,
      /the total fell from 3000 to 600 at page 50/,
    ],
    [
      "a page of nulls",
      breaksAt(2, (meta) => ({ meta, payload: [null, null] })),
      2,
      15,
      /item 0 of page 2 is null, not a contact/,
    ],
    [
      "a page that is longer than the one before",
      breaksAt(1, (meta) => ({ meta, payload: makeContacts(10) })),
      2,
      10,
      /page 1 held 10 contacts, fewer than the 15 of page 2/,
    ],
  ])("%s: LiveDeskIncompleteExportError", async (_, answer, page, delivered, message) => {
    const { client } = stubbedClient(answer);
    const ids: number[] = [];
    const error = await failureOf(client.contacts.listAll(), { delivered: ids });
    expect(error).toBeInstanceOf(LiveDeskIncompleteExportError);
    expect(error).toMatchObject({ code: "incomplete_export", claimed: TOTAL, page, delivered });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(`page ${page}, ${delivered} contacts delivered`);
    expect(ids).toHaveLength(delivered);
  });

  it("has_more: true on an empty page", async () => {
    const { client } = stubbedClient(() => json({ meta: { count: 0, current_page: 1, has_more: true }, payload: [] }));
    const error = await failureOf(client.contacts.searchAll("x"));
    expect(error).toMatchObject({ code: "incomplete_export", claimed: undefined, page: 1, delivered: 0 });
  });

  it("a resumed export continues where the error says", async () => {
    let broken = true;
    const { client } = stubbedClient((request, index) =>
      broken && pageOf(request) === 50
        ? json({ meta: { count: TOTAL, current_page: "50" }, payload: [] })
        : serve(request, index),
    );
    const first: number[] = [];
    const error = (await failureOf(client.contacts.listAll(), { delivered: first })) as { page: number };
    broken = false;
    const rest = await collect(client.contacts.listAll({}, { startPage: error.page }));
    expect([...first, ...rest]).toEqual(range(1, TOTAL));
  });
});

describe("contacts.listAll never loops forever", () => {
  it("fails when the server ignores page and reports page 1 again", async () => {
    const { client, pages } = stubbedClient(() =>
      json({ meta: { count: 100, current_page: "1" }, payload: makeContacts(15) }),
    );
    const error = await failureOf(client.contacts.listAll());
    expect(error).toBeInstanceOf(LiveDeskPaginationError);
    expect(error).toMatchObject({ code: "pagination_stalled", page: 2, delivered: 15 });
    expect((error as Error).message).toMatch(/asked for page 2 but the server answered with page 1/);
    expect(pages()).toEqual(["1", "2"]);
  });

  it("fails when the server echoes page but serves the same contacts again", async () => {
    const { client } = stubbedClient((request) =>
      json({ meta: { count: 100, current_page: String(pageOf(request)) }, payload: makeContacts(15) }),
    );
    const seen: number[] = [];
    const error = await failureOf(client.contacts.listAll(), { delivered: seen });
    expect(error).toMatchObject({ code: "pagination_stalled" });
    expect((error as Error).message).toMatch(/page 2 holds exactly the contacts of page 1/);
    expect(seen).toEqual(range(1, 15));
  });
});

describe("contacts.listAll failures", () => {
  it("throws instead of ending early when a later page fails, with the page and the contacts delivered", async () => {
    const serve = pagedServer(makeContacts(40));
    const { client } = stubbedClient(
      (request, index) => (pageOf(request) === 2 ? json({ error: "boom" }, { status: 500 }) : serve(request, index)),
      { maxRetries: 0 },
    );
    const seen: number[] = [];
    const error = await failureOf(client.contacts.listAll(), { delivered: seen });
    expect(error).toMatchObject({ code: "server", status: 500, page: 2, delivered: 15 });
    expect(seen).toEqual(range(1, 15));
  });

  it("honours an AbortSignal between contacts and sends no further request", async () => {
    const controller = new AbortController();
    const { client, pages } = stubbedClient(pagedServer(makeContacts(40)));
    const seen: number[] = [];
    const error = await failureOf(async () => {
      for await (const contact of client.contacts.listAll({}, { signal: controller.signal })) {
        seen.push(contact.id);
        if (contact.id === 5) {
          controller.abort();
        }
      }
    });
    // The caller's own reason, unchanged: aborting is not a failure of the client.
    expect(error).toBe(controller.signal.reason);
    expect(seen).toEqual(range(1, 5));
    expect(pages()).toEqual(["1"]);
  });

  it("aborts the request in flight when the signal fires", async () => {
    const controller = new AbortController();
    let seenByFetch: AbortSignal | undefined;
    const { client } = stubbedClient((request) => {
      seenByFetch = request.signal;
      return new Promise<Response>(() => {});
    });
    const listing = failureOf(client.contacts.list({}, { signal: controller.signal }));
    await Promise.resolve();
    controller.abort();
    expect(await listing).toMatchObject({ name: "AbortError" });
    expect(seenByFetch?.aborted).toBe(true);
  });
});
