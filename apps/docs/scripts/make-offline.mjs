// Redoc's inline bundle still loads its sidebar badge logo from a CDN, which fails offline and leaks a request.
// Swap it for an inline SVG with the same attribution. Fails loudly if Redoc stops shipping those URLs, so the
// browser test is never the first to notice.
import { readFileSync, writeFileSync } from "node:fs";

const LOGO_URLS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="16"><text x="0" y="12" font-family="system-ui,sans-serif" font-size="11" fill="#8b8b8b">Redocly</text></svg>',
)}`;

const [file] = process.argv.slice(2);
if (!file) {
  throw new Error("usage: node scripts/make-offline.mjs <built docs html>");
}
let html = readFileSync(file, "utf8");
for (const url of LOGO_URLS) {
  if (!html.includes(url)) {
    throw new Error(
      `${url} not found in ${file}: Redoc changed how it loads its logo; update scripts/make-offline.mjs.`,
    );
  }
  html = html.replaceAll(url, INLINE_LOGO);
}
writeFileSync(file, html);
