import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// The raw call returns the whole {code, message, data} envelope, or no data on an HTTP error: check both yourself.
const { data, error, response } = await livedesk.GET("/api/v2/accounts/tickets/{ticket_id}", {
  params: { path: { ticket_id: "tk_20251104_789abc" } },
});
if (data === undefined || data.code !== 0) {
  throw new Error(`Get Ticket failed (HTTP ${response.status}): ${JSON.stringify(error ?? data)}`);
}
console.log(data.data?.ticket_id, data.data?.status);
