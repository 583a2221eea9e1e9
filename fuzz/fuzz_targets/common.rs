//! Checks shared by the fuzz targets.

use baocao::diagnostics::Diagnostic;
use baocao::language::Language;

/// Every diagnostic must point somewhere a person can go: `path:line:col`, both 1-based,
/// with the line inside the text (or just after its end, for "missing at the end" errors).
pub fn check_positions(problems: &[Diagnostic], text: &str) {
    let lines = text.split('\n').count();
    for p in problems {
        let shown = p.display(Language::En);
        assert!(p.line >= 1 && p.col >= 1, "no position: {shown}");
        assert!(p.line <= lines + 1, "line {} of {lines}: {shown}", p.line);
    }
}
