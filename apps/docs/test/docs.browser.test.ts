import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DOCS = fileURLToPath(new URL("../dist/index.html", import.meta.url));
const SCREENSHOT = fileURLToPath(new URL("../dist/screenshot.png", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Only the page itself and what it builds in memory may load; anything else would leave the machine.
const LOCAL = /^(file|data|blob|about):/;

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const outboundRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
  if (!existsSync(DOCS)) {
    throw new Error(`${DOCS} is missing: run the docs build first (npm run build).`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) {
      return route.continue();
    }
    outboundRequests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(DOCS).href, { waitUntil: "load" });
  await page.getByRole("heading", { name: "EngageLab LiveDesk REST API" }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe("the API reference in Chromium", () => {
  it("shows the introduction and the documentation discrepancies", async () => {
    await expect(page.getByRole("heading", { name: "Documentation discrepancies" }).isVisible()).resolves.toBe(true);
    const ledger = await page.locator("table").filter({ hasText: "Decision" }).innerText();
    for (const topic of ["current_page", "page_size", "thumbnail", "labels", "include_contact_inboxes", "company"]) {
      expect(ledger).toContain(topic);
    }
  });

  it("opens List Contacts from the sidebar", async () => {
    const sidebar = page.locator("[data-component-name='Menu/Menu']");
    await sidebar.getByText("Contacts", { exact: true }).click();
    await sidebar.getByText("List or search contacts").click();
    await page.waitForURL(/#\/contacts\/listcontacts$/);
    await expect(operation().getByRole("heading", { name: "List or search contacts" }).isVisible()).resolves.toBe(true);
  });

  it("renders the method, path, security and every query parameter", async () => {
    const text = await operation().innerText();
    expect(text).toMatch(/GET\s*\/api\/v2\/accounts\/contacts/);
    expect(text).toContain("basic_auth");
    for (const parameter of ["q", "page", "labels", "include_contact_inboxes", "sort", "direction"]) {
      await expect(operation().getByText(parameter, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    expect(text).toContain("labels=vip,premium");
    expect(text).toContain('"last_activity_at"');
  });

  it("renders the 200, 401 and 403 responses with their meaning", async () => {
    // The samples panel opens on the 200 response and its named examples.
    await expect(operation().innerText()).resolves.toContain("List Contact page example");
    const meanings = {
      "200": "One page of contacts",
      "401": "Token is invalid or missing",
      "403": "Insufficient permissions",
    };
    for (const [status, meaning] of Object.entries(meanings)) {
      await operation().getByRole("button", { name: status, exact: true }).first().click();
      await expect(operation().getByText(meaning).first().isVisible()).resolves.toBe(true);
    }
    await page.screenshot({ path: SCREENSHOT });
  });

  it("logs no console errors and sends no request off the machine", () => {
    expect(consoleErrors).toEqual([]);
    expect(outboundRequests).toEqual([]);
  });
});

function operation() {
  return page.locator("[id='contacts/listcontacts']");
}
