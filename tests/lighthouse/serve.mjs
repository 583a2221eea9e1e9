// A static server for Lighthouse runs that answers like the README's nginx: gzip (level 1, nginx's
// default), hashed assets cached for a year, everything else revalidated, 404.html for unknown paths.
// Usage: node serve.mjs SITE_DIR PORT
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, extname } from "node:path";

const [root, port] = process.argv.slice(2);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv", ".txt": "text/plain; charset=utf-8" };
const compressible = new Set(Object.values(types));
createServer(async (req, res) => {
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
  const type = types[extname(file)] || "application/octet-stream";
  const headers = { "content-type": type, "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache" };
  if (/gzip/.test(req.headers["accept-encoding"] || "") && compressible.has(type)) {
    body = gzipSync(body, { level: 1 });
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(status, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1");
