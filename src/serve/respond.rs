//! Answers a request from the served snapshot: the site's files from memory (or from the
//! output folder, with `serve --to-disk`), `/x/` →
//! `x/index.html`, `/x` → redirect to `/x/`, the site's `404.html`, and the reload script
//! (plus the error overlay after a failed rebuild) in every HTML page.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use super::http::{Method, Request, Response, parse_target};
use super::overlay;
use crate::output::SiteFiles;

/// Where the live-reload events are streamed.
pub const EVENTS_PATH: &str = "/__baocao/events";

/// What the preview serves at one moment; replaced as a whole after every rebuild.
#[derive(Debug)]
pub struct Snapshot {
    /// Counts rebuilds; pages carry it so that they reload when they are out of date.
    pub generation: u64,
    /// What is served.
    pub pages: Pages,
    /// The overlay listing the errors of the latest build, when it failed.
    pub overlay: Option<String>,
}

/// The site's pages, or the one page that stands in for all of them before the first good
/// build.
#[derive(Debug)]
pub enum Pages {
    /// The last good build, in memory.
    Built(Arc<SiteFiles>),
    /// The last good build, written into this output folder (`serve --to-disk`).
    Folder(PathBuf),
    /// The site has never built: this page is served at every address.
    NeverBuilt(String),
}

/// Whether `path` in an output folder is one of baocao's own files (`.baocao-manifest`,
/// the cache, the staging folder), whose names start with a dot: not part of the site.
fn is_own_file(path: &str) -> bool {
    path.split('/').any(|segment| segment.starts_with('.'))
}

impl Pages {
    /// The bytes of the file at `path` (relative, `/`-separated, without `.` or `..`
    /// segments: see [`parse_target`]). Of an output folder, baocao's own files (whose names
    /// start with a dot) are not served.
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match self {
            Pages::Built(site) => site.get(path).map(Cow::Borrowed),
            Pages::Folder(_) if is_own_file(path) => None,
            Pages::Folder(out) => std::fs::read(out.join(path)).ok().map(Cow::Owned),
            Pages::NeverBuilt(_) => None,
        }
    }

    /// Whether there is a file at `path`, without reading it (see [`Pages::file`]).
    fn has(&self, path: &str) -> bool {
        match self {
            Pages::Built(site) => site.get(path).is_some(),
            Pages::Folder(out) => !is_own_file(path) && out.join(path).is_file(),
            Pages::NeverBuilt(_) => false,
        }
    }
}

/// The response to `request` (any method; only GET and HEAD are served).
pub fn respond<'a>(snapshot: &'a Snapshot, request: &Request) -> Response<'a> {
    if request.method == Method::Other {
        return Response::text(405, "Only GET and HEAD are supported.")
            .with_header("Allow", "GET, HEAD".to_string());
    }
    let Some(target) = parse_target(&request.target) else {
        return Response::text(400, "The address is not valid.");
    };
    let site = match &snapshot.pages {
        Pages::NeverBuilt(page) => return html(snapshot, 500, page.as_bytes()),
        pages => pages,
    };
    let key = if target.path.is_empty() || target.path.ends_with('/') {
        format!("{}index.html", target.path)
    } else {
        target.path.clone()
    };
    if let Some(bytes) = site.file(&key) {
        let content_type = mime_type(&key);
        return if content_type.starts_with("text/html") {
            html(snapshot, 200, &bytes)
        } else {
            Response::new(200, content_type, bytes)
        };
    }
    if site.has(&format!("{key}/index.html")) {
        let query = if target.query.is_empty() {
            String::new()
        } else {
            format!("?{}", target.query)
        };
        return Response::text(301, "Moved to the address ending in /.")
            .with_header("Location", format!("{}/{query}", target.raw_path));
    }
    match site.file("404.html") {
        Some(page) => html(snapshot, 404, &page),
        None => Response::text(404, "There is no page at this address."),
    }
}

/// An HTML page with the preview's additions before `</body>`.
fn html<'a>(snapshot: &Snapshot, status: u16, page: &[u8]) -> Response<'a> {
    let mut extra = snapshot.overlay.clone().unwrap_or_default();
    extra.push_str(&overlay::reload_script(snapshot.generation));
    Response::new(
        status,
        "text/html; charset=utf-8",
        overlay::inject(page, &extra),
    )
}

/// The media type of a file, by its extension.
pub fn mime_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "ico" => "image/vnd.microsoft.icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemorySink;
    use crate::render::sink::Sink;

    fn snapshot(overlay: Option<&str>) -> Snapshot {
        let sink = MemorySink::default();
        for (path, text) in [
            ("index.html", "<html><body>home</body></html>"),
            ("tin-tuc/a/index.html", "<body>a</body>"),
            ("404.html", "<body>không thấy</body>"),
            ("feed.xml", "<feed/>"),
            ("files/ke hoach.pdf", "%PDF"),
        ] {
            sink.put(path, None, text.as_bytes().to_vec()).unwrap();
        }
        Snapshot {
            generation: 3,
            pages: Pages::Built(Arc::new(sink.finish())),
            overlay: overlay.map(str::to_string),
        }
    }

    fn get(snapshot: &Snapshot, target: &str) -> (u16, String, Vec<(&'static str, String)>) {
        let request = Request {
            method: Method::Get,
            target: target.to_string(),
        };
        let r = respond(snapshot, &request);
        (
            r.status,
            String::from_utf8_lossy(&r.body).into_owned(),
            r.headers,
        )
    }

    #[test]
    fn pages_folders_redirects_and_not_found() {
        let s = snapshot(None);
        let (status, body, _) = get(&s, "/");
        assert_eq!(status, 200);
        assert!(body.starts_with("<html><body>home<script data-generation=\"3\">"));
        assert!(body.ends_with("</script>\n</body></html>"));
        assert_eq!(get(&s, "/tin-tuc/a/?x=1").0, 200);
        let (status, _, headers) = get(&s, "/tin-tuc/a?x=1");
        assert_eq!(status, 301);
        assert_eq!(headers, vec![("Location", "/tin-tuc/a/?x=1".to_string())]);
        let (status, body, _) = get(&s, "/tin-tuc/b/");
        assert_eq!(status, 404);
        assert!(body.contains("không thấy"));
        assert_eq!(
            get(&s, "/feed.xml").1,
            "<feed/>",
            "only HTML gets the script"
        );
        assert_eq!(get(&s, "/files/ke%20hoach.pdf").0, 200);
        assert_eq!(get(&s, "/%2e%2e/site.toml").0, 400);
    }

    #[test]
    fn overlay_and_failed_page() {
        let s = snapshot(Some("<div role=\"alert\">lỗi</div>"));
        assert!(
            get(&s, "/")
                .1
                .contains("home<div role=\"alert\">lỗi</div><script")
        );
        assert!(!get(&s, "/feed.xml").1.contains("alert"));
        let never_built = Snapshot {
            pages: Pages::NeverBuilt("<body>failed</body>".to_string()),
            ..snapshot(Some("<div>lỗi</div>"))
        };
        let (status, body, _) = get(&never_built, "/tin-tuc/a/");
        assert_eq!(status, 500);
        assert!(body.starts_with("<body>failed<div>lỗi</div><script"));
    }

    #[test]
    fn other_methods_are_405() {
        let request = Request {
            method: Method::Other,
            target: "/".to_string(),
        };
        let s = snapshot(None);
        let r = respond(&s, &request);
        assert_eq!(r.status, 405);
        assert_eq!(r.headers, vec![("Allow", "GET, HEAD".to_string())]);
    }

    #[test]
    fn media_types() {
        assert_eq!(mime_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            mime_type("assets/style.1234.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(mime_type("du-lieu/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(mime_type("x.JPG"), "image/jpeg");
        assert_eq!(mime_type("favicon.ico"), "image/vnd.microsoft.icon");
        assert_eq!(mime_type("fonts/a.woff2"), "font/woff2");
        assert_eq!(mime_type("LICENSE"), "application/octet-stream");
    }
}
