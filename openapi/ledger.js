// The one reader of the discrepancy ledger's format (see "Documentation discrepancies" in description.md), shared by
// this package's tests, `livedesk-mock probe`, the docs site and anyone who reads the ledger from the bundled document.

const LEDGER_HEADING = "# Documentation discrepancies";

/** @type {import("./index.js").LedgerPart[]} */
export const LEDGER_PARTS = [
  { label: "The pages show", key: "pagesShow" },
  { label: "Decision", key: "decision" },
  { label: "What would settle it", key: "settledBy" },
];

/**
 * @param {string} description
 * @returns {import("./index.js").LedgerEntry[]}
 */
export function readLedger(description) {
  return readLedgerSections(description).sections.flatMap(({ entries }) => entries);
}

/**
 * @param {string} description
 * @returns {import("./index.js").Ledger}
 */
export function readLedgerSections(description) {
  const start = description.search(new RegExp(`^${LEDGER_HEADING}$`, "m"));
  if (start === -1) {
    throw new Error(`The description has no "${LEDGER_HEADING}" heading, so no ledger.`);
  }
  const bodyStart = start + LEDGER_HEADING.length;
  const next = description.slice(bodyStart).search(/^# /m);
  const end = next === -1 ? description.length : bodyStart + next;
  const [intro = "", ...sectionTexts] = description.slice(bodyStart, end).split(/^(?=## )/m);
  if (/^### /m.test(intro)) {
    throw new Error('A ledger entry comes before the first section ("## <name>"): every entry belongs to a section.');
  }
  const sections = sectionTexts.map((sectionText) => {
    const [head = "", ...entryTexts] = sectionText.split(/^(?=### )/m);
    const [heading = "", ...sectionIntro] = head.split("\n");
    const name = heading.slice("## ".length).trim();
    const entries = entryTexts.map((entryText) => {
      const [entryHeading = "", ...lines] = entryText.split("\n");
      return readEntry(name, entryHeading.slice("### ".length).trim(), lines.join("\n"));
    });
    return { name, intro: sectionIntro.join("\n").trim(), entries };
  });
  return { intro: intro.trim(), sections, start, end };
}

/**
 * An entry: a blank line, its topic in bold, a blank line, then the three parts as list items
 * (`- *Decision:* …`), each continued on lines indented by two spaces.
 * @returns {import("./index.js").LedgerEntry}
 */
function readEntry(section, id, text) {
  const fail = (problem) => {
    throw new Error(`Ledger entry ${id}: ${problem}`);
  };
  const topic = /^\n\*\*([^*]+)\*\*\n\n/.exec(text)?.[1];
  if (topic === undefined) {
    fail("the line after its heading and a blank line must be its topic in bold (**Topic**), then a blank line.");
  }
  const items = text
    .slice(`\n**${topic}**\n\n`.length)
    .trimEnd()
    .split(/\n(?=- )/);
  const labels = items.map((item) => /^- \*([^*]+):\* \S/.exec(item)?.[1]);
  const expected = LEDGER_PARTS.map(({ label }) => label);
  if (labels.length !== expected.length || labels.some((label, index) => label !== expected[index])) {
    fail(`its parts must be exactly ${expected.map((label) => `"- *${label}:* …"`).join(", ")}, in this order.`);
  }
  const parts = Object.fromEntries(
    items.map((item, index) => [LEDGER_PARTS[index].key, item.replace(/^- \*[^*]+:\* /, "").replace(/\n +/g, " ")]),
  );
  return { id, section, topic, ...parts };
}
