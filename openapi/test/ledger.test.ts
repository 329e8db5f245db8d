// The discrepancy ledger in description.md: stable ids that descriptions, tests and `livedesk-mock probe` refer to.
import { describe, expect, it } from "vitest";
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
const PARTS = ["The pages show", "Decision", "What would settle it"];

interface Entry {
  section: string;
  id: string;
  text: string;
}

/** The entries of the ledger: each `### id` heading with the text up to the next heading, and its `##` section. */
function ledgerEntries(markdown: string): Entry[] {
  const ledger = markdown.slice(markdown.indexOf("# Documentation discrepancies"));
  const entries: Entry[] = [];
  let section = "";
  for (const block of ledger.split(/^(?=#{2,3} )/m)) {
    const [heading = "", ...rest] = block.split("\n");
    section = /^## (.+)$/.exec(heading)?.[1] ?? section;
    const id = /^### (.+)$/.exec(heading)?.[1];
    if (id !== undefined) {
      entries.push({ section, id, text: rest.join("\n") });
    }
  }
  return entries;
}

const entries = ledgerEntries(spec.info.description);
const ids = entries.map(({ id }) => id);

describe("the discrepancy ledger", () => {
  it("has entries in every section", () => {
    expect(new Set(entries.map(({ section }) => section))).toEqual(new Set(Object.keys(SECTIONS)));
  });

  it.each(entries)("$id: a topic, what the pages show, the decision and what would settle it", ({ text }) => {
    expect(text).toMatch(/^\n\*\*[^*]+\*\*\n/);
    const parts = [...text.matchAll(/^- \*([^*]+):\* \S/gm)].map((match) => match[1]);
    expect(parts).toEqual(PARTS);
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
