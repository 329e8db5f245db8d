import { createLiveDeskClient, LiveDeskAuthenticationError } from "@livedesk/client";
import { expect, inject, it } from "vitest";

it("lists contacts through the ESM build", async () => {
  const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", baseUrl: inject("livedeskMockUrl") });
  const page = await client.contacts.list({ labels: ["vip", "premium"], sort: "name" });
  expect(page.meta.current_page).toBe(1);
  expect(page.payload[0]?.id).toBe(318763);
  expect(LiveDeskAuthenticationError.name).toBe("LiveDeskAuthenticationError");
});
