import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// Throws LiveDeskResultError when the answer's code is non-zero, even with HTTP 200.
const result = await livedesk.tickets.create({
  title: "Printer paper jam, unable to print",
  requester: { euid: "contact_12345" },
  priority: "high",
  ticket_type: "incident",
  custom_fields: { device_sn: "PRN-2024-001" },
});
console.log("created", result);
