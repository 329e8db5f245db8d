import { createRequire } from "node:module";
import { expect, inject, it } from "vitest";

// Vitest itself cannot be require()d, so the CommonJS side is a real require() from this project.
const require = createRequire(import.meta.url);

it("lists contacts through the CJS build", async () => {
  expect(require.resolve("@livedesk/client")).toMatch(/index\.cjs$/);
  const { createLiveDeskClient, LiveDeskError } = require("@livedesk/client");
  const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", baseUrl: inject("livedeskMockUrl") });
  const contacts = [];
  for await (const contact of client.contacts.listAll()) {
    contacts.push(contact);
  }
  expect(contacts.map((contact) => contact.id)).toEqual([318763]);
  const error = await client.contacts.list({ page: 0 }).catch((caught) => caught);
  expect(error).toBeInstanceOf(LiveDeskError);
});
