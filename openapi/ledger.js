// The one reader of the discrepancy ledger's format (see "Documentation discrepancies" in description.md), shared by
// this package's tests, `livedesk-mock probe` and anyone who reads the ledger from the bundled document.

const LEDGER_HEADING = "# Documentation discrepancies";

/** The parts of an entry, in their order, by the label the ledger writes before each. */
const PARTS = [
  ["The pages show", "pagesShow"],
  ["Decision", "decision"],
  ["What would settle it", "settledBy"],
];

/**
 * @param {string} description
 * @returns {import("./index.js").LedgerEntry[]}
 */
export function readLedger(description) {
  const start = description.search(new RegExp(`^${LEDGER_HEADING}$`, "m"));
  if (start === -1) {
    throw new Error(`The description has no "${LEDGER_HEADING}" heading, so no ledger.`);
  }
  const rest = description.slice(start + LEDGER_HEADING.length);
  const next = rest.search(/^# /m);
  const ledger = next === -1 ? rest : rest.slice(0, next);
  const entries = [];
  let section = "";
  for (const block of ledger.split(/^(?=#{2,3} )/m)) {
    const [heading = "", ...lines] = block.split("\n");
    section = /^## (.+)$/.exec(heading)?.[1]?.trim() ?? section;
    const id = /^### (.+)$/.exec(heading)?.[1]?.trim();
    if (id !== undefined) {
      entries.push(readEntry(section, id, lines.join("\n")));
    }
  }
  return entries;
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
  const expected = PARTS.map(([label]) => label);
  if (labels.length !== expected.length || labels.some((label, index) => label !== expected[index])) {
    fail(`its parts must be exactly ${expected.map((label) => `"- *${label}:* …"`).join(", ")}, in this order.`);
  }
  const parts = Object.fromEntries(
    items.map((item, index) => [PARTS[index][1], item.replace(/^- \*[^*]+:\* /, "").replace(/\n +/g, " ")]),
  );
  return { id, section, topic, ...parts };
}
