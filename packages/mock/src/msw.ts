import { type HttpHandler, http } from "msw";
import { createSimulator, type Simulator } from "./simulator/simulator.js";

/** The only documented data centre, the client's default base URL. */
const LIVEDESK_BASE_URL = "https://livedesk-api.engagelab.com";

export interface LiveDeskHandlersOptions {
  /**
   * Base URL whose LiveDesk paths the handlers answer; default `https://livedesk-api.engagelab.com`, the client's
   * default. Pass your client's `baseUrl` if it differs, or `"*"` for any origin.
   */
  baseUrl?: string;
}

/**
 * Mock Service Worker handlers that answer every LiveDesk request with the simulator:
 * `setupServer(...livedeskHandlers(simulator))`. A `reset` fault is a network error, as MSW models it.
 */
export function livedeskHandlers(
  simulator: Simulator = createSimulator(),
  { baseUrl = LIVEDESK_BASE_URL }: LiveDeskHandlersOptions = {},
): HttpHandler[] {
  if (typeof simulator?.handle !== "function") {
    throw new TypeError("livedeskHandlers: expected a simulator from createSimulator() of @livedesk/mock.");
  }
  const origin = baseUrl === "*" ? "*" : baseUrl.replace(/\/+$/, "");
  return [http.all(`${origin}/api/v2/accounts/*`, ({ request }) => simulator.handle(request))];
}
