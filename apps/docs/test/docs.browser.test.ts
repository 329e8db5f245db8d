import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import sirv from "sirv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
/** Screenshots go beside the build output, not into dist/, which the build owns and turbo caches. */
const SCREENSHOTS = fileURLToPath(new URL("../test-output/screenshots", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, mobile: { width: 390, height: 844 } };

interface Operation {
  operationId: string;
  summary: string;
  tags: [string];
  "x-codeSamples": { label: string; source: string }[];
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@livedesk/openapi/openapi.json"), "utf8"),
) as { paths: Record<string, Record<string, Operation>>; webhooks: Record<string, Record<string, Operation>> };
/** Every operation and webhook, with the text Redoc shows for its method and path. */
const operations = [...Object.entries(spec.paths), ...Object.entries(spec.webhooks)].flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, operation]) => typeof operation === "object" && "operationId" in operation)
    .map(([method, operation]) => ({
      ...operation,
      method: method.toUpperCase(),
      path,
      webhook: Object.hasOwn(spec.webhooks, path),
    })),
);

let server: Server;
let origin: string;
let browser: Browser;
const consoleErrors: string[] = [];
const outboundRequests: string[] = [];
const failedResponses: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
  if (!existsSync(`${DIST}/index.html`)) {
    throw new Error(`${DIST}/index.html is missing: run the docs build first (npm run build).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Served over HTTP as a user would, so that a request for a missing file (a favicon) shows as a 404.
  server = createServer(sirv(DIST, { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  // Over the whole run, whatever each test did.
  expect(consoleErrors).toEqual([]);
  expect(outboundRequests).toEqual([]);
  expect(failedResponses).toEqual([]);
});

/** A fresh page at `path`, watched for console errors, requests off the machine and failed answers. */
async function open(path: string, viewport: keyof typeof VIEWPORTS = "desktop"): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push(`${path}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(`${path}: ${error}`));
  page.on("response", (response) => {
    if (response.status() >= 400) {
      failedResponses.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || /^(data|blob|about):/.test(url)) {
      return route.continue();
    }
    outboundRequests.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/${path}`);
  return page;
}

/** Code as a reader compares it: whitespace (wrapping, indentation) aside. */
function oneLine(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

async function openOperation(page: Page, tag: string, operationId: string, summary: string) {
  const section = page.locator(`[id='${tag.toLowerCase()}/${operationId.toLowerCase()}']`);
  // Redoc renders the operation after the page loads: wait for its heading.
  await section.getByRole("heading", { name: summary }).first().waitFor();
  return section;
}

describe("the API reference in Chromium", () => {
  it("shows Getting started with its code whole, and links to the guides and the client reference", async () => {
    const page = await open("index.html#section/getting-started");
    await page.getByRole("heading", { name: "Getting started" }).waitFor();
    const curl = page.locator("pre").filter({ hasText: "curl -G -u" }).first();
    // Nothing is cut off: the block is as wide as its content, wrapped rather than scrolled.
    expect(await curl.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    for (const name of ["Export every contact", "@livedesk/client reference"]) {
      await expect(page.getByRole("link", { name }).count()).resolves.toBeGreaterThan(0);
    }
  });

  it.each(operations.filter(({ webhook }) => !webhook))(
    "shows $summary ($operationId) with its method, path, and its curl and TypeScript samples",
    async ({ operationId, summary, tags, method, path, "x-codeSamples": samples }) => {
      const page = await open(`index.html#/${tags[0].toLowerCase()}/${operationId.toLowerCase()}`);
      const section = await openOperation(page, tags[0], operationId, summary);
      const text = await section.innerText();
      expect(text).toContain(method);
      expect(text).toContain(path);
      const panel = section.locator(".panel-request-samples");
      // The language picker: a menu button naming the language shown.
      const picker = panel.getByRole("button", { name: /^(curl|TypeScript.*|Payload)$/ });
      if ((await picker.count()) === 0) {
        throw new Error(`Redoc shows no code samples for ${operationId}: no language picker in its samples panel.`);
      }
      expect(samples.map(({ label }) => label)).toEqual(expect.arrayContaining(["curl", "TypeScript"]));
      for (const { label, source } of samples) {
        await picker.click();
        await page.getByRole("menuitem", { name: label, exact: true }).click();
        await expect(picker.innerText()).resolves.toBe(label);
        const shown = await panel.locator("pre").first().innerText();
        expect(oneLine(shown)).toBe(oneLine(source));
      }
    },
  );

  // Redoc has no samples panel for webhooks: the build puts their samples into the description.
  it.each(operations.filter(({ webhook }) => webhook))(
    "shows the webhook $summary ($operationId) with its curl and TypeScript samples in its description",
    async ({ operationId, summary, tags, "x-codeSamples": samples }) => {
      const page = await open(`index.html#/${tags[0].toLowerCase()}/${operationId.toLowerCase()}`);
      const section = await openOperation(page, tags[0], operationId, summary);
      expect(samples.map(({ label }) => label)).toEqual(expect.arrayContaining(["curl", "TypeScript"]));
      for (const { label, source } of samples) {
        await expect(section.getByText(label, { exact: true }).first().isVisible()).resolves.toBe(true);
        const blocks = (await section.locator("pre").allInnerTexts()).map(oneLine);
        expect(blocks).toContain(oneLine(source));
      }
      await page.screenshot({ path: `${SCREENSHOTS}/webhook-${operationId}-desktop.png` });
    },
  );

  it("opens the ledger row a field's description links to", async () => {
    const page = await open("index.html#/contacts/listcontacts");
    const section = await openOperation(page, "Contacts", "listContacts", "List or search contacts");
    const link = section.locator("a[href*='ledger.html#']").first();
    if ((await link.count()) === 0) {
      throw new Error("ledger links missing: no field of List Contacts links to a ledger entry.");
    }
    const href = (await link.getAttribute("href")) ?? "";
    await link.click();
    await page.waitForURL(/ledger\.html#/);
    const row = page.locator(`[id='${href.split("#")[1]}']`);
    await expect(row.isVisible()).resolves.toBe(true);
  });

  it("saves desktop and mobile screenshots of List Contacts with its samples", async () => {
    for (const viewport of ["desktop", "mobile"] as const) {
      const page = await open("index.html#/contacts/listcontacts", viewport);
      const section = await openOperation(page, "Contacts", "listContacts", "List or search contacts");
      // Beside the operation on a desktop, below its parameters on a phone: show the samples either way.
      const samples = section.locator(".panel-request-samples pre").first();
      await samples.waitFor();
      // Nothing cut off: the samples wrap rather than hide their ends.
      expect(await samples.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await (viewport === "desktop" ? section : samples).evaluate((element) => element.scrollIntoView());
      await page.screenshot({ path: `${SCREENSHOTS}/reference-${viewport}.png` });
    }
  });
});

describe("the ledger page", () => {
  it.each(["desktop", "mobile"] as const)("keeps code unbroken and everything in view (%s)", async (viewport) => {
    const page = await open("ledger.html#contacts-7", viewport);
    const entry = page.locator("[id='contacts-7']");
    await expect(entry.isVisible()).resolves.toBe(true);
    await expect(entry.innerText()).resolves.toContain("labels=vip,premium");
    // No horizontal scrolling, and no inline code broken inside a word.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const broken = await page
      .locator(".ledger code")
      .evaluateAll(
        (codes) => codes.filter((code) => code.getClientRects().length > 1 && !code.textContent?.includes(" ")).length,
      );
    expect(broken).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/ledger-${viewport}.png` });
  });

  it("has an anchor for every entry, named after its section and number, and an index that leads there", async () => {
    const page = await open("ledger.html");
    const ids = await page.locator(".ledger article").evaluateAll((entries) => entries.map((entry) => entry.id));
    expect(ids.length).toBeGreaterThan(60);
    expect(ids.every((id) => /^(general|contacts|conversations|messages|tickets|webhook)-\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const referenced = [
      "general-8",
      "general-10",
      "general-11",
      "contacts-2",
      "contacts-4",
      "contacts-7",
      "contacts-23",
    ];
    expect(ids).toEqual(expect.arrayContaining(referenced));
    const index = await page
      .locator("nav .ledger-index a[href^='#']")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")?.slice(1)));
    expect(index).toEqual(expect.arrayContaining(ids));
  });

  it("is where the reference's Documentation discrepancies section leads, without listing the entries there", async () => {
    const page = await open("index.html#section/documentation-discrepancies");
    // Redoc renders the description's headings with their route as id.
    await page.locator("[id='section/documentation-discrepancies']").waitFor();
    // No entry of the ledger is a section of the reference (nor of its sidebar).
    await expect(page.locator("[id^='section/documentation-discrepancies/']").count()).resolves.toBe(0);
    await page.locator("a[href='ledger.html#ledger-contacts']").click();
    await page.waitForURL(/ledger\.html#ledger-contacts$/);
    await expect(page.getByRole("heading", { name: "Contacts", level: 2 }).isVisible()).resolves.toBe(true);
  });
});

describe("guides and the client reference", () => {
  it("opens a guide from the guides index, with its code", async () => {
    const page = await open("guides/index.html");
    await page.getByRole("link", { name: "Export every contact" }).click();
    await page.getByRole("heading", { name: "Export every contact" }).waitFor();
    await expect(page.locator("pre code").first().innerText()).resolves.toContain("listAll");
    await page.screenshot({ path: `${SCREENSHOTS}/guide-desktop.png` });
  });

  it("shows a guide's code whole on a phone", async () => {
    const page = await open("guides/export-contacts.html", "mobile");
    await page.getByRole("heading", { name: "Export every contact" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Code wraps instead of hiding its ends behind a scroll bar.
    const hidden = await page
      .locator("pre")
      .evaluateAll((blocks) =>
        blocks.filter((block) => block.scrollWidth > block.clientWidth).map((block) => block.textContent?.slice(0, 40)),
      );
    expect(hidden).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/guide-mobile.png` });
  });

  it("opens the client reference of createLiveDeskClient", async () => {
    const page = await open("client/index.html");
    await page.getByRole("link", { name: "createLiveDeskClient" }).first().click();
    await page
      .getByRole("heading", { name: /createLiveDeskClient/ })
      .first()
      .waitFor();
    await expect(page.locator("body").innerText()).resolves.toContain("LiveDeskClientOptions");
  });
});
