import { type LedgerEntry, openapiJsonPath } from "@livedesk/openapi";
import { loadSpec, type SpecNode } from "../spec-fields.js";
import { QUESTIONS, type Verdict } from "./checks.js";
import { ProbeError, ProbeHttp } from "./http.js";
import { readPage, summary } from "./page.js";
import { credentialRedactor } from "./redact.js";
import { readSpecFacts } from "./spec-facts.js";

export type { Verdict } from "./checks.js";
export { ProbeError } from "./http.js";

/** Search text for the `q` questions unless told otherwise. */
export const DEFAULT_QUERY = "@";

/** Options that cannot work; the message says how to fix them. */
export class ProbeOptionError extends TypeError {
  override name = "ProbeOptionError";
}

export interface ProbeOptions {
  apiKey: string;
  apiSecret: string;
  /** The API to probe; by default the spec's server, LiveDesk's only data centre. */
  baseUrl?: string;
  /** Two labels that are on some of the account's contacts, for the labels question (contacts-7). */
  labels?: readonly string[];
  /** Search text for the `q` questions; `@` (every contact with an email address, if search is partial) by default. */
  query?: string;
  /** The spec to compare with, parsed; the bundled `@livedesk/openapi` document by default. */
  spec?: SpecNode;
  fetch?: typeof globalThis.fetch;
  /** Waits after a 429 before asking again; injected in tests. */
  sleep?: (milliseconds: number) => Promise<void>;
  now?: () => number;
}

/** The answer to one ledger question. */
export interface Finding {
  /** The ledger id, e.g. `contacts-7`, as in the spec's "Documentation discrepancies". */
  id: string;
  question: string;
  verdict: Verdict;
  /**
   * What the spec compared with says: its ledger entry of that id (topic, what the pages show, the decision, what
   * would settle it), as markdown; absent when that spec has no such entry.
   */
  spec?: LedgerEntry;
  evidence: string[];
  observed: Record<string, unknown>;
}

export interface ProbeReport {
  baseUrl: string;
  /** One per ledger id, in the ledger's order. */
  findings: Finding[];
  /** Every request sent, all GET, retries included. */
  requests: { request: string; status: number }[];
  /** True when at least one finding is `contradicted`. */
  contradicted: boolean;
}

/** The spec the probe compares with unless told otherwise: the bundled `@livedesk/openapi` document. */
export function bundledSpec(): SpecNode {
  return loadSpec(openapiJsonPath);
}

/**
 * Asks a LiveDesk account the questions the spec's discrepancy ledger leaves open, with read-only GET requests only,
 * one at a time, and compares the answers with the spec. Nothing in the report contains the key or the secret.
 * Rejects with a `ProbeError` when LiveDesk cannot be reached or refuses the credentials, and with a
 * `ProbeOptionError` for bad options.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const facts = readSpecFacts(options.spec ?? bundledSpec());
  const baseUrl = checkOptions(options, facts.serverUrl);
  const redact = credentialRedactor(options);
  const http = new ProbeHttp({ ...options, baseUrl }, redact);
  const first = await http.get(facts.contactsPath);
  if (!readPage(first)) {
    const refused = first.status === 401 || first.status === 403;
    throw new ProbeError(
      redact(
        `${refused ? "LiveDesk refused the credentials" : "LiveDesk did not answer with a page of contacts"}: ${first.request} answered ${summary(first)}.${refused ? " Check LIVEDESK_API_KEY and LIVEDESK_API_SECRET." : ""}`,
      ),
    );
  }
  const context = { http, facts, labels: options.labels ?? [], query: options.query ?? DEFAULT_QUERY };
  const findings: Finding[] = [];
  for (const { id, question, ask } of QUESTIONS) {
    const row = facts.ledger.get(id);
    findings.push({ id, question, ...(row ? { spec: row } : {}), ...(await ask(context)) });
  }
  const order = [...facts.ledger.keys()];
  findings.sort((left, right) => ledgerPosition(order, left.id) - ledgerPosition(order, right.id));
  return redactDeep(
    {
      baseUrl,
      findings,
      requests: [...http.sent],
      contradicted: findings.some((finding) => finding.verdict === "contradicted"),
    },
    redact,
  );
}

function checkOptions(options: ProbeOptions, serverUrl: string | undefined): string {
  for (const name of ["apiKey", "apiSecret"] as const) {
    if (typeof options[name] !== "string" || options[name].trim() === "") {
      throw new ProbeOptionError(
        `${name} is missing or empty: pass the API key and secret of a LiveDesk API data source.`,
      );
    }
  }
  if (options.apiKey.includes(":")) {
    throw new ProbeOptionError("apiKey cannot contain ':'. Did you pass 'key:secret' as the key?");
  }
  const baseUrl = options.baseUrl ?? serverUrl ?? "";
  const parsed = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username !== "" || parsed.password !== "") {
    throw new ProbeOptionError(
      "baseUrl must be an http(s) URL without credentials in it, such as https://livedesk-api.engagelab.com.",
    );
  }
  const labels = options.labels ?? [];
  if (labels.length !== 0 && labels.length !== 2) {
    throw new ProbeOptionError(`Name two labels (or none), got ${labels.length}: --label vip --label premium.`);
  }
  const bad = labels.find((label) => label === "" || label.includes(","));
  if (bad !== undefined) {
    throw new ProbeOptionError(`A label cannot be empty or contain a comma, got ${JSON.stringify(bad)}.`);
  }
  if (options.query === "") {
    throw new ProbeOptionError("query cannot be empty: give the search text for the q questions.");
  }
  return baseUrl.replace(/\/+$/, "");
}

/** Where an id is in the ledger; ids the spec's ledger lacks come last. */
function ledgerPosition(order: string[], id: string): number {
  const position = order.indexOf(id);
  return position === -1 ? order.length : position;
}

function redactDeep<T>(value: T, redact: (text: string) => string): T {
  return JSON.parse(JSON.stringify(value), (_key, each) => (typeof each === "string" ? redact(each) : each));
}
