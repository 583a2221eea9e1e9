// Browser checks of a built site, in Debian's Chromium (Vietnamese or English site alike).
// Usage: node check.mjs SITE_DIR
// - axe-core, WCAG 2.1 A + AA rules, on one page of every type at 390 px and 1280 px, and at
//   390 px in dark mode;
// - JavaScript off: every article (from sitemap.xml), indicator and period page has its text,
//   and every chart SVG and every table in its HTML is there and visible (tables in a closed
//   <details> once its summary is clicked, which needs no script);
// - the heaviest article page over the wire (gzip, page + CSS + JS, no images) ≤ 50 KB;
// - search: "ho ngheo" finds "hộ nghèo"; the script is ≤ 10 KB;
// - the text size survives a reload; "read aloud" shows only when there is a voice;
// - cards side by side in the news list at 1280 px end on one line;
// - <html lang> is the site's language on every HTML file;
// - no request leaves the site's own origin.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, serve, launch, htmlFiles } from "./site.mjs";

const root = process.argv[2];
if (!root) {
  console.error("usage: node check.mjs SITE_DIR");
  process.exit(2);
}
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const site = await describe(root);
const { origin, close } = await serve(root);
let failures = 0;
function fail(message) { failures++; console.log("FAILED " + message); }
const outside = new Set();
const watch = (context) => context.on("request", (r) => {
  if (!r.url().startsWith(origin + "/") && !r.url().startsWith("data:")) outside.add(r.url());
});

const only = process.env.PAGES ? new Set(process.env.PAGES.split(",")) : null;
const types = site.types.filter(([, path]) => !only || only.has(path));

// <html lang> on every page, redirects included.
const files = await htmlFiles(root);
const wrongLang = [];
for (const file of files) {
  const lang = ((await readFile(join(root, file), "utf8")).match(/<html lang="([^"]*)"/) || [])[1];
  if (lang !== site.lang) wrongLang.push(`${file} (${lang})`);
}
if (wrongLang.length) fail(`<html lang> is not "${site.lang}" in ${wrongLang.join(", ")}`);
else console.log(`html lang="${site.lang}": all ${files.length} HTML files`);

// axe-core: one line per page type, all three views.
const browser = await launch();
watch(browser);
const views = [[390, "light"], [1280, "light"], [390, "dark"]];
const tabs = [];
for (const [width, scheme] of views) {
  const tab = await browser.newPage();
  await tab.setViewportSize({ width, height: 900 });
  await tab.emulateMedia({ colorScheme: scheme });
  tabs.push(tab);
}
for (const [type, path] of types) {
  const problems = [];
  for (const [i, [width, scheme]] of views.entries()) {
    const tab = tabs[i];
    await tab.goto(origin + path, { waitUntil: "load" });
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      problems.push(`  ${width}px ${scheme}: ${v.id} (${v.impact}) ${v.help}: ` +
        v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; "));
    }
  }
  if (problems.length) { fail(`axe ${type} ${path}`); problems.forEach((p) => console.log(p)); }
  else console.log(`axe ${type} ${path}: 0 violations (390 px, 1280 px, dark)`);
}
for (const tab of tabs) await tab.close();

// JavaScript off: every article, indicator and period page has all its content.
const noJs = await launch({ javaScriptEnabled: false });
watch(noJs);
const plain = await noJs.newPage();
await plain.setViewportSize({ width: 390, height: 900 });
for (const [kind, paths] of [["articles", site.list.articles], ["indicator pages", site.list.indicators], ["indicator pages per area", site.list.indicatorAreas], ["period pages", site.list.periods]]) {
  let charts = 0, tables = 0, bad = 0;
  for (const path of paths) {
    const html = await readFile(join(root, path, "index.html"), "utf8");
    const expected = { charts: (html.match(/<svg[\s>]/g) || []).length, tables: (html.match(/<table[\s>]/g) || []).length };
    await plain.goto(origin + path, { waitUntil: "load" });
    const summaries = plain.locator("details:not([open]) > summary");
    for (let n = await summaries.count(); n > 0; n--) await summaries.first().click();
    const found = await plain.evaluate(() => {
      const shown = (el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && el.checkVisibility();
      };
      return {
        text: [...document.querySelectorAll(".prose")].filter(shown).map((p) => p.innerText.trim()).join("").length,
        charts: [...document.querySelectorAll("svg")].filter(shown).length,
        tables: [...document.querySelectorAll("table")].filter(shown).length,
      };
    });
    const problems = [];
    if (kind === "articles" && found.text === 0) problems.push("no article text");
    if (found.charts !== expected.charts) problems.push(`${found.charts}/${expected.charts} charts visible`);
    if (found.tables !== expected.tables) problems.push(`${found.tables}/${expected.tables} tables visible`);
    if (problems.length) { bad++; fail(`no-js ${path}: ${problems.join(", ")}`); }
    charts += expected.charts;
    tables += expected.tables;
  }
  console.log(`no-js ${kind}: ${paths.length - bad}/${paths.length} complete (${charts} charts, ${tables} tables` +
    (bad ? ")" : `, all visible${kind === "articles" ? ", text in every one" : ""})`));
}
// Without JavaScript the search page offers the category, tag and date lists instead of a dead form.
await plain.goto(origin + `/${site.sections.search}/`, { waitUntil: "load" });
const fallback = { form: await plain.locator("#search-form").isVisible(), links: await plain.locator("#search-noscript a").count(), shown: await plain.locator("#search-noscript").isVisible() };
if (fallback.form || !fallback.shown || fallback.links === 0) fail(`no-js search: form visible ${fallback.form}, fallback visible ${fallback.shown} with ${fallback.links} links`);
else console.log(`no-js search: form hidden, ${fallback.links} links to browse instead`);
await noJs.close();

// Weight over the wire: every article, JavaScript on, gzip as the README's nginx serves it.
const weigh = await browser.newPage();
let heaviest = { path: "", bytes: 0 };
for (const path of site.list.articles) {
  const requests = [];
  const onRequest = (r) => requests.push(r);
  weigh.on("requestfinished", onRequest);
  await weigh.goto(origin + path, { waitUntil: "networkidle" });
  weigh.off("requestfinished", onRequest);
  let bytes = 0;
  for (const r of requests) {
    if (r.resourceType() === "image") continue;
    const sizes = await r.sizes();
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  if (bytes > heaviest.bytes) heaviest = { path, bytes };
}
await weigh.close();
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`heaviest article over the wire (gzip, page + CSS + JS, no images): ${kb(heaviest.bytes)} ${heaviest.path}`);
if (heaviest.bytes > 50 * 1024) fail(`${heaviest.path} weighs ${kb(heaviest.bytes)}, more than 50 KB`);

// Search, JavaScript on: folding finds Vietnamese with tone marks from a query without them.
const searchPath = `/${site.sections.search}/`;
const search = await browser.newPage();
await search.goto(origin + searchPath, { waitUntil: "load" });
const script = (await readFile(join(root, searchPath, "index.html"), "utf8")).match(/<script src="([^"]+)"/)[1];
const scriptBytes = (await stat(join(root, script))).size;
await search.locator("#q").fill("ho ngheo");
await search.locator("#search-results li").first().waitFor({ timeout: 5000 }).catch(() => {});
const hits = await search.locator("#search-results li").allTextContents();
const withTerm = hits.filter((h) => h.toLowerCase().includes("hộ nghèo")).length;
const status = await search.locator("#search-status").textContent();
if (withTerm === 0) fail(`search "ho ngheo": ${hits.length} results, none with "hộ nghèo"`);
if (scriptBytes > 10 * 1024) fail(`search script ${script} is ${kb(scriptBytes)}, more than 10 KB`);
if (!/ho%20ngheo|ho\+ngheo/.test(search.url())) fail(`search does not keep the query in the address: ${search.url()}`);
console.log(`search "ho ngheo": ${hits.length} results, ${withTerm} with "hộ nghèo" ("${status}"); script ${kb(scriptBytes)}`);
await search.close();

// Card grid at 1280 px: cards side by side end on one line (each fills its row), so the rules
// under them line up.
const grid = await browser.newPage();
await grid.setViewportSize({ width: 1280, height: 900 });
await grid.goto(`${origin}/${site.sections.articles}/`, { waitUntil: "load" });
const rows = await grid.evaluate(() => {
  const byTop = new Map();
  for (const card of document.querySelectorAll(".cards .card")) {
    const box = card.getBoundingClientRect();
    const top = Math.round(box.top);
    byTop.set(top, [...(byTop.get(top) || []), Math.round(box.bottom)]);
  }
  return [...byTop.values()];
});
const ragged = rows.filter((bottoms) => new Set(bottoms).size > 1);
const sideBySide = rows.filter((bottoms) => bottoms.length > 1).length;
if (sideBySide === 0 || ragged.length) fail(`card grid at 1280 px: ${sideBySide} rows of cards side by side, ${ragged.length} with cards ending on different lines (${JSON.stringify(ragged)})`);
else console.log(`card grid at 1280 px: ${sideBySide} rows of cards side by side, each ending on one line`);
await grid.close();

// Text size: the choice survives a reload and other pages; back to normal afterwards.
const article = site.list.articles[0];
const sized = await browser.newPage();
await sized.goto(origin + article, { waitUntil: "load" });
const fontSize = () => sized.evaluate(() => getComputedStyle(document.documentElement).fontSize);
const before = await fontSize();
await sized.locator('[data-size="2"]').click();
await sized.reload({ waitUntil: "load" });
const afterReload = await fontSize();
const pressed = await sized.locator('[data-size="2"]').getAttribute("aria-pressed");
await sized.goto(origin + "/", { waitUntil: "load" });
const elsewhere = await fontSize();
await sized.locator('[data-size="0"]').click();
await sized.reload({ waitUntil: "load" });
const reset = await fontSize();
if (!(parseFloat(afterReload) > parseFloat(before)) || pressed !== "true" || elsewhere !== afterReload || reset !== before) {
  fail(`text size: ${before} → ${afterReload} after reload (pressed ${pressed}), ${elsewhere} on another page, ${reset} after reset`);
} else console.log(`text size: ${before} → ${afterReload}, kept after reload and on another page; back to ${reset}`);
await sized.close();

// Read aloud: hidden without a voice for the language, offered with one.
const voices = await browser.newPage();
await voices.goto(origin + article, { waitUntil: "load" });
const realVoices = await voices.evaluate(() => speechSynthesis.getVoices().filter((v) => v.lang.toLowerCase().startsWith(document.documentElement.lang)).length);
const hiddenWithout = await voices.locator("#read-aloud").isHidden();
await voices.close();
const faked = await browser.newPage();
await faked.addInitScript((lang) => {
  const voice = { lang: lang === "en" ? "en-US" : "vi-VN", name: "test", default: true, localService: true, voiceURI: "test" };
  speechSynthesis.getVoices = () => [voice];
}, site.lang);
await faked.goto(origin + article, { waitUntil: "load" });
const shownWith = await faked.locator("#read-aloud").isVisible();
await faked.close();
if ((realVoices === 0 && !hiddenWithout) || !shownWith) fail(`read aloud: ${realVoices} voices, hidden ${hiddenWithout}; with a voice shown ${shownWith}`);
else console.log(`read aloud: hidden with ${realVoices} voices for "${site.lang}", shown when one exists`);

await browser.close();
close();
if (outside.size) fail(`requests outside the site: ${[...outside].join(", ")}`);
else console.log("requests outside the site: none");
console.log(failures === 0 ? "browser checks: 0 failures" : `browser checks: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
