//! Fingerprints: 128-bit hashes of what an output file is made from (so that unchanged work
//! is skipped) and of what it contains (so that unchanged files are not written again).
//!
//! xxHash3 is fast (gigabytes per second, so hashing a page's inputs costs far less than
//! rendering it) and stable across versions and machines, so fingerprints can be stored in the
//! output folder and compared by the next build.

use std::fmt;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit hash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    /// The fingerprint of some bytes.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// Reads the 32 hex digits written by `Display`.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        if text.len() != 32 {
            return None;
        }
        u128::from_str_radix(text, 16).ok().map(Fingerprint)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// The fingerprint of this baocao program: its version and its executable file's size and
/// modification time, so that files made by another version (or another build of the same
/// version) are never mistaken for current ones.
pub fn build_id() -> Fingerprint {
    static ID: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        let mut h = Hasher::new();
        h.str(env!("CARGO_PKG_VERSION"));
        if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            h.u64(meta.len()).bytes(&modified.to_le_bytes());
        }
        h.finish()
    })
}

/// Builds a fingerprint from several inputs. Each input is written with its length, so that
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Hasher(Xxh3);

impl Hasher {
    /// An empty hasher.
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    /// Adds a string.
    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a number.
    pub fn u64(&mut self, value: u64) -> &mut Self {
        self.0.update(&value.to_le_bytes());
        self
    }

    /// Adds another fingerprint.
    pub fn fingerprint(&mut self, fingerprint: Fingerprint) -> &mut Self {
        self.0.update(&fingerprint.0.to_le_bytes());
        self
    }

    /// Adds any serialisable value, as its JSON text. Returns false when the value cannot be
    /// serialised as JSON: the fingerprint then does not describe it and must not be trusted.
    pub fn serialize<T: Serialize + ?Sized>(&mut self, value: &T) -> bool {
        let ok = serde_json::to_writer(Writer(&mut self.0), value).is_ok();
        self.0.update(b"\0");
        ok
    }

    /// The fingerprint of everything added.
    pub fn finish(&self) -> Fingerprint {
        Fingerprint(self.0.digest128())
    }
}

/// Lets serde write JSON straight into the hash, without building the text.
struct Writer<'a>(&'a mut Xxh3);

impl std::io::Write for Writer<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_delimited() {
        let mut a = Hasher::new();
        a.str("ab").str("c");
        let mut b = Hasher::new();
        b.str("a").str("bc");
        assert_ne!(a.finish(), b.finish());
    }

    #[test]
    fn serialised_values_hash_by_content() {
        let mut a = Hasher::new();
        assert!(a.serialize(&("Hộ nghèo", 4.85)));
        let mut b = Hasher::new();
        assert!(b.serialize(&("Hộ nghèo", 4.85)));
        assert_eq!(a.finish(), b.finish());
        assert!(b.serialize(&1));
        assert_ne!(a.finish(), b.finish());
        let tuple_keys: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert!(!b.serialize(&tuple_keys), "JSON maps need string keys");
    }

    #[test]
    fn display_and_parse_round_trip() {
        let f = Fingerprint::of("Quận 11".as_bytes());
        assert_eq!(Fingerprint::parse(&f.to_string()), Some(f));
        assert_eq!(Fingerprint::parse("xyz"), None);
    }
}
