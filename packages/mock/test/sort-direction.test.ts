import type { ListContactsQuery } from "@livedesk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type MockServer, type SimulatorOptions, startMockServer } from "../src/index.js";
import { clientFor } from "./helpers.js";

// Ledger entry contacts-23: the spec accepts `direction` and the upstream `sort=-field`. The simulator honours
// `direction` by default (a `-` prefix orders descending when no direction is sent); with `sortDirection: "prefix"`
// it behaves like upstream's Sift, where only the prefix counts. Checked end to end through the client, in-process
// and over HTTP behind Prism, against the exact order of all the contacts.
const SEEDED = { seed: 3, contacts: 20 } as const;
type Mode = NonNullable<SimulatorOptions["sortDirection"]>;

const CASES: [query: ListContactsQuery, byMode: Record<Mode, "ascending" | "descending">][] = [
  [{ sort: "name" }, { direction: "ascending", prefix: "ascending" }],
  [
    { sort: "name", direction: "desc" },
    { direction: "descending", prefix: "ascending" },
  ],
  [{ sort: "-name" }, { direction: "descending", prefix: "descending" }],
  [
    { sort: "-name", direction: "asc" },
    { direction: "ascending", prefix: "descending" },
  ],
];

/** The contacts' ids by name, compared case-insensitively, ties by id (upstream's order), worked out here. */
function byName(contacts: readonly { id: number; name: string }[], order: "ascending" | "descending"): number[] {
  const sign = order === "ascending" ? 1 : -1;
  return contacts
    .map(({ id, name }) => ({ id, name: name.toLowerCase() }))
    .sort((a, b) => (a.name < b.name ? -sign : a.name > b.name ? sign : a.id - b.id))
    .map(({ id }) => id);
}

const servers: Partial<Record<Mode, MockServer>> = {};
beforeAll(async () => {
  const [direction, prefix] = await Promise.all(
    (["direction", "prefix"] as const).map((sortDirection) =>
      startMockServer({ stateful: true, ...SEEDED, sortDirection }),
    ),
  );
  Object.assign(servers, { direction, prefix });
});
afterAll(() => Promise.all(Object.values(servers).map((server) => server.close())));

describe.each(["direction", "prefix"] as const)('sortDirection: "%s" (contacts-23)', (mode) => {
  const transports = {
    "in-process": () => clientFor(createSimulator({ ...SEEDED, sortDirection: mode }).fetch),
    "over HTTP, behind Prism": () => clientFor(undefined, { baseUrl: servers[mode]?.url ?? "" }),
  };

  it.each(Object.keys(transports) as (keyof typeof transports)[])("%s", async (transport) => {
    const livedesk = transports[transport]();
    const contacts = createSimulator(SEEDED).contacts;
    for (const [query, byMode] of CASES) {
      const listed: number[] = [];
      for await (const contact of livedesk.contacts.listAll(query)) {
        listed.push(contact.id);
      }
      expect({ query, listed }).toEqual({ query, listed: byName(contacts, byMode[mode]) });
    }
    expect(servers[mode]?.violations).toEqual([]);
  });
});
