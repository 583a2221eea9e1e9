//! A deliberately small HTTP/1.1: reads one request head (GET or HEAD; bodies are never
//! needed), decodes its path strictly, and writes one response with `Connection: close`.
//! Every malformed input is an error value, never a panic.

use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::time::Instant;

/// Longest request head (request line and headers) accepted; more is answered with 431.
pub const MAX_HEAD: usize = 8 * 1024;
/// Most header lines accepted; more is answered with 431.
const MAX_HEADERS: usize = 100;

/// The request methods the preview distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `HEAD`: the same headers as `GET`, no body.
    Head,
    /// Any other well-formed method: answered with 405.
    Other,
}

/// A request head that parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The request target as sent, e.g. `/tin-tuc/a%20b/?x=1`.
    pub target: String,
}

/// Why no request could be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The client closed the connection, or was too slow: nothing is answered.
    Gone,
    /// Not HTTP/1.x, or a malformed line: 400.
    Malformed,
    /// The head is longer than [`MAX_HEAD`] or has too many headers: 431.
    TooLarge,
}

/// Reads and checks one request head from `stream`, giving up at `deadline`.
pub fn read_request(stream: &mut impl Read, deadline: Instant) -> Result<Request, ReadError> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        match head_end(&head) {
            Some(end) if end <= MAX_HEAD => {
                head.truncate(end);
                return parse_head(&head);
            }
            Some(_) => return Err(ReadError::TooLarge),
            None if head.len() > MAX_HEAD => return Err(ReadError::TooLarge),
            None => {}
        }
        if Instant::now() > deadline {
            return Err(ReadError::Gone);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Err(ReadError::Gone),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(ReadError::Gone),
        }
    }
}

/// The length of the head including its final empty line, once it has arrived.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4);
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &[u8]) -> Result<Request, ReadError> {
    let text = std::str::from_utf8(head).map_err(|_| ReadError::Malformed)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed);
    };
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        return Err(ReadError::Malformed);
    }
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ReadError::Malformed);
    }
    let needs_host = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(ReadError::Malformed),
    };
    let mut hosts = 0;
    let mut count = 0;
    for line in lines.take_while(|l| !l.is_empty()) {
        count += 1;
        if count > MAX_HEADERS {
            return Err(ReadError::TooLarge);
        }
        let (name, value) = line.split_once(':').ok_or(ReadError::Malformed)?;
        let value_ok = value.bytes().all(|b| b == b'\t' || !b.is_ascii_control());
        if name.is_empty() || !name.bytes().all(is_token_byte) || !value_ok {
            return Err(ReadError::Malformed);
        }
        if name.eq_ignore_ascii_case("host") {
            hosts += 1;
        }
    }
    if hosts > 1 || (needs_host && hosts == 0) {
        return Err(ReadError::Malformed);
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    Ok(Request {
        method,
        target: target.to_string(),
    })
}

/// `tchar` of RFC 9110: the bytes a method or header name may contain.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A request target split into its decoded path and its query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    /// The path as sent (still percent-encoded), for redirects.
    pub raw_path: &'a str,
    /// The decoded path without its leading `/`: `tin-tuc/a/`, or empty for the home page.
    pub path: String,
    /// The query, without `?`; empty when there is none.
    pub query: &'a str,
}

/// Splits and decodes a request target. Refuses (→ 400) anything but an origin-form target
/// (`/…`), malformed or encoded-slash percent escapes, backslashes, control characters,
/// invalid UTF-8, empty segments and `.`/`..` segments, so a decoded path can only name a
/// file inside the site.
pub fn parse_target(target: &str) -> Option<Target<'_>> {
    let (raw_path, query) = target.split_once('?').unwrap_or((target, ""));
    if !raw_path.starts_with('/') || target.contains('#') {
        return None;
    }
    let decoded = percent_decode(&raw_path[1..])?;
    let path = String::from_utf8(decoded).ok()?;
    if path.contains('\\') || path.chars().any(char::is_control) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if (segment.is_empty() && i != last) || *segment == "." || *segment == ".." {
            return None;
        }
    }
    Some(Target {
        raw_path,
        path,
        query,
    })
}

/// Strict percent-decoding: every `%` must start a two-digit hex escape, and an escaped `/`
/// is refused (it would let one segment pose as two).
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            let byte = high * 16 + low;
            if byte == b'/' {
                return None;
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// One response; the connection is closed after it.
#[derive(Debug)]
pub struct Response<'a> {
    /// Status code, e.g. 200.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Extra headers (`Location`, `Allow`).
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for HEAD).
    pub body: Cow<'a, [u8]>,
}

impl<'a> Response<'a> {
    /// A response with a body and no extra header.
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Cow<'a, [u8]>>) -> Self {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A short plain-text response, for errors.
    pub fn text(status: u16, text: &str) -> Response<'static> {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{status} {}\n{text}\n", reason(status)).into_bytes(),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Writes the status line, headers and (unless `head_only`) the body. Preview
    /// responses are never cached, so an edited page is always fetched again.
    pub fn write_to(&self, stream: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// The reason phrase of the status codes the preview uses.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn read(bytes: &[u8]) -> Result<Request, ReadError> {
        read_request(&mut &bytes[..], Instant::now() + Duration::from_secs(5))
    }

    #[test]
    fn reads_get_head_and_other_methods() {
        let get = read(b"GET /tin-tuc/ HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n").unwrap();
        assert_eq!(
            (get.method, get.target.as_str()),
            (Method::Get, "/tin-tuc/")
        );
        assert_eq!(read(b"HEAD / HTTP/1.0\n\n").unwrap().method, Method::Head);
        assert_eq!(
            read(b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap()
                .method,
            Method::Other
        );
    }

    #[test]
    fn malformed_heads_are_refused() {
        for bad in [
            &b"GET / HTTP/1.1\r\n\r\n"[..],
            b"GET /\r\n\r\n",
            b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
            b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\0y\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
        ] {
            assert_eq!(read(bad), Err(ReadError::Malformed), "{bad:?}");
        }
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x\r\n"), Err(ReadError::Gone));
        assert_eq!(read(b""), Err(ReadError::Gone));
    }

    #[test]
    fn oversized_heads_are_431() {
        let mut long = b"GET / HTTP/1.1\r\nHost: x\r\nCookie: ".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_HEAD));
        long.extend_from_slice(b"\r\n\r\n");
        assert_eq!(read(&long), Err(ReadError::TooLarge));
        let many = format!(
            "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
            "A: b\r\n".repeat(101)
        );
        assert_eq!(read(many.as_bytes()), Err(ReadError::TooLarge));
    }

    #[test]
    fn targets_decode_strictly() {
        let t = parse_target("/tin-tuc/a%20b/?x=1").unwrap();
        assert_eq!(
            (t.raw_path, t.path.as_str(), t.query),
            ("/tin-tuc/a%20b/", "tin-tuc/a b/", "x=1")
        );
        assert_eq!(parse_target("/").unwrap().path, "");
        assert_eq!(parse_target("/%C4%91").unwrap().path, "đ");
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/a/%2F/b",
            "/a/..",
            "/./a",
            "/a//b",
            "//etc/passwd",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00b",
            "/a%0a",
            "/%",
            "/%4",
            "/%zz",
            "/%ff",
            "a/b",
            "http://example.vn/",
            "*",
            "/a#b",
        ] {
            assert_eq!(parse_target(bad), None, "{bad}");
        }
    }

    #[test]
    fn responses_carry_length_and_no_body_for_head() {
        let response = Response::new(200, "text/plain", &b"xin chao"[..])
            .with_header("Location", "/a/".to_string());
        let mut bytes = Vec::new();
        response.write_to(&mut bytes, true).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("Content-Length: 8\r\n"));
        assert!(text.contains("Location: /a/\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
