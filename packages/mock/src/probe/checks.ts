import { findOperation, responseSchema, undocumentedFields } from "../spec-fields.js";
import type { ProbeHttp, ProbeResponse } from "./http.js";
import { type ContactsPage, ids, jsonType, orderBy, readPage, shown, summary } from "./page.js";
import type { SpecFacts } from "./spec-facts.js";

/**
 * `confirmed`: the account does what the spec says. `contradicted`: it does not. `undocumented`: it sends something
 * the spec does not describe, which is drift to know about rather than a contradiction. `could not tell`: this
 * account cannot answer the question (too few contacts, labels not named, ...); the evidence says why.
 */
export type Verdict = "confirmed" | "contradicted" | "undocumented" | "could not tell";

export interface Answer {
  verdict: Verdict;
  /** What was sent and seen, one line each. */
  evidence: string[];
  /** The same, machine-readable. */
  observed: Record<string, unknown>;
}

export interface ProbeContext {
  http: ProbeHttp;
  facts: SpecFacts;
  /** Two labels in use on the account, for the labels question. */
  labels: readonly string[];
  /** Search text for the `q` questions. */
  query: string;
}

export interface Question {
  id: string;
  question: string;
  ask(context: ProbeContext): Promise<Answer>;
}

/** A ticket ID that no account has, for the 404 question. */
const UNKNOWN_TICKET_ID = "tk_livedesk_probe_no_such_ticket";
const RATE_LIMIT_HEADER = /rate-?limit|^retry-after$/i;

const answer = (verdict: Verdict, evidence: string[], observed: Record<string, unknown> = {}): Answer => ({
  verdict,
  evidence,
  observed,
});

/** The worst verdict wins; a question half answered is answered. */
function combine(verdicts: Verdict[]): Verdict {
  for (const verdict of ["contradicted", "undocumented", "confirmed"] as const) {
    if (verdicts.includes(verdict)) {
      return verdict;
    }
  }
  return "could not tell";
}

async function list(context: ProbeContext, query = ""): Promise<{ response: ProbeResponse; page?: ContactsPage }> {
  const response = await context.http.get(`${context.facts.contactsPath}${query === "" ? "" : `?${query}`}`);
  const page = readPage(response);
  return page ? { response, page } : { response };
}

function notAPage(response: ProbeResponse): Answer {
  return answer("could not tell", [`${response.request} answered ${summary(response)}, not a page of contacts.`]);
}

/** The second page, which says whether more contacts exist; not asked for when page 1 is empty or oversized. */
async function secondPage(context: ProbeContext, first: ContactsPage): Promise<ContactsPage | undefined> {
  const size = context.facts.pageSize;
  if (first.contacts.length === 0 || (size !== undefined && first.contacts.length > size)) {
    return undefined;
  }
  return (await list(context, "page=2")).page;
}

/** What `meta.count` means without `q`, from the first two pages. */
async function countMeaning(context: ProbeContext): Promise<{ meaning?: "total" | "page size"; evidence: string }> {
  const { page: first, response } = await list(context);
  if (!first) {
    return { evidence: `${response.request} answered ${summary(response)}.` };
  }
  const onPage = first.contacts.length;
  const { count } = first;
  if (typeof count !== "number") {
    return { evidence: `meta.count is ${shown(count)}, not a number.` };
  }
  if (count > onPage) {
    return { meaning: "total", evidence: `meta.count is ${count} while page 1 holds ${onPage} contacts.` };
  }
  if (count < onPage) {
    return { evidence: `meta.count is ${count}, fewer than the ${onPage} contacts on page 1.` };
  }
  const next = onPage === 0 ? undefined : await secondPage(context, first);
  if (next && next.contacts.length > 0) {
    return {
      meaning: "page size",
      evidence: `meta.count is ${count}, the number on page 1, yet page 2 holds ${next.contacts.length} more contacts.`,
    };
  }
  return {
    evidence: `meta.count is ${count} and all ${onPage} contacts fit on page 1, so the total and the page size are the same number.`,
  };
}

const currentPage: Question = {
  id: "contacts-2",
  question: "Is meta.current_page an integer or a string, with and without page?",
  async ask(context) {
    const without = await list(context);
    const withPage = await list(context, "page=1");
    if (!without.page || !withPage.page) {
      return notAPage(without.page ? withPage.response : without.response);
    }
    const allowed = context.facts.currentPageTypes;
    const fits = (value: unknown) =>
      (allowed.includes(jsonType(value)) || (jsonType(value) === "integer" && allowed.includes("number"))) &&
      Number(value) === 1;
    const values = { withoutPage: without.page.currentPage, withPage: withPage.page.currentPage };
    return answer(
      fits(values.withoutPage) && fits(values.withPage) ? "confirmed" : "contradicted",
      [
        `Without page: current_page ${shown(values.withoutPage)}.`,
        `With page=1: current_page ${shown(values.withPage)}.`,
        `The spec allows page 1 as: ${allowed.join(" or ")}.`,
      ],
      { withoutPage: jsonType(values.withoutPage), withPage: jsonType(values.withPage), values },
    );
  },
};

const pageSize: Question = {
  id: "contacts-4",
  question: "How many contacts does a page hold, and is page_size honoured?",
  async ask(context) {
    const documented = context.facts.pageSize;
    const { page: first, response } = await list(context);
    if (!first) {
      return notAPage(response);
    }
    if (documented === undefined) {
      return answer("could not tell", ["The spec states no page size."]);
    }
    const onPage = first.contacts.length;
    const evidence = [`The spec: ${documented} per page. Page 1 holds ${onPage} contacts.`];
    const observed: Record<string, unknown> = { firstPage: onPage };
    const verdicts: Verdict[] = [];
    if (onPage > documented) {
      verdicts.push("contradicted");
    } else if (onPage > 0) {
      const next = await secondPage(context, first);
      observed.secondPage = next?.contacts.length;
      evidence.push(`Page 2 holds ${next ? next.contacts.length : "no page of"} contacts.`);
      if (next && next.contacts.length > 0) {
        observed.pageSize = onPage;
        verdicts.push(onPage === documented ? "confirmed" : "contradicted");
      } else {
        evidence.push(`The account has ${onPage} contacts: too few to see where a page ends.`);
      }
    } else {
      evidence.push("The account has no contacts.");
    }
    // page_size=10 appears in LiveDesk's own request example; it can only show an effect with more than 10 contacts.
    if (onPage > 10) {
      const sized = await list(context, "page_size=10");
      if (sized.page) {
        const honoured = sized.page.contacts.length === 10;
        observed.pageSizeParameter = honoured ? "honoured" : "ignored";
        evidence.push(
          `page_size=10: ${sized.page.contacts.length} contacts, so page_size is ${honoured ? "honoured (the spec says the page size is fixed)" : "ignored"}.`,
        );
        verdicts.push(honoured ? "contradicted" : "confirmed");
      }
    }
    return answer(combine(verdicts), evidence, observed);
  },
};

const countAndHasMore: Question = {
  id: "contacts-11",
  question: "Is meta.count the total or the page size, and is there meta.has_more with q?",
  async ask(context) {
    const { page: first, response } = await list(context);
    if (!first) {
      return notAPage(response);
    }
    const { meaning, evidence } = await countMeaning(context);
    const lines = [`Without q: ${evidence}`];
    const observed: Record<string, unknown> = { count: meaning ?? "unknown", hasMoreWithoutQ: first.hasMore };
    const search = await list(context, `q=${encodeURIComponent(context.query)}`);
    if (search.page) {
      const { count, hasMore, contacts } = search.page;
      observed.search = { count, onPage: contacts.length, hasMore };
      lines.push(
        `With q=${context.query}: meta.count ${shown(count)}, ${contacts.length} contacts on page 1, meta.has_more ${shown(hasMore)}${readSearch(count, contacts.length, hasMore)}.`,
      );
    } else {
      lines.push(`With q=${context.query}: ${search.response.request} answered ${summary(search.response)}.`);
    }
    // A count that is missing, or smaller than the page, fits neither reading: the spec requires it.
    const broken = typeof first.count !== "number" || first.count < first.contacts.length;
    const verdict = meaning === "total" ? "confirmed" : meaning === "page size" ? "contradicted" : "could not tell";
    return answer(broken ? "contradicted" : verdict, lines, observed);
  },
};

function readSearch(count: unknown, onPage: number, hasMore: unknown): string {
  if (onPage === 0) {
    return ": nothing matched, so this says nothing (pass --query with text many contacts share)";
  }
  if (typeof count === "number" && count > onPage) {
    return ": with q, count is the total";
  }
  if (count === onPage && typeof hasMore === "boolean") {
    return `: with q, count is the number on this page and has_more says whether more follow`;
  }
  return "";
}

type LabelRule = "any" | "all" | "first" | "last" | "none";

const labelsQuestion: Question = {
  id: "contacts-7",
  question: "Do labels=a,b and labels=a&labels=b match contacts with any of the labels?",
  async ask(context) {
    const [first, second] = context.labels;
    if (first === undefined || second === undefined) {
      return answer("could not tell", [
        "Name two labels that are on some of your contacts: --label <one> --label <another>.",
      ]);
    }
    const size = context.facts.pageSize;
    const { meaning } = await countMeaning(context);
    const select = async (query: string) => {
      const { page, response } = await list(context, query);
      if (!page) {
        return { request: response.request, failed: summary(response) };
      }
      // A page shorter than a full one is the last: it holds every match.
      const complete = size !== undefined && page.contacts.length < size;
      const matched = complete ? page.contacts.length : meaning === "total" ? Number(page.count) : undefined;
      return { request: response.request, ids: new Set(ids(page)), complete, matched };
    };
    const a = await select(`labels=${encodeURIComponent(first)}`);
    const b = await select(`labels=${encodeURIComponent(second)}`);
    const comma = await select(`labels=${encodeURIComponent(first)},${encodeURIComponent(second)}`);
    const repeated = await select(`labels=${encodeURIComponent(first)}&labels=${encodeURIComponent(second)}`);
    const all = [a, b, comma, repeated];
    const failed = all.find((selection) => selection.failed !== undefined);
    if (failed) {
      return answer("could not tell", [`${failed.request} answered ${failed.failed}.`]);
    }
    const evidence = all.map((selection) => `${selection.request}: ${describeSelection(selection)}.`);
    if (all.some((selection) => selection.matched === undefined)) {
      evidence.push("A selection fills more than one page and meta.count is not known to be the total.");
      return answer("could not tell", evidence);
    }
    if (a.matched === 0 || b.matched === 0) {
      evidence.push("Name two labels that are each on at least one contact.");
      return answer("could not tell", evidence);
    }
    const commaRules = labelRulesConsistentWith(comma, a, b);
    const repeatedRules = labelRulesConsistentWith(repeated, a, b);
    evidence.push(
      `labels=${first},${second} behaves as ${explainRules(commaRules)}; the spec sends several labels this way, any-match.`,
      `Repeated labels behave as ${explainRules(repeatedRules)}; the ledger says the last one wins.`,
    );
    // The spec's rules: comma-separated labels any-match (contacts-7), a repeated parameter keeps the last value.
    const judge = (found: LabelRule[], expected: LabelRule): Verdict =>
      !found.includes(expected) ? "contradicted" : found.length === 1 ? "confirmed" : "could not tell";
    const verdicts = [judge(commaRules, "any"), judge(repeatedRules, "last")];
    if (verdicts.includes("could not tell")) {
      evidence.push(`${first} and ${second} do not tell the rules apart: name two labels whose contacts differ.`);
    }
    if (!context.facts.labelsCommaSeparated) {
      evidence.push("Note: this spec does not serialise labels comma-separated (style form, explode false).");
    }
    return answer(combine(verdicts), evidence, { comma: commaRules, repeated: repeatedRules });
  },
};

interface Selection {
  ids?: Set<number>;
  complete?: boolean;
  matched?: number | undefined;
}

function describeSelection(selection: Selection): string {
  const shownIds = [...(selection.ids ?? [])].slice(0, 15).join(", ");
  return `${selection.matched ?? "unknown"} contacts${selection.complete ? "" : " (more than one page)"}${shownIds ? `: ${shownIds}` : ""}`;
}

function explainRules(rules: LabelRule[]): string {
  const names: Record<LabelRule, string> = {
    any: "any-match",
    all: "all-match",
    first: "first label only",
    last: "last label only",
    none: "no match (the labels taken as one name)",
  };
  return rules.length === 0 ? "none of the known rules" : rules.map((rule) => names[rule]).join(" or ");
}

/** Which combination rules a result fits, given what each label alone selects. */
function labelRulesConsistentWith(selection: Selection, a: Selection, b: Selection): LabelRule[] {
  const bothComplete = a.complete === true && b.complete === true;
  const union = bothComplete ? new Set([...(a.ids ?? []), ...(b.ids ?? [])]) : undefined;
  const intersection = bothComplete ? new Set([...(a.ids ?? [])].filter((id) => b.ids?.has(id))) : undefined;
  const countA = a.matched ?? 0;
  const countB = b.matched ?? 0;
  const expected: Record<LabelRule, { exact?: Set<number> | undefined; min: number; max: number }> = {
    any: { exact: union, min: Math.max(countA, countB), max: countA + countB },
    all: { exact: intersection, min: 0, max: Math.min(countA, countB) },
    first: { exact: a.complete ? a.ids : undefined, min: countA, max: countA },
    last: { exact: b.complete ? b.ids : undefined, min: countB, max: countB },
    none: { exact: new Set(), min: 0, max: 0 },
  };
  const matched = selection.matched;
  return (Object.keys(expected) as LabelRule[]).filter((rule) => {
    const { exact, min, max } = expected[rule];
    if (matched === undefined) {
      return false;
    }
    if (exact !== undefined) {
      return selection.complete ? sameSet(exact, selection.ids ?? new Set()) : matched === exact.size;
    }
    return matched >= min && matched <= max;
  });
}

function sameSet(left: Set<number>, right: Set<number>): boolean {
  return left.size === right.size && [...left].every((id) => right.has(id));
}

function withInboxes(page: ContactsPage): "all" | "none" | "some" {
  const carrying = page.contacts.filter((contact) => "contact_inboxes" in contact).length;
  return carrying === page.contacts.length ? "all" : carrying === 0 ? "none" : "some";
}

async function inboxesWith(context: ProbeContext, query: string) {
  const result = await list(context, query);
  return { ...result, carried: result.page ? withInboxes(result.page) : undefined };
}

const includeInboxesValues: Question = {
  id: "contacts-8",
  question: "Are contact_inboxes included by default, and does a value other than true/false mean false?",
  async ask(context) {
    const byDefault = await inboxesWith(context, "");
    if (!byDefault.page) {
      return notAPage(byDefault.response);
    }
    if (byDefault.page.contacts.length === 0) {
      return answer("could not tell", ["The account has no contacts."]);
    }
    const documentedDefault = context.facts.includeContactInboxesDefault;
    const evidence = [
      `Without the parameter, contact_inboxes is on ${byDefault.carried} of the contacts; the spec's default is ${JSON.stringify(documentedDefault)}.`,
    ];
    const verdicts: Verdict[] = [
      (byDefault.carried === "all") === (documentedDefault === true) ? "confirmed" : "contradicted",
    ];
    const observed: Record<string, unknown> = { byDefault: byDefault.carried };
    if (byDefault.carried === "all") {
      const one = await inboxesWith(context, "include_contact_inboxes=1");
      observed.valueOne = one.carried;
      if (one.carried === undefined) {
        evidence.push(`include_contact_inboxes=1: ${one.response.request} answered ${summary(one.response)}.`);
      } else {
        evidence.push(
          `include_contact_inboxes=1: contact_inboxes on ${one.carried} of the contacts (the ledger: any value but "true" means false).`,
        );
        verdicts.push(one.carried === "none" ? "confirmed" : "contradicted");
      }
    }
    return answer(combine(verdicts), evidence, observed);
  },
};

const includeInboxesFalse: Question = {
  id: "contacts-24",
  question: "Does include_contact_inboxes=false drop contact_inboxes?",
  async ask(context) {
    const byDefault = await inboxesWith(context, "");
    const without = await inboxesWith(context, "include_contact_inboxes=false");
    if (!byDefault.page || !without.page) {
      return notAPage(byDefault.page ? without.response : byDefault.response);
    }
    const evidence = [
      `Without the parameter: contact_inboxes on ${byDefault.carried} of ${byDefault.page.contacts.length} contacts.`,
      `include_contact_inboxes=false: contact_inboxes on ${without.carried} of ${without.page.contacts.length} contacts.`,
    ];
    const observed = { byDefault: byDefault.carried, whenFalse: without.carried };
    if (byDefault.page.contacts.length === 0 || byDefault.carried === "none") {
      evidence.push("No contact carries contact_inboxes to begin with, so there is nothing to drop.");
      return answer("could not tell", evidence, observed);
    }
    return answer(without.carried === "none" ? "confirmed" : "contradicted", evidence, observed);
  },
};

const sortDirection: Question = {
  id: "contacts-23",
  question: "Does direction=desc reverse the order, or only a - prefix on sort (sort=-created_at)?",
  async ask(context) {
    const field = "created_at";
    if (!context.facts.sortValues.includes(field)) {
      return answer("could not tell", [`The spec's sort values do not include ${field}.`]);
    }
    const ascending = await list(context, `sort=${field}&direction=asc`);
    const descending = await list(context, `sort=${field}&direction=desc`);
    const prefixed = await list(context, `sort=-${field}`);
    const failed = [ascending, descending, prefixed].find((result) => !result.page);
    if (failed || !ascending.page || !descending.page || !prefixed.page) {
      return notAPage((failed ?? ascending).response);
    }
    const orders = {
      directionAsc: orderBy(ascending.page, field),
      directionDesc: orderBy(descending.page, field),
      prefix: orderBy(prefixed.page, field),
    };
    const evidence = [
      `sort=${field}&direction=asc: ${orders.directionAsc}.`,
      `sort=${field}&direction=desc: ${orders.directionDesc}.`,
      `sort=-${field}: ${orders.prefix}. The spec's sort values ${context.facts.sortValues.includes(`-${field}`) ? "include" : "do not include"} -${field}.`,
    ];
    if (orders.directionAsc === "unknown" || orders.directionDesc === "unknown") {
      evidence.push(`Fewer than two contacts with distinct ${field} values: nothing to order.`);
      return answer("could not tell", evidence, { orders });
    }
    const directionHonoured = orders.directionAsc === "ascending" && orders.directionDesc === "descending";
    const observed = {
      direction: directionHonoured ? "honoured" : "ignored",
      prefix: orders.prefix === "descending" ? "honoured" : "ignored",
      orders,
    };
    if (!directionHonoured && orders.prefix === "descending") {
      evidence.push(`Sort descending with sort=-${field}; direction has no effect on this account.`);
    }
    return answer(directionHonoured ? "confirmed" : "contradicted", evidence, observed);
  },
};

function errorPart(response: ProbeResponse, expected: number, declared: string[]) {
  const body = response.json;
  const keys = body !== null && typeof body === "object" ? Object.keys(body) : [];
  const isJson = body !== undefined && /\bjson\b/i.test(response.contentType);
  const verdict: Verdict =
    response.status === 403
      ? "could not tell"
      : response.status === expected && isJson && declared.includes(String(expected))
        ? "confirmed"
        : "contradicted";
  return { verdict, observed: { status: response.status, bodyKeys: keys, json: isJson } };
}

const errorResponses: Question = {
  id: "general-10",
  question: "What status and body do errors have: wrong credentials (401), an unknown ticket (404), a 422?",
  async ask(context) {
    const { facts, http } = context;
    const unauthorized = await http.get(facts.contactsPath, "wrong");
    const notFound = await http.get(facts.ticketPath.replace(/\{[^}]+\}/, UNKNOWN_TICKET_ID));
    const invalid = await http.get(`${facts.contactsPath}?page=0`);
    const parts = {
      unauthorized: errorPart(unauthorized, 401, facts.declaredStatuses("listContacts")),
      notFound: errorPart(notFound, 404, facts.declaredStatuses("getTicket")),
    };
    const code =
      notFound.json !== null && typeof notFound.json === "object"
        ? (notFound.json as { code?: unknown }).code
        : undefined;
    return answer(
      combine(Object.values(parts).map((part) => part.verdict)),
      [
        `Wrong credentials, ${unauthorized.request}: ${summary(unauthorized)}. The spec declares ${facts.declaredStatuses("listContacts").join(", ")}.`,
        `Unknown ticket, ${notFound.request}: ${summary(notFound)}${notFound.status === 200 ? ` (a ticket failure in the body's code ${shown(code)}, not a 404)` : ""}. The spec declares ${facts.declaredStatuses("getTicket").join(", ")}.`,
        `A 422 needs a write request, which the probe never sends. ${invalid.request}, a page the spec forbids: ${summary(invalid)}.`,
      ],
      {
        unauthorized: parts.unauthorized.observed,
        notFound: { ...parts.notFound.observed, ...(code === undefined ? {} : { code }) },
        invalidPage: { status: invalid.status },
      },
    );
  },
};

const rateLimitHeaders: Question = {
  id: "general-11",
  question: "Does the API send rate-limit headers?",
  async ask(context) {
    const answers = await context.http.answered();
    const seen: Record<string, string> = {};
    for (const response of answers) {
      response.headers.forEach((value, name) => {
        if (RATE_LIMIT_HEADER.test(name) && !(name in seen)) {
          seen[name] = value;
        }
      });
    }
    const tooMany = context.http.sent.filter((sent) => sent.status === 429).length;
    const names = Object.keys(seen);
    const undeclared = names.filter((name) => !context.facts.declaredHeaders.includes(name));
    const evidence = [
      names.length === 0
        ? `None of the ${answers.length} answers carried a rate-limit header.`
        : `Rate-limit headers: ${names.map((name) => `${name}: ${seen[name]}`).join("; ")}.`,
      undeclared.length === 0 ? "The spec declares every header seen." : `Not in the spec: ${undeclared.join(", ")}.`,
    ];
    if (tooMany > 0) {
      evidence.push(`LiveDesk answered 429 (too many requests) ${tooMany} time(s) during the probe.`);
    }
    return answer(undeclared.length > 0 ? "undocumented" : "confirmed", evidence, {
      headers: seen,
      tooManyRequests: tooMany,
    });
  },
};

const undocumentedResponseFields: Question = {
  id: "general-8",
  question: "Do responses carry fields that the spec does not document?",
  async ask(context) {
    const { spec } = context.facts;
    const fields = new Set<string>();
    const answers = await context.http.answered();
    for (const response of answers) {
      const [method = "GET", target = "/"] = response.request.split(" ");
      const found = findOperation(spec, method, new URL(target, "http://probe").pathname);
      if (found && response.json !== undefined) {
        const schema = responseSchema(spec, found.operation, response.status);
        for (const location of undocumentedFields(spec, schema, response.json)) {
          fields.add(`${method} ${found.template} ${response.status}: ${location}`);
        }
      }
    }
    const list = [...fields];
    return answer(
      list.length > 0 ? "undocumented" : "confirmed",
      list.length > 0 ? list : [`Every field of the ${answers.length} answers is declared by the spec.`],
      { fields: list },
    );
  },
};

/** Every question, in the order they are asked: the two about all answers come last. */
export const QUESTIONS: readonly Question[] = [
  currentPage,
  pageSize,
  countAndHasMore,
  labelsQuestion,
  includeInboxesValues,
  includeInboxesFalse,
  sortDirection,
  errorResponses,
  rateLimitHeaders,
  undocumentedResponseFields,
];
