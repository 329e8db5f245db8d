import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// custom_attributes is merged into the stored attributes, not replaced.
await livedesk.contacts.update(318763, { name: "support", custom_attributes: { vip_level: "platinum" } });
console.log("updated contact 318763");
