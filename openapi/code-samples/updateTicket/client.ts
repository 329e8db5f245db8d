import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// title and description are required; a non-zero code in the answer throws LiveDeskResultError.
await livedesk.tickets.update("tk_20251104_789abc", {
  title: "Printer paper jam, unable to print (Updated)",
  description: "Technician has been dispatched.",
  priority: "high",
  tags: ["printer", "hardware"],
});
console.log("updated ticket tk_20251104_789abc");
