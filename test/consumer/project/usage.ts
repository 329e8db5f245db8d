import { type Contact, type ContactPage, createLiveDeskClient, LiveDeskError } from "@livedesk/client";
import type { components, paths } from "@livedesk/openapi";

const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret" });

export async function vipNames(): Promise<string[]> {
  const page: ContactPage = await client.contacts.list({
    labels: ["vip"],
    sort: "last_activity_at",
    direction: "desc",
  });
  const raw = await client.GET("/api/v2/accounts/contacts", { params: { query: { include_contact_inboxes: false } } });
  const first: Contact | undefined = raw.data?.payload[0];
  return [...page.payload, ...(first ? [first] : [])].map((contact) => contact.name ?? "");
}

export function isLiveDeskError(error: unknown): error is LiveDeskError {
  return error instanceof LiveDeskError;
}

// For people who bring their own client: the same types, from the spec package.
export type ListContactsAnswer =
  paths["/api/v2/accounts/contacts"]["get"]["responses"][200]["content"]["application/json"];
export const sameContact = (contact: Contact): components["schemas"]["Contact"] => contact;
