import { describe, expect, it } from "vitest";
import { type Contact, createLiveDeskClient, LiveDeskError } from "../src/index.js";
import { API_KEY, API_SECRET, json, makeContacts, type PagedServerOptions, pagedServer, stubFetch } from "./helpers.js";

function clientFor(respond: (request: Request) => Response) {
  const stub = stubFetch(respond);
  const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
  const pagesRequested = () => stub.requests.map((request) => new URL(request.url).searchParams.get("page"));
  return { client, pagesRequested };
}

async function collect(iterable: AsyncIterable<Contact>): Promise<number[]> {
  const ids: number[] = [];
  for await (const contact of iterable) {
    ids.push(contact.id);
  }
  return ids;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("contacts.list", () => {
  it.each([
    ["string", "3"],
    ["integer", 3],
  ])("normalises a %s current_page to a number", async (_, currentPage) => {
    const { client } = clientFor(() => json({ meta: { count: 40, current_page: currentPage }, payload: [] }));
    const page = await client.contacts.list({ page: 3 });
    expect(page.meta.current_page).toBe(3);
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
    ["a page size other than 15", 25, { meta: "none", pageSize: 10 }, ["1", "2", "3"]],
  ];

  it.each(cases)("%s", async (_, total, options, expectedPages) => {
    const { client, pagesRequested } = clientFor(pagedServer(makeContacts(total), options));
    expect(await collect(client.contacts.listAll())).toEqual(range(1, total));
    expect(pagesRequested()).toEqual(expectedPages);
  });

  it("starts from query.page and keeps the other filters on every page", async () => {
    const stub = stubFetch(pagedServer(makeContacts(40)));
    const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch });
    expect(await collect(client.contacts.listAll({ page: 2, labels: ["vip", "lead"], sort: "name" }))).toEqual(
      range(16, 40),
    );
    expect(stub.requests.map((request) => new URL(request.url).search)).toEqual([
      "?page=2&labels=vip,lead&sort=name",
      "?page=3&labels=vip,lead&sort=name",
    ]);
  });

  it("does not trust count as a total when searching without has_more", async () => {
    // With q, upstream's count is the size of the page; stopping at it would drop contacts.
    const contacts = makeContacts(20);
    const { client } = clientFor((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const payload = contacts.slice((page - 1) * 15, page * 15);
      return json({ meta: { count: payload.length, current_page: page }, payload });
    });
    expect(await collect(client.contacts.listAll({ q: "contact" }))).toEqual(range(1, 20));
  });
});

describe("contacts.listAll never loops forever", () => {
  it("fails when the server ignores page and reports page 1 again", async () => {
    const { client, pagesRequested } = clientFor(() =>
      json({ meta: { count: 100, current_page: "1" }, payload: makeContacts(15) }),
    );
    const error = await collect(client.contacts.listAll()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskError);
    expect(error).toMatchObject({ code: "pagination_stalled" });
    expect((error as Error).message).toMatch(/asked for page 2 but the server answered with page 1/);
    expect(pagesRequested()).toEqual(["1", "2"]);
  });

  it("fails when the server echoes page but serves the same contacts again", async () => {
    const { client } = clientFor((request) =>
      json({
        meta: { count: 100, current_page: new URL(request.url).searchParams.get("page") },
        payload: makeContacts(15),
      }),
    );
    const seen: number[] = [];
    const error = await (async () => {
      for await (const contact of client.contacts.listAll()) {
        seen.push(contact.id);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "pagination_stalled" });
    expect((error as Error).message).toMatch(/page 2 holds exactly the contacts of page 1/);
    expect(seen).toEqual(range(1, 15));
  });
});

describe("contacts.listAll failures", () => {
  it("throws instead of ending early when a later page fails", async () => {
    const serve = pagedServer(makeContacts(40));
    const { client } = clientFor((request) =>
      new URL(request.url).searchParams.get("page") === "2" ? json({ error: "boom" }, { status: 500 }) : serve(request),
    );
    const seen: number[] = [];
    const error = await (async () => {
      for await (const contact of client.contacts.listAll()) {
        seen.push(contact.id);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "server", status: 500 });
    expect(seen).toEqual(range(1, 15));
  });

  it("honours an AbortSignal between contacts and sends no further request", async () => {
    const controller = new AbortController();
    const { client, pagesRequested } = clientFor(pagedServer(makeContacts(40)));
    const seen: number[] = [];
    const error = await (async () => {
      for await (const contact of client.contacts.listAll({}, { signal: controller.signal })) {
        seen.push(contact.id);
        if (contact.id === 5) {
          controller.abort();
        }
      }
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(range(1, 5));
    expect(pagesRequested()).toEqual(["1"]);
  });

  it("aborts the request in flight when the signal fires", async () => {
    const controller = new AbortController();
    let seenByFetch: AbortSignal | undefined;
    const client = createLiveDeskClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      fetch: (_, init) => {
        seenByFetch = init?.signal ?? undefined;
        return new Promise<Response>(() => {});
      },
    });
    const listing = client.contacts.list({}, { signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    await expect(listing).rejects.toMatchObject({ name: "AbortError" });
    expect(seenByFetch?.aborted).toBe(true);
  });
});
