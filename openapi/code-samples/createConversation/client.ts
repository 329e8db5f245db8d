import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// Step 2: a conversation with the contact that Create Contact returned (or its source_id).
const conversation = await livedesk.conversations.create({ inbox_id: 407, contact_id: 2219259 });
console.log("conversation", conversation);
