// Builds the docs site into dist/, one folder that works offline from file:// or any static server:
//   index.html       the Redoc API reference, with the code samples of the spec (x-codeSamples)
//   ledger.html      the documentation discrepancies, from the spec's description, one anchor per row
//   guides/*.html    the guides, from guides/*.md
//   client/          the TypeDoc reference of @livedesk/client
// It fails on a broken link between these pages, and TypeDoc fails on an undocumented export or a broken {@link}.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { openapiJsonPath } from "@livedesk/openapi";
import { Marked } from "marked";
import { FAVICON, GUIDES, LEDGER_ID, ledgerLink, page, REFERENCE_CSS } from "./site.mjs";

const APP = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(APP, "dist");
const require = createRequire(import.meta.url);

rmSync(DIST, { recursive: true, force: true });
mkdirSync(join(DIST, "guides"), { recursive: true });

const spec = JSON.parse(readFileSync(openapiJsonPath, "utf8"));
const { reference, ledger } = splitLedger(spec.info.description);
spec.info.description = reference;
const pages = {
  "ledger.html": page({
    title: "Documentation discrepancies",
    depth: 0,
    section: "Discrepancies",
    body: renderLedger(ledger),
  }),
  "guides/index.html": page({ title: "Guides", depth: 1, section: "Guides", body: renderGuideIndex() }),
};
for (const guide of GUIDES) {
  const markdown = readFileSync(join(APP, "guides", `${guide.slug}.md`), "utf8");
  pages[`guides/${guide.slug}.html`] = page({
    title: guide.title,
    depth: 1,
    section: "Guides",
    body: new Marked().parse(markdown),
  });
}
for (const [file, html] of Object.entries(pages)) {
  writeFileSync(join(DIST, file), html);
}
buildReference(rewriteLedgerLinks(spec));
run(packageFile("typedoc", "bin/typedoc"), ["--options", "typedoc.config.mjs"]);
checkLinks();

/**
 * The reference keeps the ledger's heading and introduction, with links to the ledger page, so that the sidebar
 * still leads there; the tables themselves get the full width of their own page.
 */
function splitLedger(description) {
  const start = description.indexOf("\n# Documentation discrepancies\n");
  if (start === -1) {
    throw new Error("The spec's description has no '# Documentation discrepancies' section; update scripts/build.mjs.");
  }
  const next = description.indexOf("\n# ", start + 1);
  const ledger = description.slice(start, next === -1 ? undefined : next);
  const sections = [...ledger.matchAll(/^## (.+)$/gm)].map(([, name]) => `[${name}](${ledgerLink(slug(name))})`);
  const intro = ledger.slice(0, ledger.indexOf("\n## ")).trim();
  const summary = `${intro}\n\nThe ledger has [its own page](ledger.html), one anchor per row: ${sections.join(", ")}.`;
  const guides = GUIDES.map(({ slug: name, title }) => `- [${title}](guides/${name}.html)`).join("\n");
  const more = `# Guides and client reference\n\n${guides}\n- [\`@livedesk/client\` reference](client/index.html): every export of the TypeScript client, from its TSDoc.\n`;
  return {
    reference: `${description.slice(0, start)}\n${more}\n${summary}\n${next === -1 ? "" : description.slice(next)}`,
    ledger,
  };
}

/** Links from descriptions to a ledger row (`#contacts-7`) or section go to the ledger page. */
function rewriteLedgerLinks(document) {
  const text = JSON.stringify(document)
    .replace(
      new RegExp(`(\\]\\(|href=\\\\")#(${LEDGER_ID.source})`, "g"),
      (_, before, id) => `${before}${ledgerLink(id)}`,
    )
    .replace(/(\]\(|href=\\")#section\/documentation-discrepancies(?:\/([a-z-]+))?/g, (_, before, section) =>
      section ? `${before}${ledgerLink(section)}` : `${before}ledger.html`,
    );
  return JSON.parse(text);
}

/**
 * The ledger's tables with a stable anchor per row: the row's own `id` if its first cell has one, otherwise
 * `<section>-<number>` (`contacts-7`), the ids that descriptions, tests and the probe use.
 */
function renderLedger(markdown) {
  // Inline code may wrap at its spaces, never inside a word (browsers would break `livedesk-api` after the hyphen).
  const marked = new Marked({
    renderer: {
      codespan: ({ text }) =>
        `<code>${text
          .split(" ")
          .map((word) => `<span>${word}</span>`)
          .join(" ")}</code>`,
    },
  });
  let section = "";
  const html = [];
  for (const token of marked.lexer(markdown)) {
    if (token.type === "heading") {
      section = slug(token.text);
      html.push(
        `<h${token.depth} id="${token.depth === 1 ? "top" : section}">${marked.parseInline(token.text)}</h${token.depth}>`,
      );
    } else if (token.type === "table") {
      html.push(ledgerTable(marked, section, token));
    } else {
      html.push(marked.parser([token]));
    }
  }
  return `<div class="ledger">${html.join("\n")}</div>`;
}

function ledgerTable(marked, section, table) {
  const cell = (c) => marked.parseInline(c.text);
  const head = table.header.map((c) => `<th scope="col">${cell(c)}</th>`).join("");
  const rows = table.rows.map((cells) => {
    const [first, ...rest] = cells;
    const explicit = /\bid="([^"]+)"/.exec(first?.text ?? "")?.[1];
    const id = explicit ?? `${section}-${(first?.text ?? "").trim()}`;
    const label = explicit ? cell(first) : `<a href="#${id}">${id}</a>`;
    const labels = table.header.slice(1).map((c) => c.text);
    const body = rest.map((c, index) => `<td data-label="${labels[index]}">${cell(c)}</td>`).join("");
    return `<tr${explicit ? "" : ` id="${id}"`}><th scope="row">${label}</th>${body}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function renderGuideIndex() {
  const items = GUIDES.map(
    ({ slug: name, title, summary }) => `<li><a href="${name}.html">${title}</a>: ${summary}</li>`,
  );
  return `<h1>Guides</h1>\n<p>Each guide's code is type-checked and run against the LiveDesk simulator of <code>@livedesk/mock</code> in the project's tests.</p>\n<ul>${items.join("\n")}</ul>`;
}

function buildReference(document) {
  const work = mkdtempSync(join(tmpdir(), "livedesk-docs-"));
  try {
    const specFile = join(work, "openapi.json");
    const template = join(work, "reference.hbs");
    writeFileSync(specFile, JSON.stringify(document));
    writeFileSync(
      template,
      `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>{{title}}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="${FAVICON}">
  <style>body { padding: 0; margin: 0; }\n${REFERENCE_CSS}</style>
  {{{redocHead}}}
</head>
<body>
  {{{redocHTML}}}
</body>
</html>
`,
    );
    const output = join(DIST, "index.html");
    run(packageFile("@redocly/cli", "bin/cli.js"), [
      "build-docs",
      specFile,
      "--config",
      join(APP, "..", "..", "redocly.yaml"),
      "--inlineBundle",
      "--title",
      "LiveDesk API reference",
      "--template",
      template,
      "-o",
      output,
    ]);
    writeFileSync(output, inlineRedocLogo(readFileSync(output, "utf8")));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Redoc's inline bundle still loads its sidebar badge logo from a CDN, which fails offline and leaks a request.
// Swap it for an inline SVG with the same attribution. Fails loudly if Redoc stops shipping those URLs.
function inlineRedocLogo(html) {
  const logo = `data:image/svg+xml,${encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="16"><text x="0" y="12" font-family="system-ui,sans-serif" font-size="11" fill="#8b8b8b">Redocly</text></svg>',
  )}`;
  let result = html;
  for (const url of ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"]) {
    if (!result.includes(url)) {
      throw new Error(
        `${url} not found in the reference: Redoc changed how it loads its logo; update scripts/build.mjs.`,
      );
    }
    result = result.replaceAll(url, logo);
  }
  return result;
}

/** Every relative link of the generated pages, and every ledger link of the reference, leads somewhere. */
function checkLinks() {
  const broken = [];
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const html = existsSync(file) ? readFileSync(file, "utf8") : "";
      ids.set(file, new Set([...html.matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id)));
    }
    return ids.get(file);
  };
  const check = (from, href) => {
    if (/^([a-z]+:|\/\/)/i.test(href) || href.startsWith("#/")) {
      return; // external, or a Redoc route checked by the browser test
    }
    const [path, fragment] = href.split("#");
    const target = path ? join(dirname(from), decodeURIComponent(path)) : from;
    if (!existsSync(target)) {
      broken.push(`${relative(DIST, from)}: ${href} (no such file)`);
    } else if (fragment && target.endsWith(".html") && !target.endsWith("index.html") && !idsOf(target).has(fragment)) {
      broken.push(`${relative(DIST, from)}: ${href} (no such anchor)`);
    }
  };
  for (const file of Object.keys(pages).map((name) => join(DIST, name))) {
    for (const [, href] of readFileSync(file, "utf8").matchAll(/\bhref="([^"]+)"/g)) {
      check(file, href.replaceAll("&amp;", "&"));
    }
  }
  for (const [, href] of JSON.stringify(rewriteLedgerLinks(spec)).matchAll(/\]\((ledger\.html[^)]*)\)/g)) {
    check(join(DIST, "index.html"), href);
  }
  if (broken.length > 0) {
    throw new Error(`Broken links in the docs:\n  ${broken.join("\n  ")}`);
  }
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function packageFile(name, path) {
  return join(dirname(require.resolve(`${name}/package.json`)), path);
}

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: APP, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`${relative(APP, script)} ${args[0]} failed (exit ${result.status ?? result.signal}).`);
  }
}
