import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

await livedesk.conversations.updateStatus(141, { status: "resolved" });

// snoozed_until (Unix seconds) takes effect only with status "snoozed".
const tomorrow = Math.floor(Date.now() / 1000) + 24 * 60 * 60;
await livedesk.conversations.updateStatus(141, { status: "snoozed", snoozed_until: tomorrow });
console.log("conversation 141 snoozed until", new Date(tomorrow * 1000).toISOString());
