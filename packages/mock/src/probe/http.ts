/** What the probe kept of one answer. */
export interface ProbeResponse {
  /** `GET` and the path with its query, e.g. `GET /api/v2/accounts/contacts?page=1`. Never a credential. */
  request: string;
  status: number;
  headers: Headers;
  contentType: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  text: string;
}

export interface ProbeHttpOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  fetch?: typeof globalThis.fetch;
  /** Waits between attempts after a 429 (injected in tests). */
  sleep?: (milliseconds: number) => Promise<void>;
  /** The current time in milliseconds, for a Retry-After given as a date. */
  now?: () => number;
  /** Hard cap on requests, retries included. */
  maxRequests?: number;
  timeoutMs?: number;
}

/** The probe could not do its work at all: LiveDesk unreachable, or the request budget spent. */
export class ProbeError extends Error {
  override name = "ProbeError";
}

const RETRIES_AFTER_429 = 2;
const LONGEST_WAIT_MS = 60_000;
const WAIT_WITHOUT_RETRY_AFTER_MS = 2_000;
/** Obviously wrong credentials, for the 401 question; nothing derived from the user's own. */
const WRONG_CREDENTIALS = { apiKey: "livedesk-probe-wrong-key", apiSecret: "livedesk-probe-wrong-secret" };

/**
 * The probe's only way to the network: GET and nothing else, one request at a time, within a fixed budget, honouring
 * Retry-After on 429. Answers are kept per request, so that two questions needing the same request send it once.
 */
export class ProbeHttp {
  /** Every request sent, in order, retries included. */
  readonly sent: { request: string; status: number }[] = [];
  private readonly answers = new Map<string, Promise<ProbeResponse>>();
  private readonly fetch: typeof globalThis.fetch;
  private readonly sleep: (milliseconds: number) => Promise<void>;
  private readonly now: () => number;
  private readonly base: string;

  constructor(
    private readonly options: ProbeHttpOptions,
    private readonly redact: (text: string) => string,
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? ((milliseconds) => new Promise((done) => setTimeout(done, milliseconds)));
    this.now = options.now ?? Date.now;
    this.base = options.baseUrl.replace(/\/+$/, "");
  }

  /** GET `target` (a path with its query) with the user's credentials, or with wrong ones. */
  get(target: string, credentials: "yours" | "wrong" = "yours"): Promise<ProbeResponse> {
    const key = `${credentials} ${target}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.send(target, credentials === "yours" ? this.options : WRONG_CREDENTIALS);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Every answer received so far. */
  answered(): Promise<ProbeResponse[]> {
    return Promise.all(this.answers.values());
  }

  private async send(target: string, credentials: { apiKey: string; apiSecret: string }): Promise<ProbeResponse> {
    const request = `GET ${target}`;
    for (let attempt = 0; ; attempt += 1) {
      if (this.sent.length >= (this.options.maxRequests ?? 40)) {
        throw new ProbeError(
          `The probe stopped before ${request}: it never sends more than ${this.sent.length} requests.`,
        );
      }
      let response: Response;
      try {
        response = await this.fetch(`${this.base}${target}`, {
          method: "GET",
          headers: { authorization: basicAuthorization(credentials), accept: "application/json" },
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        throw new ProbeError(this.redact(`Could not reach ${this.base} (${request}): ${describeFailure(error)}`));
      }
      this.sent.push({ request, status: response.status });
      const wait = response.status === 429 ? this.retryAfter(response.headers.get("retry-after")) : undefined;
      if (wait === undefined || attempt >= RETRIES_AFTER_429) {
        return read(request, response);
      }
      await response.body?.cancel();
      await this.sleep(wait);
    }
  }

  /** Milliseconds to wait before trying again, or undefined when the wait would be longer than the probe waits. */
  private retryAfter(header: string | null): number | undefined {
    if (header === null) {
      return WAIT_WITHOUT_RETRY_AFTER_MS;
    }
    const milliseconds = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - this.now();
    if (Number.isNaN(milliseconds)) {
      return WAIT_WITHOUT_RETRY_AFTER_MS;
    }
    return milliseconds <= LONGEST_WAIT_MS ? Math.max(0, milliseconds) : undefined;
  }
}

export function basicAuthorization({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }): string {
  return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`, "utf8").toString("base64")}`;
}

async function read(request: string, response: Response): Promise<ProbeResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const contentType = response.headers.get("content-type") ?? "";
  return { request, status: response.status, headers: response.headers, contentType, json, text };
}

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${message}${cause}`;
}
