// Screenshots of one page of every type at 390 px and 1280 px, for looking at by eye, plus what a
// script can see: horizontal overflow, text under 12 px (HTML and chart SVG), clipped charts.
// Usage: node shots.mjs SITE_DIR OUT_DIR
// Writes OUT_DIR/<width>-<type>-<n>.png, tiles of one screen-and-a-half each, top to bottom.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, serve, launch } from "./site.mjs";

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error("usage: node shots.mjs SITE_DIR OUT_DIR");
  process.exit(2);
}
await mkdir(out, { recursive: true });
const site = await describe(root);
const { origin, close } = await serve(root);
const browser = await launch();
let problems = 0;
for (const width of [390, 1280]) {
  const page = await browser.newPage();
  const tile = width < 600 ? 1300 : 900;
  await page.setViewportSize({ width, height: tile });
  for (const [type, path] of site.types) {
    await page.goto(origin + path, { waitUntil: "networkidle" });
    if (type === "search") {
      await page.locator("#q").fill(site.lang === "en" ? "ho ngheo" : "ho ngheo");
      await page.locator("#search-results li").first().waitFor({ timeout: 5000 }).catch(() => {});
    }
    const seen = await page.evaluate(() => {
      const found = [];
      const doc = document.scrollingElement;
      if (doc.scrollWidth > window.innerWidth) {
        const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest(".table-scroll"));
        found.push(`page is ${doc.scrollWidth} px wide: ${wide.slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : "")).join(", ")}`);
      }
      const small = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || !el.checkVisibility() || el.closest(".visually-hidden, .skip-link")) continue;
        if (el.closest("svg")) {
          const svg = el.closest("svg");
          const box = svg.viewBox.baseVal;
          const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
          const px = parseFloat(getComputedStyle(el).fontSize) * scale;
          if (px < 11.5) small.add(`chart text ${px.toFixed(1)} px ("${node.textContent.trim().slice(0, 20)}")`);
        } else {
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (px < 12) small.add(`${el.tagName.toLowerCase()} ${px} px ("${node.textContent.trim().slice(0, 20)}")`);
        }
      }
      if (small.size) found.push(`small text: ${[...small].slice(0, 4).join("; ")}${small.size > 4 ? ` and ${small.size - 4} more` : ""}`);
      for (const svg of document.querySelectorAll("svg")) {
        const r = svg.getBoundingClientRect();
        const holder = svg.parentElement.getBoundingClientRect();
        if (r.width > 0 && (r.right > holder.right + 1 || r.left < holder.left - 1)) { found.push(`chart wider than its box (${Math.round(r.width)} px in ${Math.round(holder.width)} px)`); break; }
      }
      return { found, height: doc.scrollHeight };
    });
    let n = 0;
    for (let y = 0; y < seen.height; y += tile, n++) {
      await page.screenshot({ path: join(out, `${width}-${type.replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}-${n}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(tile, seen.height - y) } });
    }
    if (seen.found.length) problems++;
    console.log(`${width} ${type} ${path}: ${n} shots${seen.found.length ? "; " + seen.found.join("; ") : ""}`);
  }
  await page.close();
}
await browser.close();
close();
console.log(problems ? `${problems} pages to look at` : "nothing seen by script; look at the pictures");
