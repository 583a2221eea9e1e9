// Shared by check.mjs and shots.mjs: what a built site contains, a static server for it, and
// Debian's Chromium launched the one way we allow (headless, no sandbox, no network services,
// a fresh user-data folder; nothing is ever downloaded).
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, readdir, stat, mkdtemp } from "node:fs/promises";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, extname } from "node:path";
import { tmpdir } from "node:os";

// URL sections per language, as src/i18n.rs writes them.
const SECTIONS = {
  vi: { articles: "tin-tuc", page: "trang", categories: "chuyen-muc", tags: "the", archive: "luu-tru", indicators: "chi-tieu", areas: "dia-ban", periods: "giai-doan", search: "tim-kiem", data: "du-lieu", reporting: "tinh-trang-bao-cao" },
  en: { articles: "news", page: "page", categories: "categories", tags: "tags", archive: "archive", indicators: "indicators", areas: "areas", periods: "periods", search: "search", data: "data", reporting: "reporting-status" },
};

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A browser context in a fresh user-data folder. */
export async function launch(options = {}) {
  const userData = await mkdtemp(join(tmpdir(), "baocao-chromium-"));
  return chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, ...options });
}

/** Every HTML file under `dir`, as site paths. */
export async function htmlFiles(root, dir = "") {
  const out = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const rel = dir + "/" + entry.name;
    if (entry.isDirectory()) out.push(...await htmlFiles(root, rel));
    else if (entry.name.endsWith(".html")) out.push(rel);
  }
  return out;
}

/** Sub-pages `/<section>/<x>/` of a section (without pagination), biggest first. */
async function details(root, section, skip) {
  const dir = join(root, section);
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === skip) continue;
    const file = join(dir, entry.name, "index.html");
    if (existsSync(file)) found.push({ path: `/${section}/${entry.name}/`, size: (await stat(file)).size });
  }
  return found.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path)).map((f) => f.path);
}

/** The site's language, sections, one page of every type, and the full lists the checks walk. */
export async function describe(root) {
  const home = await readFile(join(root, "index.html"), "utf8");
  const lang = (home.match(/<html lang="([^"]+)"/) || [])[1];
  const s = SECTIONS[lang];
  if (!s) throw new Error(`unknown site language ${lang}`);
  const sitemap = await readFile(join(root, "sitemap.xml"), "utf8");
  const urls = [...sitemap.matchAll(/<loc>[a-z]+:\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
  const articles = urls.filter((u) => u.startsWith(`/${s.articles}/`) && u.split("/").length === 4);
  const sectionNames = new Set(Object.values(s));
  const pages = urls.filter((u) => u.split("/").length === 3 && !sectionNames.has(u.split("/")[1]));
  const bySize = async (paths) => {
    const sized = await Promise.all(paths.map(async (p) => ({ p, size: (await stat(join(root, p, "index.html"))).size })));
    return sized.sort((a, b) => b.size - a.size).map((x) => x.p);
  };
  const heaviestArticle = (await bySize(articles))[0];
  const indicatorAreas = urls.filter((u) => u.startsWith(`/${s.indicators}/`) && u.split("/").length === 5);
  const heaviestIndicatorArea = (await bySize(indicatorAreas))[0];
  const list = {
    articles, pages, indicatorAreas,
    indicators: await details(root, s.indicators),
    periods: await details(root, s.periods),
    areas: await details(root, s.areas),
    tags: await details(root, s.tags),
    months: await details(root, s.archive),
    categories: await details(root, s.categories),
  };
  const types = [
    ["home", "/"],
    ["news list", `/${s.articles}/`],
    ["news list, page 2", `/${s.articles}/${s.page}/2/`],
    ["article", articles[0]],
    ["article (heaviest)", heaviestArticle],
    ["page", pages[0]],
    ["category", list.categories[0]],
    ["tags", `/${s.tags}/`],
    ["tag", list.tags[0]],
    ["archive", `/${s.archive}/`],
    ["month", list.months[0]],
    ["areas", `/${s.areas}/`],
    ["area", list.areas[0]],
    ["periods", `/${s.periods}/`],
    ["period", list.periods[0]],
    ["indicators", `/${s.indicators}/`],
    ["indicator", list.indicators[0]],
    ["indicator in area", heaviestIndicatorArea],
    ["reporting status", `/${s.reporting}/`],
    ["open data", `/${s.data}/`],
    ["search", `/${s.search}/`],
    ["404", "/khong-co-trang-nay/"],
  ].filter(([type, path]) => path && (type === "404" || existsSync(join(root, path, "index.html"))));
  return { lang, sections: s, types, list, heaviestArticle };
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv" };

/**
 * A static server on 127.0.0.1 that answers like the README's nginx: `/x/` serves `x/index.html`,
 * unknown paths get `404.html` with status 404, text is gzipped (level 1, nginx's default) when the
 * browser asks for it, and nothing is cached, so every page load counts its own bytes.
 */
export async function serve(root) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.includes("..")) { res.writeHead(400); res.end(); return; }
    if (path.endsWith("/")) path += "index.html";
    let status = 200;
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) throw new Error("directory");
    } catch {
      status = 404;
      file = join(root, "404.html");
    }
    let body = await readFile(file);
    const type = TYPES[extname(file)] || "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-store" };
    if (/gzip/.test(req.headers["accept-encoding"] || "") && !type.startsWith("application/octet")) {
      body = gzipSync(body, { level: 1 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
