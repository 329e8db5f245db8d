import { createLiveDeskClient } from "@livedesk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StandIn, startStandIn } from "./stand-in.js";

// Prism's static mock serves the same page for every `page`, so paging over several pages runs against a stand-in:
// real HTTP on loopback, pages shaped like the documented contact, `current_page` echoed as a string like upstream.
const TOTAL = 100;
let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn(TOTAL);
});

afterAll(() => {
  standIn.close();
});

describe("listAll over a real socket", () => {
  it("yields all 100 contacts once, in order, in 7 requests", async () => {
    const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", baseUrl: standIn.url });
    const ids: number[] = [];
    for await (const contact of client.contacts.listAll({ labels: ["vip"] })) {
      ids.push(contact.id);
    }
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
    expect(standIn.pagesServed).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });
});
