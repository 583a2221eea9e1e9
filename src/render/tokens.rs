//! Tokens: short placeholders that pages get in place of pieces made at most once per build
//! and shared by every page that shows them (charts, series tables). After a page is rendered,
//! its tokens are replaced by the pieces in one pass.

use std::borrow::Cow;

use super::charts::ChartKey;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;

/// Starts every token.
const START: &str = "<!--baocao:";
/// Ends every token.
const END: &str = "-->";

/// What a token stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A chart's SVG.
    Chart(ChartKey),
    /// The data table of an indicator (first) in an area (second).
    Table(usize, usize),
}

/// The token of a chart. It carries the chart's fingerprint, so pages that show a changed
/// chart change too.
pub fn chart(key: ChartKey, fingerprint: Fingerprint) -> String {
    let (kind, x, y) = match key {
        ChartKey::Trend(i, a) => ('t', i, a),
        ChartKey::Sparkline(i, a) => ('s', i, a),
        ChartKey::Bar(p) => ('b', p, 0),
    };
    format!("{START}chart:{kind}:{x}:{y}:{fingerprint}{END}")
}

/// The token of the data table of indicator `i` in area `a`.
pub fn table(i: usize, a: usize) -> String {
    format!("{START}table:{i}:{a}{END}")
}

/// Reads a token's text (between [`START`] and [`END`]) back into what it stands for.
fn parse(text: &str) -> Option<Piece> {
    let mut parts = text.split(':');
    let piece = parts.next()?;
    let mut kind = "";
    if piece == "chart" {
        kind = parts.next()?;
    }
    let x = parts.next()?.parse().ok()?;
    let y = parts.next()?.parse().ok()?;
    match (piece, kind) {
        ("chart", "t") => Some(Piece::Chart(ChartKey::Trend(x, y))),
        ("chart", "s") => Some(Piece::Chart(ChartKey::Sparkline(x, y))),
        ("chart", "b") => Some(Piece::Chart(ChartKey::Bar(x))),
        ("table", _) if parts.next().is_none() => Some(Piece::Table(x, y)),
        _ => None,
    }
}

/// Replaces every token in a rendered page by what `resolve` gives for it, in one pass. A
/// token that resolves to nothing stays as it is (an HTML comment).
pub fn splice<'a>(
    html: Vec<u8>,
    resolve: impl Fn(Piece) -> Result<Option<Cow<'a, [u8]>>, Diagnostic>,
) -> Result<Vec<u8>, Diagnostic> {
    let finder = memchr::memmem::Finder::new(START);
    let Some(first) = finder.find(&html) else {
        return Ok(html);
    };
    // The pieces of the result in order, then copied once into a buffer of their total size
    // (a page of an indicator with many areas grows from kilobytes to megabytes).
    let mut pieces: Vec<Cow<'_, [u8]>> = Vec::new();
    let mut rest = &html[..];
    let mut next = Some(first);
    while let Some(start) = next {
        pieces.push(Cow::Borrowed(&rest[..start]));
        let after = &rest[start + START.len()..];
        let Some(end) = memchr::memmem::find(after, END.as_bytes()) else {
            pieces.push(Cow::Borrowed(&rest[start..]));
            rest = &[];
            break;
        };
        let piece = std::str::from_utf8(&after[..end]).ok().and_then(parse);
        match piece.map(&resolve).transpose()?.flatten() {
            Some(made) => pieces.push(made),
            None => pieces.push(Cow::Borrowed(
                &rest[start..start + START.len() + end + END.len()],
            )),
        }
        rest = &after[end + END.len()..];
        next = finder.find(rest);
    }
    pieces.push(Cow::Borrowed(rest));
    let mut out = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in &pieces {
        out.extend_from_slice(piece);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_back_into_what_they_stand_for() {
        let fingerprint = Fingerprint::of(b"x");
        for piece in [
            Piece::Chart(ChartKey::Trend(3, 17)),
            Piece::Chart(ChartKey::Sparkline(0, 2)),
            Piece::Chart(ChartKey::Bar(41)),
            Piece::Table(5, 9),
        ] {
            let token = match piece {
                Piece::Chart(key) => chart(key, fingerprint),
                Piece::Table(i, a) => table(i, a),
            };
            let text = &token[START.len()..token.len() - END.len()];
            assert_eq!(parse(text), Some(piece), "{token}");
        }
        assert_eq!(table(5, 9), "<!--baocao:table:5:9-->");
        assert_eq!(parse("chart:x:1:2"), None);
        assert_eq!(parse("chart:t:a:2"), None);
        assert_eq!(parse("table:1:2:3"), None);
        assert_eq!(parse("figure:1:2"), None);
    }

    #[test]
    fn tokens_are_replaced_in_one_pass_and_unknown_ones_left() {
        let html = format!(
            "<p>a</p>{}<p>b</p>{}<!--baocao:table:9:9--><!-- plain -->",
            table(1, 2),
            chart(ChartKey::Bar(0), Fingerprint::of(b"x"))
        );
        let out = splice(html.into_bytes(), |piece| {
            Ok(match piece {
                Piece::Table(1, 2) => Some(Cow::Borrowed(&b"<table></table>"[..])),
                Piece::Chart(ChartKey::Bar(0)) => Some(Cow::Owned(b"<svg></svg>".to_vec())),
                _ => None,
            })
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p>a</p><table></table><p>b</p><svg></svg><!--baocao:table:9:9--><!-- plain -->"
        );
        let failed = splice(table(1, 2).into_bytes(), |_| {
            Err(Diagnostic::error(
                "t.html",
                3,
                1,
                crate::diagnostics::Id::TemplateProblem,
            ))
        });
        assert_eq!(failed.unwrap_err().line, 3);
    }
}
