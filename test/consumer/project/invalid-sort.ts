import { createLiveDeskClient } from "@livedesk/client";

const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret" });
// Not a documented sort value: this file must not compile.
export const listing = client.contacts.list({ sort: "company_name" });
