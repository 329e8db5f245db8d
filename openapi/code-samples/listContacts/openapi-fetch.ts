import { createLiveDeskClient } from "@livedesk/client";

const livedesk = createLiveDeskClient({
  apiKey: process.env.LIVEDESK_API_KEY!,
  apiSecret: process.env.LIVEDESK_API_SECRET!,
});

// The raw openapi-fetch call: typed by the spec, returns { data, error, response } instead of throwing.
const { data, error, response } = await livedesk.GET("/api/v2/accounts/contacts", {
  params: { query: { labels: ["vip", "premium"], sort: "name", page: 1 } },
});
// On an error status data is undefined, and so is error when the answer has no body (a 429): test data.
if (data === undefined) {
  throw new Error(`LiveDesk answered ${response.status}: ${JSON.stringify(error)}`);
}
// current_page arrives as 1 or "1" on the raw client; the contacts helpers normalise it to a number.
console.log(data.meta.count, data.meta.current_page, data.payload.length);
