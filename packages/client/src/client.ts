import createClient, { type Client } from "openapi-fetch";
import { basicAuthorization } from "./auth.js";
import { type ContactsResource, createContactsResource } from "./contacts.js";
import { LiveDeskArgumentError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { serializeQuery } from "./query.js";

/** The only documented data centre (Singapore). */
export const DEFAULT_BASE_URL = "https://livedesk-api.engagelab.com";

export interface LiveDeskClientOptions {
  /** API key (the Basic-auth user name). Console: Project Settings → API Management. */
  apiKey: string;
  /** API secret (the Basic-auth password). */
  apiSecret: string;
  /** Defaults to `https://livedesk-api.engagelab.com`. Point it at a mock server in tests. */
  baseUrl?: string;
  /** A `fetch` implementation, e.g. to add a proxy agent or to stub requests in tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent on every request. `Authorization` is not allowed: it is built from the key and secret. */
  headers?: HeadersInit;
}

/** The openapi-fetch client for the LiveDesk API (`client.GET(path, …)`), plus resource helpers that throw. */
export type LiveDeskClient = Client<paths, "application/json"> & {
  contacts: ContactsResource;
};

export function createLiveDeskClient(options: LiveDeskClientOptions): LiveDeskClient {
  if (typeof options !== "object" || options === null) {
    throw new LiveDeskArgumentError("options", "expected { apiKey, apiSecret }.");
  }
  const headers = new Headers(options.headers);
  if (headers.has("authorization")) {
    throw new LiveDeskArgumentError("headers", "do not set Authorization; pass apiKey and apiSecret instead.");
  }
  headers.set("Authorization", basicAuthorization(options.apiKey, options.apiSecret));
  headers.set("Accept", headers.get("Accept") ?? "application/json");
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new LiveDeskArgumentError("fetch", `expected a function, got ${typeof options.fetch}.`);
  }

  const client = createClient<paths>({
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    headers,
    querySerializer: serializeQuery,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return Object.assign(client, { contacts: createContactsResource(client) });
}

// The URL is never echoed: a URL with user info would carry a credential.
function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl)) {
    throw new LiveDeskArgumentError("baseUrl", "expected an absolute URL such as https://livedesk-api.engagelab.com.");
  }
  const url = new URL(baseUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LiveDeskArgumentError("baseUrl", `expected an http(s) URL, got the scheme ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new LiveDeskArgumentError(
      "baseUrl",
      "must not contain a user name or password; pass apiKey and apiSecret instead.",
    );
  }
  if (url.search || url.hash) {
    throw new LiveDeskArgumentError("baseUrl", "must not contain a query string or fragment.");
  }
  return url.href.replace(/\/+$/, "");
}
