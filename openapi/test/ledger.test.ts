// The discrepancy ledger in description.md: stable ids that descriptions, tests and `livedesk-mock probe` refer to.
import { describe, expect, it } from "vitest";
import { readLedger, readLedgerSections } from "../index.js";
import { pointer, spec, walk } from "./spec.js";

const SECTIONS = {
  General: "general",
  Contacts: "contacts",
  Conversations: "conversations",
  Messages: "messages",
  Tickets: "tickets",
  Webhook: "webhook",
} as const;

/** Links to an entry use the id Redoc gives its heading: `### contacts-7` under `# Documentation discrepancies`. */
const LINK_PREFIX = "#section/documentation-discrepancies/";

const entries = readLedger(spec.info.description);
const ids = entries.map(({ id }) => id);

describe("the discrepancy ledger", () => {
  it("has entries in every section", () => {
    expect(new Set(entries.map(({ section }) => section))).toEqual(new Set(Object.keys(SECTIONS)));
  });

  it.each(entries)("$id: a topic, what the pages show, the decision and what would settle it", (entry) => {
    // readLedger throws on an entry that lacks a part; none may be empty either.
    for (const part of [entry.topic, entry.pagesShow, entry.decision, entry.settledBy]) {
      expect(part.trim()).not.toBe("");
    }
  });

  it("numbers each section's entries 1, 2, 3, … with the section's prefix, so that ids stay stable", () => {
    for (const [section, prefix] of Object.entries(SECTIONS)) {
      const inSection = entries.filter((entry) => entry.section === section).map(({ id }) => id);
      expect(inSection).toEqual(inSection.map((_, index) => `${prefix}-${index + 1}`));
    }
  });

  it("keeps the entries other work refers to", () => {
    // Shared with the probe of @livedesk/mock and the client (see contacts-23 for the sort direction).
    const referenced = ["general-8", "general-10", "general-11", "contacts-2", "contacts-4", "contacts-7"];
    referenced.push("contacts-8", "contacts-11", "contacts-23", "contacts-24", "contacts-25", "contacts-26");
    expect(ids).toEqual(expect.arrayContaining(referenced));
  });

  it("is the target of every link to an entry, in the form Redoc routes", () => {
    const links = walk(spec).flatMap(({ path, node }) =>
      typeof node === "string"
        ? [...node.matchAll(/\]\((#[^)\s]*)\)/g)].map((match) => ({ at: pointer(...path), href: match[1] ?? "" }))
        : [],
    );
    const toEntries = links.filter(({ href }) => href.startsWith(LINK_PREFIX));
    expect(toEntries.length).toBeGreaterThan(50);
    expect(toEntries.filter(({ href }) => !ids.includes(href.slice(LINK_PREFIX.length)))).toEqual([]);
    // Redoc answers a bare `#contacts-7` with "No page at this address".
    expect(links.filter(({ href }) => /^#[a-z]+-\d+$/.test(href))).toEqual([]);
  });
});

describe("readLedger, the one reader of the ledger's format (also used by livedesk-mock probe)", () => {
  const entry = (id: string, body: string) => `### ${id}\n\n**Topic of ${id}**\n\n${body}\n`;
  const parts = [
    "- *The pages show:* The table says `String`;\n  the examples send integers.",
    "- *Decision:* `integer`.",
    "- *What would settle it:* Answers from a real account.",
  ];
  const ledger = (...blocks: string[]) =>
    `# Intro\n\nText.\n\n# Documentation discrepancies\n\nIntro.\n\n${blocks.join("\n")}\n# After\n\n### not-an-entry\n`;

  it("reads each entry's section, topic and parts, joining a part's continued lines, and stops at the next # heading", () => {
    expect(readLedger(ledger("## Contacts\n\nAbout contacts.\n", entry("contacts-1", parts.join("\n"))))).toEqual([
      {
        id: "contacts-1",
        section: "Contacts",
        topic: "Topic of contacts-1",
        pagesShow: "The table says `String`; the examples send integers.",
        decision: "`integer`.",
        settledBy: "Answers from a real account.",
      },
    ]);
  });

  it.each([
    ["a part is missing", entry("general-1", parts.slice(0, 2).join("\n"))],
    ["the parts are out of order", entry("general-1", [parts[1], parts[0], parts[2]].join("\n"))],
    ["a part is unknown", entry("general-1", [...parts, "- *Note:* more."].join("\n"))],
    ["the topic is not in bold", `### general-1\n\nTopic\n\n${parts.join("\n")}\n`],
  ])("throws, naming the entry, when %s", (_, block) => {
    expect(() => readLedger(ledger("## General\n", block))).toThrow(/^Ledger entry general-1: /);
  });

  it("reads the ledger by section, with the introductions the docs site renders and where the ledger is", () => {
    const description = ledger(
      "## Contacts\n\nAbout contacts.\n\n",
      entry("contacts-1", parts.join("\n")),
      "## Tickets\n\nAbout tickets.\n",
      entry("tickets-1", parts.join("\n")),
    );
    const { intro, sections, start, end } = readLedgerSections(description);
    expect(intro).toBe("Intro.");
    expect(sections.map(({ name, intro: about, entries: found }) => [name, about, found.map(({ id }) => id)])).toEqual([
      ["Contacts", "About contacts.", ["contacts-1"]],
      ["Tickets", "About tickets.", ["tickets-1"]],
    ]);
    expect(description.slice(start)).toMatch(/^# Documentation discrepancies\n/);
    expect(description.slice(end)).toMatch(/^# After\n/);
    expect(readLedger(description)).toEqual(sections.flatMap(({ entries: found }) => found));
  });

  it("throws when an entry comes before the first section", () => {
    expect(() => readLedger(ledger(entry("general-1", parts.join("\n"))))).toThrow(/before the first section/);
  });

  it("throws when there is no ledger", () => {
    expect(() => readLedger("# Getting started\n")).toThrow(/no "# Documentation discrepancies" heading/);
  });
});
