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
import { LEDGER_PARTS, openapiJsonPath, readLedgerSections } from "@livedesk/openapi";
import { Marked } from "marked";
import { FAVICON, GUIDES, page, REFERENCE_CSS } from "./site.mjs";

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
const referenceSpec = showWebhookSamples(pointLedgerLinks(spec, "ledger.html"));
buildReference(referenceSpec);
run(packageFile("typedoc", "bin/typedoc"), ["--options", "typedoc.config.mjs"]);
checkLinks();

/**
 * Splits the spec's description into the reference's part and the ledger, which gets the full width of its own page.
 * In the reference, the ledger's heading stays, with its introduction and a link per section, so that the sidebar
 * still leads there without listing every entry. Both are made from the one ledger of description.md.
 */
function splitLedger(description) {
  const ledger = readLedgerSections(description);
  const sections = ledger.sections.map(
    ({ name, entries }) =>
      `- [${name}](#section/documentation-discrepancies/${sectionAnchor(name)}): ${entries[0].id} to ${entries.at(-1).id}`,
  );
  const summary = `# Documentation discrepancies\n\n${ledger.intro}\n\nThe entries have [their own page](#section/documentation-discrepancies/top), one anchor per entry:\n\n${sections.join("\n")}\n`;
  const guides = GUIDES.map(({ slug: name, title }) => `- [${title}](guides/${name}.html)`).join("\n");
  const more = `# Guides and client reference\n\n${guides}\n- [\`@livedesk/client\` reference](client/index.html): every export of the TypeScript client, from its TSDoc.\n`;
  return {
    reference: `${description.slice(0, ledger.start)}${more}\n${summary}\n${description.slice(ledger.end)}`,
    ledger,
  };
}

/** Not the bare name: Redoc takes a link to `ledger.html#contacts` for its own route to the Contacts tag. */
function sectionAnchor(name) {
  return `ledger-${slug(name)}`;
}

/**
 * The one place where links to the ledger (`#section/documentation-discrepancies/<id>`, as Redoc would route them in
 * the spec) are pointed at the ledger page: `ledger.html#<id>` from the reference, `#<id>` on the ledger page itself.
 */
function pointLedgerLinks(document, ledgerPage) {
  const text = JSON.stringify(document).replace(
    /\]\(#section\/documentation-discrepancies\/([\w-]+)\)/g,
    (_, id) => `](${ledgerPage}#${id})`,
  );
  return JSON.parse(text);
}

/**
 * The ledger page: an index of every entry, then the sections, each entry an `<article id="<id>">` with its topic and
 * its parts side by side with their labels (stacked on a phone).
 */
function renderLedger({ intro, sections }) {
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
  const inline = (markdown) => marked.parseInline(pointLedgerLinks(markdown, ""));
  const block = (markdown) => marked.parse(pointLedgerLinks(markdown, ""));
  const index = sections.map(
    ({ name, entries }) =>
      `<li><a href="#${sectionAnchor(name)}">${name}</a><ol>${entries
        .map(
          (entry) => `<li><a href="#${entry.id}"><span class="id">${entry.id}</span> ${inline(entry.topic)}</a></li>`,
        )
        .join("")}</ol></li>`,
  );
  const body = sections.map(({ name, intro: sectionIntro, entries }) => {
    const anchor = sectionAnchor(name);
    const articles = entries.map(
      (entry) => `<article id="${entry.id}">
<h3><a class="id" href="#${entry.id}">${entry.id}</a> ${inline(entry.topic)}</h3>
<dl>${LEDGER_PARTS.map(({ label, key }) => `<dt>${label}</dt><dd>${block(entry[key])}</dd>`).join("\n")}</dl>
</article>`,
    );
    return `<section aria-labelledby="${anchor}"><h2 id="${anchor}">${name}</h2>\n${block(sectionIntro)}\n${articles.join("\n")}</section>`;
  });
  return `<div class="ledger">
<h1 id="top">Documentation discrepancies</h1>
${block(intro)}
<nav aria-label="Entries"><ol class="ledger-index">${index.join("\n")}</ol></nav>
${body.join("\n")}
</div>`;
}

/**
 * Redoc shows no x-codeSamples for webhooks, only for operations: the reference shows a webhook's samples in its
 * description instead, as fenced code blocks made from the same bundled sources.
 */
function showWebhookSamples(document) {
  const fence = { Shell: "sh", TypeScript: "ts" };
  for (const item of Object.values(document.webhooks ?? {})) {
    for (const operation of Object.values(item)) {
      const samples = operation["x-codeSamples"] ?? [];
      const blocks = samples.map(
        ({ lang, label, source }) => `**${label}**\n\n\`\`\`${fence[lang] ?? lang}\n${source.trimEnd()}\n\`\`\``,
      );
      if (blocks.length > 0) {
        operation.description = `${operation.description.trimEnd()}\n\n${blocks.join("\n\n")}\n`;
        delete operation["x-codeSamples"];
      }
    }
  }
  return document;
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
  const referenceText = JSON.stringify(referenceSpec);
  for (const [, href] of referenceText.matchAll(/\]\((ledger\.html[^)]*)\)/g)) {
    check(join(DIST, "index.html"), href);
  }
  for (const [link] of referenceText.matchAll(/\]\(#section\/documentation-discrepancies\/[^)]*\)/g)) {
    broken.push(`index.html: ${link} (a ledger link that pointLedgerLinks did not point at ledger.html)`);
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
