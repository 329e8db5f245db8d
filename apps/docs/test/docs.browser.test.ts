import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DOCS = fileURLToPath(new URL("../dist/index.html", import.meta.url));
const SCREENSHOT = fileURLToPath(new URL("../dist/screenshot.png", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Only the page itself and what it builds in memory may load; anything else would leave the machine.
const LOCAL = /^(file|data|blob|about):/;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
interface Operation {
  operationId: string;
  summary: string;
  tags: [string];
  responses?: Record<string, unknown>;
}
interface PathItem {
  [method: string]: Operation;
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@livedesk/openapi/openapi.json"), "utf8"),
) as {
  paths: Record<string, PathItem>;
  webhooks: Record<string, PathItem>;
};
/** Every operation and webhook of the spec, with the text Redoc shows for its method and path. */
const operations = [
  ...Object.entries(spec.paths).flatMap(([path, item]) => operationsOf(item, path)),
  ...Object.entries(spec.webhooks).flatMap(([name, item]) => operationsOf(item, name)),
];
function operationsOf(item: PathItem, path: string) {
  return Object.entries(item)
    .filter(([method]) => HTTP_METHODS.includes(method)) // not path-level fields such as `parameters`
    .map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path }));
}
/** The discrepancy ledger: each sub-section's anchor and topics its entries must name. */
const LEDGER = {
  general: ["/api/v2", "Bearer", "PATCH", "NumericId", "non-zero", "date-time", "legacy"],
  contacts: ["current_page", "page_size", "thumbnail", "labels", "include_contact_inboxes", "company", "avatar_url"],
  conversations: ["source_id", "anyOf", "snoozed", "snoozed_until", "sender_type", "AI-Replying"],
  messages: ["in_reply_to", "message_type", "Text Request"],
  tickets: ["normal", "assignment_team", "followers", "tags", "/upload", "status_changes"],
  webhook: ["1768967324.268219", "date-time", "signature"],
};

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
  it("shows Getting started, with a first request and links to the packages", async () => {
    await expect(page.getByRole("heading", { name: "Getting started" }).isVisible()).resolves.toBe(true);
    const body = await page.locator("body").innerText();
    expect(body).toContain('curl -u "$LIVEDESK_API_KEY:$LIVEDESK_API_SECRET"');
    expect(body).toContain("npx livedesk-mock");
    for (const name of ["@livedesk/client", "@livedesk/mock", "@livedesk/openapi"]) {
      await expect(page.getByRole("link", { name }).count()).resolves.toBeGreaterThan(0);
    }
  });

  it("shows the introduction and every section of the documentation discrepancies", async () => {
    await expect(page.getByRole("heading", { name: "Documentation discrepancies" }).isVisible()).resolves.toBe(true);
    // Each entry is a heading named by its id (`contacts-7`); Redoc wraps the heading and the entry's text together.
    const entries = await page.evaluate((prefix) => {
      const texts: Record<string, string> = {};
      for (const heading of document.querySelectorAll(`h3[id^='${prefix}']`)) {
        texts[heading.id.slice(prefix.length)] = heading.parentElement?.parentElement?.textContent ?? "";
      }
      return texts;
    }, "section/documentation-discrepancies/");
    for (const [section, topics] of Object.entries(LEDGER)) {
      const heading = page.locator(`[id='section/documentation-discrepancies/${section}']`);
      await expect(heading.isVisible()).resolves.toBe(true);
      const ledger = Object.entries(entries)
        .filter(([id]) => id.startsWith(`${section}-`))
        .map(([, text]) => text)
        .join("\n");
      for (const topic of topics) {
        expect(ledger, `${section} ledger`).toContain(topic);
      }
    }
  });

  it("opens List Contacts from the sidebar", async () => {
    await openFromSidebar("Contacts", "List or search contacts");
    await page.waitForURL(/#\/contacts\/listcontacts$/);
    // The URL changes before Redoc renders the operation: wait for its heading.
    await operation().getByRole("heading", { name: "List or search contacts" }).waitFor();
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

  it.each(operations)(
    "opens $summary ($operationId) from the sidebar, with its method, path and responses",
    async ({ operationId, summary, tags, method, path, responses = {} }) => {
      const anchor = `${tags[0].toLowerCase()}/${operationId.toLowerCase()}`;
      await openFromSidebar(tags[0], summary);
      await page.waitForURL(new RegExp(`#/${anchor}$`));
      const section = page.locator(`[id='${anchor}']`);
      // The URL changes before Redoc renders the operation, and Redoc may render it twice: wait for its method.
      await section.getByRole("heading", { name: summary }).first().waitFor();
      await page.waitForFunction(({ id, text }) => document.getElementById(id)?.innerText.includes(text), {
        id: anchor,
        text: method,
      });
      const text = await section.innerText();
      expect(text).toContain(method);
      expect(text).toContain(path);
      for (const status of Object.keys(responses)) {
        await expect(section.getByRole("button", { name: status, exact: true }).first().isVisible()).resolves.toBe(
          true,
        );
      }
    },
  );

  it("follows a link to a ledger entry from an operation to that entry", async () => {
    const target = "section/documentation-discrepancies/contacts-23";
    await openFromSidebar("Contacts", "List or search contacts");
    await operation().locator(`a[href='#${target}']`).first().click();
    await page.waitForURL(new RegExp(`#/?${target}$`));
    // Redoc scrolls after rendering: wait until the entry's heading is in the viewport.
    await page.waitForFunction((id) => {
      const top = document.getElementById(id)?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < innerHeight;
    }, target);
  });

  it("logs no console errors and sends no request off the machine", () => {
    expect(consoleErrors).toEqual([]);
    expect(outboundRequests).toEqual([]);
  });
});

function operation() {
  return page.locator("[id='contacts/listcontacts']");
}

/**
 * Opens an operation through the sidebar: its tag's entry must be expanded first. Tags are found by their link,
 * because the discrepancy ledger has sub-sections with the same names.
 */
async function openFromSidebar(tag: string, summary: string) {
  const sidebar = page.locator("[data-component-name='Menu/Menu']").first();
  const entry = sidebar.getByText(summary, { exact: true });
  if (!(await entry.isVisible())) {
    await sidebar.locator(`a[href='/${tag.toLowerCase()}']`).click();
  }
  await entry.click();
}
