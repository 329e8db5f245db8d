// What the pages of the docs site share: the guides, the ledger's anchors, the favicon, the layout and its CSS.
import { readFileSync } from "node:fs";

/** The guides, in reading order; each is guides/<slug>.md. */
export const GUIDES = [
  {
    slug: "export-contacts",
    title: "Export every contact",
    summary: "pagination, concurrency, and resuming an export that failed half-way.",
  },
  {
    slug: "errors-retries-timeouts",
    title: "Errors, retries and timeouts",
    summary: "what the client retries, how long it waits, and the error class for each failure.",
  },
  { slug: "webhooks", title: "Receive webhooks", summary: "parse and answer LiveDesk's conversation_created event." },
  {
    slug: "contract-testing",
    title: "Contract-test your integration",
    summary: "the LiveDesk simulator of @livedesk/mock in-process, with MSW, or over HTTP.",
  },
  {
    slug: "probe",
    title: "Check your account with the probe",
    summary: "which of the spec's open questions your account answers, and how.",
  },
];

/** The site's icon, inline, so that no page asks the server for /favicon.ico. */
export const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  readFileSync(new URL("../assets/favicon.svg", import.meta.url), "utf8").trim(),
)}`;

/** Redoc's reference: code blocks and samples wrap (at spaces where they can) instead of hiding their ends. */
export const REFERENCE_CSS = `
#redoc pre, #redoc pre code { white-space: pre-wrap; overflow-wrap: break-word; }
`;

const CSS = `
:root { color-scheme: light; --text: #1c2024; --muted: #5c6670; --line: #dfe3e8; --accent: #1f6feb; --code: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); }
header { border-bottom: 1px solid var(--line); padding: 12px 24px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
header .brand { font-weight: 600; color: var(--text); text-decoration: none; margin-right: auto; }
header a { color: var(--accent); text-decoration: none; }
header a[aria-current] { color: var(--text); font-weight: 600; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
main.prose { max-width: 860px; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0.5em 0; }
h2 { margin-top: 2em; }
a { color: var(--accent); }
code { font: 0.875em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: 4px; padding: 0.1em 0.3em; }
pre { background: var(--code); border-radius: 6px; padding: 12px 16px; white-space: pre-wrap; overflow-wrap: break-word; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 15px; }
th, td { border-top: 1px solid var(--line); padding: 10px 12px; text-align: left; vertical-align: top; }
thead th { border-top: 0; color: var(--muted); font-weight: 600; }
.ledger { max-width: 1040px; }
.ledger code span { white-space: nowrap; }
.ledger .id { font: 600 0.875em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.ledger-index { columns: 3 240px; column-gap: 32px; padding: 0; margin: 1.5em 0; list-style: none; font-size: 14px; }
.ledger-index > li { break-inside: avoid; margin-bottom: 1em; }
.ledger-index > li > a { font-weight: 600; }
.ledger-index ol { list-style: none; padding: 0; margin: 0.25em 0 0; }
.ledger-index ol a { color: var(--text); text-decoration: none; }
.ledger-index ol a:hover { color: var(--accent); }
.ledger article { border-top: 1px solid var(--line); padding: 16px 12px; scroll-margin-top: 8px; }
.ledger article:target { background: #fff8c5; }
.ledger h3 { font-size: 1.125rem; margin: 0 0 8px; }
.ledger h3 a.id { text-decoration: none; margin-right: 8px; }
.ledger dl { display: grid; grid-template-columns: 10.5rem 1fr; gap: 6px 24px; margin: 0; }
.ledger dt { color: var(--muted); font-weight: 600; font-size: 14px; line-height: 1.6rem; }
.ledger dd { margin: 0; }
.ledger dd p { margin: 0; }
@media (max-width: 720px) {
  header, main { padding: 12px 16px; }
  .ledger article { padding: 16px 0; }
  .ledger dl { grid-template-columns: 1fr; gap: 0; }
  .ledger dd { margin-bottom: 10px; }
}
`;

/**
 * A page of the site: the shared header and CSS around `body`. `depth` is the page's folder depth below dist/,
 * `section` the header link it belongs to.
 */
export function page({ title, depth, section, body }) {
  const root = "../".repeat(depth);
  const nav = [
    ["API reference", `${root}index.html`],
    ["Guides", `${root}guides/index.html`],
    ["Client reference", `${root}client/index.html`],
    ["Discrepancies", `${root}ledger.html`],
  ]
    .map(([label, href]) => `<a href="${href}"${label === section ? ' aria-current="page"' : ""}>${label}</a>`)
    .join("\n    ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · LiveDesk API docs</title>
  <link rel="icon" href="${FAVICON}">
  <style>${CSS}</style>
</head>
<body>
  <header>
    <a class="brand" href="${root}index.html">LiveDesk API docs</a>
    ${nav}
  </header>
  <main${section === "Discrepancies" ? "" : ' class="prose"'}>
${body}
  </main>
</body>
</html>
`;
}
