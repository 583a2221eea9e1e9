//! `baocao serve` on an ephemeral port, driven by a plain TcpStream client: pages come from
//! memory, edits reload open pages, broken content keeps the last good pages under an error
//! overlay, and no request ever reaches a file outside the site.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::site_copy;

const ARTICLE: &str = "/tin-tuc/trao-1-361-phan-qua-tet-cho-ho-ngheo-can-ngheo/";
const ARTICLE_FILE: &str = "content/articles/2020/tet.md";
const WAIT: Duration = Duration::from_secs(20);

/// A running `baocao serve`, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    lines: Receiver<String>,
}

impl Server {
    fn start(site: &Path) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the preview of `site` with more arguments (`--to-disk`).
    fn start_with(site: &Path, more: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["serve", site.to_str().unwrap(), "--port", "0"])
            .args(more)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            lines,
        };
        let line = server.wait_for_line(|l| l.contains("http://127.0.0.1:"));
        let start = line.find("http://").unwrap() + "http://".len();
        let end = start + line[start..].find('/').unwrap();
        server.address = line[start..end].parse().unwrap();
        server
    }

    /// The next printed line that satisfies `wanted` (earlier lines are skipped).
    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .expect("the server printed no such line in time");
            if wanted(&line) {
                return line;
            }
        }
    }

    fn get(&self, target: &str) -> Reply {
        self.raw(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
    }

    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Reply::parse(&bytes)
    }

    /// Opens the live-reload stream as a page of generation `since` would.
    fn events(&self, since: &str) -> Events {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET /__baocao/events?since={since} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            received: String::new(),
        };
        events.wait_for("retry: 1000\n\n");
        assert!(events.received.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(
            events
                .received
                .contains("Content-Type: text/event-stream\r\n")
        );
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An open event stream.
struct Events {
    stream: TcpStream,
    received: String,
}

impl Events {
    fn wait_for(&mut self, needle: &str) {
        let mut chunk = [0u8; 512];
        while !self.received.contains(needle) {
            let n = self.stream.read(&mut chunk).expect("no event in time");
            assert!(n > 0, "the event stream closed; got {:?}", self.received);
            self.received
                .push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }

    /// Waits for the next `reload` event and forgets what came before it.
    fn reload(&mut self) {
        self.wait_for("event: reload\n");
        self.received.clear();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: format!("{head}\r\n"),
            body: body.to_string(),
        }
    }

    /// The build generation the page comes from, as its reload script says.
    fn generation(&self) -> &str {
        let start = self.body.find("data-generation=\"").unwrap() + "data-generation=\"".len();
        let end = start + self.body[start..].find('"').unwrap();
        &self.body[start..end]
    }
}

/// Replaces the first `from` in a site file. The tests' edits change the file's size, so they
/// are noticed even on file systems with coarse modification times.
fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_from_memory_and_reloads_open_pages_after_an_edit() {
    let (_dir, site) = site_copy("basic");
    let mut server = Server::start(&site);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(home.body.contains("Giảm nghèo — Quận 11"));
    let page = server.get(ARTICLE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("221,2 triệu đồng"));
    let script = page.body.find("<script data-generation=").unwrap();
    assert_eq!(&page.body[script..].matches("</body>").count(), &1);
    assert!(page.body.contains("new EventSource(\"/__baocao/events"));
    assert!(!site.join("output").exists(), "the preview writes nothing");

    let mut events = server.events(page.generation());
    edit(&site, ARTICLE_FILE, "221,2 triệu", "221,25 triệu");
    events.reload();
    server.wait_for_line(|l| l.starts_with("Đã dựng "));
    let page = server.get(ARTICLE);
    assert!(page.body.contains("221,25 triệu đồng"), "{}", page.body);

    // A page that loaded before the rebuild is told to reload as soon as it connects.
    let mut late = server.events("1");
    late.reload();
}

#[test]
fn to_disk_builds_the_output_folder_serves_it_and_rebuilds_it_after_an_edit() {
    let (_dir, site) = site_copy("basic");
    let mut server = Server::start_with(&site, &["--to-disk"]);
    let out = site.join("output");
    let built = |page: &str| fs::read_to_string(out.join(page)).unwrap();

    // The folder is what `baocao build` writes, with the site's own address, and each page is
    // served from it with the reload script added.
    let file = format!("{}index.html", &ARTICLE[1..]);
    assert!(built(&file).contains("221,2 triệu đồng"));
    assert!(built(&file).contains("https://giamngheo.quan11.example.vn/tin-tuc/"));
    assert!(!built(&file).contains("data-generation="));
    let page = server.get(ARTICLE);
    assert_eq!(page.status, 200);
    let script = page.body.find("<script data-generation=").unwrap();
    assert_eq!(
        format!(
            "{}{}",
            &page.body[..script],
            &page.body[page.body.rfind("</body>").unwrap()..]
        ),
        built(&file)
    );
    let stylesheet = page.body.split("href=\"/assets/").nth(1).unwrap();
    let stylesheet = &stylesheet[..stylesheet.find('"').unwrap()];
    let css = server.get(&format!("/assets/{stylesheet}"));
    assert_eq!(
        (css.status, css.body),
        (200, built(&format!("assets/{stylesheet}")))
    );
    // `/x` redirects to `/x/` as in memory.
    let bare = server.get(ARTICLE.trim_end_matches('/'));
    assert_eq!(bare.status, 301);
    assert!(
        bare.head.contains(&format!("Location: {ARTICLE}\r\n")),
        "{}",
        bare.head
    );
    // baocao's own files in the folder (manifest, cache, marker) are not served.
    assert!(out.join(".baocao-manifest").is_file());
    assert_eq!(server.get("/.baocao-manifest").status, 404);

    // An edit rebuilds the folder, and the page served says so.
    let mut events = server.events(page.generation());
    edit(&site, ARTICLE_FILE, "221,2 triệu", "221,25 triệu");
    events.reload();
    server.wait_for_line(|l| l.starts_with("Đã dựng "));
    assert!(built(&file).contains("221,25 triệu đồng"));
    assert!(server.get(ARTICLE).body.contains("221,25 triệu đồng"));

    // A broken edit leaves the folder as it was, served under the list of errors (once the
    // open page is told to reload, the new snapshot is the one served).
    let mut events = server.events(server.get(ARTICLE).generation());
    edit(&site, ARTICLE_FILE, "title = ", "tittle = ");
    events.reload();
    server.wait_for_line(|l| l.starts_with("Lỗi: 1 lỗi"));
    assert!(built(&file).contains("221,25 triệu đồng"));
    let page = server.get(ARTICLE);
    assert!(page.body.contains("221,25 triệu đồng"));
    assert!(
        page.body
            .contains("<div id=\"baocao-overlay\" role=\"alert\"")
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_page_under_an_overlay_until_fixed() {
    let (_dir, site) = site_copy("basic");
    let mut server = Server::start(&site);
    let mut events = server.events(server.get("/").generation());

    edit(&site, ARTICLE_FILE, "title = ", "tittle = ");
    events.reload();
    server.wait_for_line(|l| l.starts_with("Lỗi: 1 lỗi"));
    let page = server.get(ARTICLE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("221,2 triệu đồng"), "the last good page");
    assert!(
        page.body
            .contains("<div id=\"baocao-overlay\" role=\"alert\"")
    );
    assert!(
        page.body
            .contains("<code>content/articles/2020/tet.md:2:1</code> không có khóa `tittle`"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Cách sửa: có phải bạn muốn viết `title`?")
    );
    let overlay = page.body.find("baocao-overlay").unwrap();
    assert!(overlay < page.body.rfind("</body>").unwrap());
    let feed = server.get("/feed.xml");
    assert!(
        !feed.body.contains("baocao-overlay"),
        "only HTML gets the overlay"
    );

    edit(&site, ARTICLE_FILE, "tittle = ", "title = ");
    events.reload();
    let page = server.get(ARTICLE);
    assert!(!page.body.contains("baocao-overlay"));
    assert!(page.body.contains("221,2 triệu đồng"));
}

#[test]
fn a_site_that_never_built_lists_its_errors_in_its_language() {
    let (_dir, site) = site_copy("basic");
    let settings = fs::read_to_string(site.join("site.toml")).unwrap();
    fs::write(
        site.join("site.toml"),
        format!("language = \"en\"\n{settings}"),
    )
    .unwrap();
    edit(&site, ARTICLE_FILE, "date = ", "date = \"hôm qua\"\n# ");
    let mut server = Server::start(&site);
    let page = server.get("/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("The site could not be built"));
    assert!(page.body.contains("<code>content/articles/2020/tet.md:3:"));
    assert!(page.body.contains("`hôm qua` is not a date"));

    let mut events = server.events(page.generation());
    edit(&site, ARTICLE_FILE, "date = \"hôm qua\"\n# ", "date = ");
    events.reload();
    server.wait_for_line(|l| l.starts_with("Built "));
    let page = server.get("/news/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("baocao-overlay"));
}

#[test]
fn requests_never_reach_files_outside_the_site() {
    let (_dir, site) = site_copy("basic");
    let server = Server::start(&site);
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%2E%2E%2Fsite.toml",
        "/tin-tuc/../../site.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "//etc/passwd",
        "/%00",
        "/content/articles/2020/tet.md",
        "/site.toml",
    ] {
        let reply = server.get(target);
        assert!(
            (400..500).contains(&reply.status),
            "{target}: {}",
            reply.status
        );
        for secret in ["base_url", "[package]", "root:", "221,2 triệu đồng.\n"] {
            assert!(!reply.body.contains(secret), "{target} leaked {secret}");
        }
    }
    let absolute = server.raw(b"GET http://localhost/site.toml HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(absolute.status, 400);
}

#[test]
fn http_details() {
    let (_dir, site) = site_copy("basic");
    let server = Server::start(&site);

    let folder = server.get("/tin-tuc?trang=2");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("Location: /tin-tuc/?trang=2\r\n"));
    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Không tìm thấy trang"),
        "the site's 404.html"
    );
    let pdf = server.get("/files/ke-hoach-126.pdf");
    assert_eq!(pdf.status, 200);
    assert!(pdf.head.contains("Content-Type: application/pdf\r\n"));
    let css_link = server.get("/").body;
    let css = css_link.split("href=\"/assets/style.").nth(1).unwrap();
    let css = &css[..css.find('"').unwrap()];
    let stylesheet = server.get(&format!("/assets/style.{css}"));
    assert!(
        stylesheet
            .head
            .contains("Content-Type: text/css; charset=utf-8\r\n")
    );
    assert!(
        server
            .get("/feed.xml")
            .head
            .contains("Content-Type: application/xml\r\n")
    );

    let head = server.raw(format!("HEAD {ARTICLE} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(!head.head.contains("Content-Length: 0\r\n"));
    let post = server.raw(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    assert_eq!(post.status, 405);
    assert!(post.head.contains("Allow: GET, HEAD\r\n"));
    assert_eq!(server.raw(b"hello\r\n\r\n").status, 400);
    assert_eq!(server.raw(b"GET / HTTP/1.1\r\n\r\n").status, 400, "no Host");
    assert_eq!(
        server
            .raw(b"GET /\xc3\xa1 HTTP/1.1\r\nHost: x\r\n\r\n")
            .status,
        400
    );
    let mut huge = b"GET / HTTP/1.1\r\nHost: x\r\nCookie: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 9000));
    huge.extend_from_slice(b"\r\n\r\n");
    assert_eq!(server.raw(&huge).status, 431);
    // After all that the server still answers.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_missing_site_or_a_taken_port_is_a_usage_error() {
    let args = ["serve", "/nonexistent/baocao-site", "--port", "0"];
    let missing = common::baocao_in("en", &args);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains(
        "error: cannot serve /nonexistent/baocao-site: it is not a folder\n  hint: check the site folder"
    ));
    let missing = common::baocao_in("vi", &args);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains(
        "lỗi: không mở được bản xem trước: /nonexistent/baocao-site không phải là một thư mục"
    ));

    let (_dir, site) = site_copy("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let busy = common::baocao(&["serve", site.to_str().unwrap(), "--port", &port]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("--port 0"));

    let bad = common::baocao(&["serve", site.to_str().unwrap(), "--bind", "localhost:80"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A thousand requests at once, and a thousand more in waves, while the site is rebuilt again
/// and again: every request gets its page, and every page comes whole from one build (its title and its reload script agree
/// on which build), never a mix of two.
#[test]
fn a_thousand_requests_at_once_during_rebuilds_all_succeed() {
    use std::collections::HashMap;
    use std::sync::{Arc, Barrier};

    let (_dir, site) = site_copy("basic");
    let server = Server::start(&site);
    let address = server.address;
    let editing = {
        let site = site.clone();
        std::thread::spawn(move || {
            for n in 1..=6 {
                let path = site.join("site.toml");
                let text = fs::read_to_string(&path).unwrap();
                let start = text.find("title = \"").unwrap();
                let end = start + text[start..].find('\n').unwrap();
                let line = format!("title = \"Phiên {n} {}\"", "x".repeat(n));
                fs::write(&path, format!("{}{line}{}", &text[..start], &text[end..])).unwrap();
                std::thread::sleep(Duration::from_millis(250));
            }
        })
    };
    let started = Instant::now();
    let barrier = Arc::new(Barrier::new(2000));
    let targets = [
        "/",
        "/tin-tuc/",
        ARTICLE,
        "/the/",
        "/feed.xml",
        "/khong-co/",
    ];
    let clients: Vec<_> = (0..2000)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let target = targets[i % targets.len()];
            std::thread::spawn(move || {
                barrier.wait();
                // A thousand at once, then a thousand more in ten waves over the rebuilds.
                if i >= 1000 {
                    std::thread::sleep(Duration::from_millis(150 * (i % 10) as u64));
                }
                let mut stream = TcpStream::connect(address).unwrap();
                stream.set_read_timeout(Some(WAIT)).unwrap();
                write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
                let mut bytes = Vec::new();
                if let Err(e) = stream.read_to_end(&mut bytes) {
                    eprintln!(
                        "{i}: {e} after {} bytes: {:?}",
                        bytes.len(),
                        String::from_utf8_lossy(&bytes[..bytes.len().min(60)])
                    );
                }
                (target, Reply::parse(&bytes))
            })
        })
        .collect();
    let replies: Vec<(&str, Reply)> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    editing.join().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let mut titles: HashMap<String, String> = HashMap::new();
    for (target, reply) in &replies {
        let expected = if *target == "/khong-co/" { 404 } else { 200 };
        assert_eq!(reply.status, expected, "{target}: {}", reply.head);
        if target.ends_with('/') && *target != "/khong-co/" {
            let title_at = reply.body.find("<title>").unwrap() + "<title>".len();
            let title =
                &reply.body[title_at..title_at + reply.body[title_at..].find("</title>").unwrap()];
            let build = if title.contains("Phiên") {
                title[title.find("Phiên").unwrap()..]
                    .split(' ')
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                "Phiên 0".to_string()
            };
            let generation = reply.generation().to_string();
            if let Some(seen) = titles.insert(generation.clone(), build.clone()) {
                assert_eq!(
                    seen, build,
                    "build {generation} served two versions of the site"
                );
            }
        }
    }
    assert!(titles.len() >= 2, "the requests saw only {titles:?}");
    // Malformed requests and traversal attempts after all that: 4xx, and the server lives on.
    assert_eq!(server.raw(b"\x00\x01garbage\r\n\r\n").status, 400);
    assert_eq!(server.get("/%2e%2e/%2e%2e/etc/passwd").status, 400);
    assert_eq!(server.get("/").status, 200);
}
