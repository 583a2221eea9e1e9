// Accessibility and no-JavaScript checks of a built site, in Debian's Chromium.
// Usage: node check.mjs SITE_DIR
// - axe-core, WCAG 2.1 A + AA rules, on one page of every type at 390 px and 1280 px (and at
//   390 px in dark mode);
// - with JavaScript off, articles' text, charts and tables are present;
// - no request leaves the site's own origin;
// - an article page's transfer size (gzip) is reported and must be ≤ 50 KB.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, stat, mkdtemp } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, extname } from "node:path";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";

const root = process.argv[2];
if (!root) {
  console.error("usage: node check.mjs SITE_DIR");
  process.exit(2);
}
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv" };

const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.includes("..")) { res.writeHead(400); res.end(); return; }
  if (path.endsWith("/")) path += "index.html";
  try {
    const file = join(root, path);
    if ((await stat(file)).isDirectory()) throw new Error("dir");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(await readFile(join(root, "404.html")));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const pages = process.env.PAGES ? process.env.PAGES.split(",") : [
  "/", "/tin-tuc/", "/tin-tuc/trang/2/",
  "/tin-tuc/phu-loc-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/",
  "/tin-tuc/lien-chieu-tong-ket-cong-tac-giam-ngheo-nam-2013-1-328-ho-thoat-ngheo-dat-148-ke/",
  "/gioi-thieu/", "/chuyen-muc/ke-hoach/", "/the/", "/the/giam-ngheo/", "/luu-tru/", "/luu-tru/2017-01/",
  "/dia-ban/", "/dia-ban/quan-11/", "/giai-doan/", "/giai-doan/2016-2020/",
  "/chi-tieu/", "/chi-tieu/ty-le-ho-ngheo/", "/tinh-trang-bao-cao/", "/du-lieu/", "/tim-kiem/", "/khong-co-trang-nay/",
];
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const userData = await mkdtemp(join(tmpdir(), "baocao-chromium-"));
const browser = await chromium.launchPersistentContext(userData, { executablePath: "/usr/bin/chromium", args, headless: true });
let failures = 0;
const outside = new Set();
browser.on("request", (request) => { if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) outside.add(request.url()); });

for (const [width, scheme] of [[390, "light"], [1280, "light"], [390, "dark"]]) {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  for (const path of pages) {
    await page.goto(origin + path, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      failures++;
      console.log(`axe ${width}px ${scheme} ${path}: ${v.id} (${v.impact}) ${v.help}`);
      for (const node of v.nodes.slice(0, 3)) console.log(`    ${node.target.join(" ")}: ${node.failureSummary.split("\n").slice(1, 2).join(" ")}`);
    }
    if (result.violations.length === 0) console.log(`axe ${width}px ${scheme} ${path}: 0 violations`);
  }
  await page.close();
}

// JavaScript off: the content is all there.
const noJs = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), "baocao-nojs-")), { executablePath: "/usr/bin/chromium", args, headless: true, javaScriptEnabled: false });
const plain = await noJs.newPage();
for (const path of pages.filter((p) => p.startsWith("/tin-tuc/") && p.split("/").length > 3 && !p.includes("/trang/")).concat(["/chi-tieu/ty-le-ho-ngheo/", "/giai-doan/2016-2020/"])) {
  await plain.goto(origin + path, { waitUntil: "load" });
  const found = await plain.evaluate(() => ({
    text: (document.querySelector(".prose")?.innerText || "").length,
    charts: [...document.querySelectorAll("svg[role=img]")].filter((s) => s.getBoundingClientRect().width > 0).length,
    tables: [...document.querySelectorAll("table")].length,
  }));
  const html = await (await fetch(origin + path)).text();
  const expectCharts = (html.match(/role="img"/g) || []).length;
  const ok = found.charts === expectCharts;
  if (!ok) failures++;
  console.log(`no-js ${path}: ${found.text} characters of text, ${found.charts}/${expectCharts} charts visible, ${found.tables} tables${ok ? "" : "  FAILED"}`);
}
await noJs.close();

const article = "/tin-tuc/phu-loc-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/";
let weight = 0;
for (const file of [article + "index.html"]) weight += gzipSync(await readFile(join(root, file))).length;
for (const asset of (await readFile(join(root, article, "index.html"), "utf8")).match(/\/assets\/[^"]+/g) || []) weight += gzipSync(await readFile(join(root, asset))).length;
console.log(`article page over the wire (gzip, no images): ${(weight / 1024).toFixed(1)} KB`);
if (weight > 50 * 1024) failures++;
if (outside.size) { failures++; console.log("requests outside the site:", [...outside]); } else console.log("requests outside the site: none");

await browser.close();
server.close();
console.log(failures === 0 ? "browser checks: 0 failures" : `browser checks: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
