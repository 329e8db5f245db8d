import {
  CONTACT_SORT_FIELDS,
  type ContactSortField,
  LiveDeskAuthenticationError,
  SORT_DIRECTIONS,
  type SortDirection,
} from "@livedesk/client";
import { DEFAULT_CREDENTIALS, type SimulatedContact } from "@livedesk/mock";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTACTS, client, collect, ids, lastQuery, mock, mockUrl } from "./helpers.js";

// List and search through the built client against the stateful mock's 300 seeded contacts, checking the exact
// contacts that come back against the mock's own state.
let seeded: readonly SimulatedContact[];

beforeAll(async () => {
  await mock.reset();
  seeded = (await mock.state()).contacts;
});
beforeEach(() => mock.reset());

const withLabel = (...labels: string[]) =>
  seeded.filter((contact) => contact.labels.some((label) => labels.includes(label)));

/** The documented order, independently of the simulator: case-insensitive, missing values last, ties by id. */
function sorted(contacts: readonly SimulatedContact[], field: ContactSortField, direction: SortDirection) {
  const value = (contact: SimulatedContact): string | number | undefined => {
    const raw =
      {
        company: contact.additional_attributes.company_name,
        city: contact.additional_attributes.city,
        country: contact.additional_attributes.country,
      }[field as string] ?? contact[field as keyof SimulatedContact];
    return raw === null || raw === "" || raw === undefined
      ? undefined
      : typeof raw === "string"
        ? raw.toLowerCase()
        : (raw as number);
  };
  const sign = direction === "desc" ? -1 : 1;
  return [...contacts].sort((a, b) => {
    const [left, right] = [value(a), value(b)];
    if (left === undefined || right === undefined) {
      return left === right ? a.id - b.id : left === undefined ? 1 : -1;
    }
    return (left < right ? -sign : left > right ? sign : 0) || a.id - b.id;
  });
}

describe("contacts.list", () => {
  it("gives the first 15 contacts, the total, and current_page as a number whether or not page was sent", async () => {
    const first = await client().contacts.list();
    expect(first.meta).toEqual({ count: 300, current_page: 1 });
    expect(ids(first.payload)).toEqual(ids(seeded.slice(0, 15)));
    const third = await client().contacts.list({ page: 3 });
    expect(await lastQuery()).toBe("?page=3");
    expect(third.meta).toEqual({ count: 300, current_page: 3 });
    expect(ids(third.payload)).toEqual(ids(seeded.slice(30, 45)));
  });

  it("sends several labels as labels=a,b on the wire, and gets every contact with any of them", async () => {
    const page = await client().contacts.list({ labels: ["vip", "premium"] });
    expect(await lastQuery()).toBe("?labels=vip,premium");
    expect(page.meta.count).toBe(withLabel("vip", "premium").length);
    expect(ids(page.payload)).toEqual(ids(withLabel("vip", "premium").slice(0, 15)));
  });

  it("leaves contact_inboxes out with include_contact_inboxes: false", async () => {
    const [withInboxes, without] = await Promise.all([
      client().contacts.list(),
      client().contacts.list({ include_contact_inboxes: false }),
    ]);
    expect(withInboxes.payload[0]?.contact_inboxes).toEqual([
      { source_id: seeded[0]?.contact_inboxes[0]?.source_id, inbox: expect.objectContaining({ id: 407 }) },
    ]);
    expect(without.payload.every((contact) => !("contact_inboxes" in contact))).toBe(true);
  });

  it("answers 401 to credentials it does not know", async () => {
    await expect(client({ apiSecret: "not-the-secret" }).contacts.list()).rejects.toBeInstanceOf(
      LiveDeskAuthenticationError,
    );
  });
});

describe("listAll and searchAll over 300 contacts", () => {
  it("yields every contact once, in order, from 20 pages of 15", async () => {
    expect(ids(await collect(client().contacts.listAll()))).toEqual(ids(seeded));
    expect((await mock.state()).requests.map((request) => request.query)).toEqual([
      "?page=1",
      ...Array.from({ length: 19 }, (_, index) => `?page=${index + 2}`),
    ]);
  });

  it("filters by labels", async () => {
    const listed = await collect(client().contacts.listAll({ labels: ["lead", "partner"] }, { concurrency: 3 }));
    expect(ids(listed)).toEqual(ids(withLabel("lead", "partner")));
  });

  it.each(CONTACT_SORT_FIELDS.flatMap((field) => SORT_DIRECTIONS.map((direction) => [field, direction] as const)))(
    "sorts by %s %s",
    async (sort, direction) => {
      const listed = await collect(client().contacts.listAll({ sort, direction, labels: ["vip"] }));
      expect(ids(listed)).toEqual(ids(sorted(withLabel("vip"), sort, direction)));
    },
  );

  it("searches name, email and phone number, case-insensitively", async () => {
    const needle = "GMAIL";
    const expected = seeded.filter((contact) =>
      [contact.name, contact.email, contact.phone_number].some((value) => value?.toLowerCase().includes("gmail")),
    );
    expect(expected.length).toBeGreaterThan(15);
    const found = await collect(client().contacts.searchAll(needle, { sort: "email" }));
    expect(ids(found)).toEqual(ids(sorted(expected, "email", "asc")));
    const target = seeded.find((contact) => contact.identifier !== null) as SimulatedContact;
    const byIdentifier = await client().contacts.search(target.identifier ?? "");
    expect(ids(byIdentifier.payload)).toEqual([target.id]);
  });

  it("finds a contact created a moment ago", async () => {
    const { payload } = await client().contacts.create({
      inbox_id: 407,
      name: "Zoë Example",
      email: "zoe@example.test",
    });
    const found = await collect(client().contacts.searchAll("zoë"));
    expect(found).toEqual([expect.objectContaining({ id: payload.contact.id, email: "zoe@example.test" })]);
  });
});

describe("requests the spec forbids, sent by hand, are refused by Prism before the simulator", () => {
  const auth = { authorization: `Basic ${btoa(`${DEFAULT_CREDENTIALS.apiKey}:${DEFAULT_CREDENTIALS.apiSecret}`)}` };

  it.each([
    ["no credentials", "", {}, 401],
    ["a Bearer token", "", { authorization: "Bearer token" }, 401],
    ["an undocumented sort", "?sort=company_name", auth, 422],
    ["page=0", "?page=0", auth, 422],
    ["a fractional page", "?page=1.5", auth, 422],
    ["a non-boolean include_contact_inboxes", "?include_contact_inboxes=yes", auth, 422],
    ["an unknown direction", "?direction=up", auth, 422],
  ])("%s: %i", async (_, search, headers, status) => {
    const response = await fetch(`${mockUrl}${CONTACTS}${search}`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await mock.state()).requests).toEqual([]);
  });
});
