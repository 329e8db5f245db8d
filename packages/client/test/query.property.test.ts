import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTACT_SORT_FIELDS, type ListContactsQuery, LiveDeskArgumentError, SORT_DIRECTIONS } from "../src/index.js";
import { failureOf, json, stubbedClient } from "./helpers.js";

const label = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((text) => !text.includes(","));
const query: fc.Arbitrary<ListContactsQuery> = fc.record(
  {
    // A blank q is refused before sending (arguments.test.ts), so only non-blank ones make a query.
    q: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).filter((text) => text.trim() !== ""),
    page: fc.integer({ min: 1, max: 1_000_000 }),
    labels: fc.array(label, { minLength: 1, maxLength: 5 }),
    include_contact_inboxes: fc.boolean(),
    sort: fc.constantFrom(...CONTACT_SORT_FIELDS),
    direction: fc.constantFrom(...SORT_DIRECTIONS),
  },
  { requiredKeys: [] },
);

/** The query string the client sends, parsed back under the rules the spec declares. */
async function sentQuery(value: ListContactsQuery): Promise<Record<string, unknown>> {
  const { client, requests } = stubbedClient(() => json({ meta: { count: 0, current_page: 1 }, payload: [] }));
  await client.contacts.list(value);
  const search = new URL(requests[0]?.url ?? "").searchParams;
  const parsed: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    // The spec declares every parameter once: a repeated name would be read as its last value upstream.
    expect(search.getAll(name)).toHaveLength(1);
    const raw = search.get(name) ?? "";
    parsed[name] =
      name === "labels"
        ? raw.split(",")
        : name === "page"
          ? Number(raw)
          : name === "include_contact_inboxes"
            ? raw === "true"
            : raw;
  }
  return parsed;
}

describe("query serialisation (property-based)", () => {
  it("parses back to the same values under form/explode:false", async () => {
    await fc.assert(
      fc.asyncProperty(query, async (value) => {
        expect(await sentQuery(value)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects any label containing a comma, before sending", async () => {
    const withComma = fc
      .tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }))
      .map(([before, after]) => `${before},${after}`);
    await fc.assert(
      fc.asyncProperty(fc.array(label, { maxLength: 3 }), withComma, fc.nat(), async (labels, bad, position) => {
        const { client, requests } = stubbedClient();
        const mixed = [...labels];
        mixed.splice(position % (labels.length + 1), 0, bad);
        expect(await failureOf(client.contacts.list({ labels: mixed }))).toBeInstanceOf(LiveDeskArgumentError);
        expect(requests).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  });
});
