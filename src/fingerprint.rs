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
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
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

/// Bytes gathered before xxh3 gets them.
const STREAM_BUFFER: usize = 256;

/// xxh3's streaming state behind a small buffer. Fingerprints are made of many short pieces (a
/// tag, a length, a field name), and handing each to xxh3 alone costs more than copying it;
/// the hash is the same however the bytes are split.
#[derive(Clone)]
struct Stream {
    state: Xxh3,
    buffer: [u8; STREAM_BUFFER],
    used: usize,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            state: Xxh3::new(),
            buffer: [0; STREAM_BUFFER],
            used: 0,
        }
    }
}

impl Stream {
    #[inline]
    fn update(&mut self, bytes: &[u8]) {
        if let Some(room) = self.buffer.get_mut(self.used..self.used + bytes.len()) {
            room.copy_from_slice(bytes);
            self.used += bytes.len();
        } else {
            self.spill(bytes);
        }
    }

    /// Hands the buffer to xxh3, then `bytes` (kept for later if they are short).
    fn spill(&mut self, bytes: &[u8]) {
        self.state.update(&self.buffer[..self.used]);
        self.used = 0;
        if bytes.len() >= STREAM_BUFFER {
            self.state.update(bytes);
        } else {
            self.buffer[..bytes.len()].copy_from_slice(bytes);
            self.used = bytes.len();
        }
    }

    fn digest128(&self) -> u128 {
        let mut state = self.state.clone();
        state.update(&self.buffer[..self.used]);
        state.digest128()
    }
}

/// Builds a fingerprint from several inputs. Each input is written with its length, so that
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Hasher(Stream);

impl Hasher {
    /// An empty hasher.
    pub fn new() -> Hasher {
        Hasher(Stream::default())
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

    /// Adds any serialisable value: its structure, field names and data, fed straight into
    /// the hash (no text is made). Returns false when the value cannot be serialised: the
    /// fingerprint then does not describe it and must not be trusted.
    pub fn serialize<T: Serialize + ?Sized>(&mut self, value: &T) -> bool {
        let ok = value.serialize(Feed(&mut self.0)).is_ok();
        self.0.update(b"\0");
        ok
    }

    /// The fingerprint of everything added.
    pub fn finish(&self) -> Fingerprint {
        Fingerprint(self.0.digest128())
    }
}

/// A serde serializer that feeds every value into the hash, each with a tag for its kind and
/// strings with their length, so that different values never feed the same bytes.
struct Feed<'a>(&'a mut Stream);

/// Serialisation of a value into the hash cannot fail but for custom errors of `Serialize`
/// implementations.
#[derive(Debug)]
struct FeedError;

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("value cannot be serialised")
    }
}

impl std::error::Error for FeedError {}

impl serde::ser::Error for FeedError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        FeedError
    }
}

impl Feed<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.update(&[tag]);
    }

    fn text(&mut self, tag: u8, text: &str) {
        self.0.update(&[tag]);
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
    }
}

macro_rules! feed_numbers {
    ($($method:ident: $ty:ty => $tag:literal),* $(,)?) => {$(
        fn $method(mut self, v: $ty) -> Result<(), FeedError> {
            self.tag($tag);
            self.0.update(&v.to_le_bytes());
            Ok(())
        }
    )*};
}

impl<'a> serde::Serializer for Feed<'a> {
    type Ok = ();
    type Error = FeedError;
    type SerializeSeq = Feed<'a>;
    type SerializeTuple = Feed<'a>;
    type SerializeTupleStruct = Feed<'a>;
    type SerializeTupleVariant = Feed<'a>;
    type SerializeMap = Feed<'a>;
    type SerializeStruct = Feed<'a>;
    type SerializeStructVariant = Feed<'a>;

    feed_numbers!(
        serialize_i8: i8 => 1, serialize_i16: i16 => 2, serialize_i32: i32 => 3,
        serialize_i64: i64 => 4, serialize_i128: i128 => 5, serialize_u8: u8 => 6,
        serialize_u16: u16 => 7, serialize_u32: u32 => 8, serialize_u64: u64 => 9,
        serialize_u128: u128 => 10, serialize_f32: f32 => 11, serialize_f64: f64 => 12,
    );

    fn serialize_bool(mut self, v: bool) -> Result<(), FeedError> {
        self.tag(if v { 13 } else { 14 });
        Ok(())
    }

    fn serialize_char(mut self, v: char) -> Result<(), FeedError> {
        self.text(15, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(mut self, v: &str) -> Result<(), FeedError> {
        self.text(16, v);
        Ok(())
    }

    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), FeedError> {
        self.tag(17);
        self.0.update(&(v.len() as u64).to_le_bytes());
        self.0.update(v);
        Ok(())
    }

    fn serialize_none(mut self) -> Result<(), FeedError> {
        self.tag(18);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<(), FeedError> {
        self.tag(19);
        value.serialize(self)
    }

    fn serialize_unit(mut self) -> Result<(), FeedError> {
        self.tag(20);
        Ok(())
    }

    fn serialize_unit_struct(mut self, name: &'static str) -> Result<(), FeedError> {
        self.text(21, name);
        Ok(())
    }

    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), FeedError> {
        self.text(22, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), FeedError> {
        self.text(23, name);
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), FeedError> {
        self.text(24, variant);
        value.serialize(self)
    }

    fn serialize_seq(mut self, _: Option<usize>) -> Result<Self, FeedError> {
        self.tag(25);
        Ok(self)
    }

    fn serialize_tuple(mut self, _: usize) -> Result<Self, FeedError> {
        self.tag(26);
        Ok(self)
    }

    fn serialize_tuple_struct(mut self, name: &'static str, _: usize) -> Result<Self, FeedError> {
        self.text(27, name);
        Ok(self)
    }

    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, FeedError> {
        self.text(28, variant);
        Ok(self)
    }

    fn serialize_map(mut self, _: Option<usize>) -> Result<Self, FeedError> {
        self.tag(29);
        Ok(self)
    }

    fn serialize_struct(mut self, name: &'static str, _: usize) -> Result<Self, FeedError> {
        self.text(30, name);
        Ok(self)
    }

    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, FeedError> {
        self.text(31, variant);
        Ok(self)
    }
}

/// Every compound value: its elements follow one another, and a closing tag ends it (so that
/// `[[a], b]` and `[[a, b]]` differ).
macro_rules! feed_compound {
    ($($trait:ident: $method:ident),* $(,)?) => {$(
        impl serde::ser::$trait for Feed<'_> {
            type Ok = ();
            type Error = FeedError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FeedError> {
                value.serialize(Feed(&mut *self.0))
            }

            fn end(mut self) -> Result<(), FeedError> {
                self.tag(0xff);
                Ok(())
            }
        }
    )*};
}

feed_compound!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field,
);

impl serde::ser::SerializeMap for Feed<'_> {
    type Ok = ();
    type Error = FeedError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FeedError> {
        key.serialize(Feed(&mut *self.0))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FeedError> {
        value.serialize(Feed(&mut *self.0))
    }

    fn end(mut self) -> Result<(), FeedError> {
        self.tag(0xff);
        Ok(())
    }
}

macro_rules! feed_fields {
    ($($trait:ident),* $(,)?) => {$(
        impl serde::ser::$trait for Feed<'_> {
            type Ok = ();
            type Error = FeedError;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), FeedError> {
                self.text(32, key);
                value.serialize(Feed(&mut *self.0))
            }

            fn end(mut self) -> Result<(), FeedError> {
                self.tag(0xff);
                Ok(())
            }
        }
    )*};
}

feed_fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffering_does_not_change_the_hash() {
        // Pieces of every length around the buffer's size, in an order that spills at many
        // offsets: the result must be xxh3 of all the bytes at once.
        let mut stream = Stream::default();
        let mut all = Vec::new();
        for n in (0..700)
            .step_by(7)
            .chain([255, 256, 257, 511, 512, 1, 0, 3])
        {
            let piece: Vec<u8> = (0..n).map(|i| (i * 31 + n) as u8).collect();
            stream.update(&piece);
            all.extend_from_slice(&piece);
        }
        assert_eq!(stream.digest128(), xxhash_rust::xxh3::xxh3_128(&all));
        assert_eq!(
            Stream::default().digest128(),
            xxhash_rust::xxh3::xxh3_128(&[])
        );
    }

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
        let nested: (Vec<Vec<u8>>, Vec<Vec<u8>>) = (vec![vec![1], vec![2]], vec![vec![1, 2]]);
        let mut c = Hasher::new();
        c.serialize(&nested.0);
        let mut d = Hasher::new();
        d.serialize(&nested.1);
        assert_ne!(c.finish(), d.finish(), "nesting is part of the value");
    }

    #[test]
    fn display_and_parse_round_trip() {
        let f = Fingerprint::of("Quận 11".as_bytes());
        assert_eq!(Fingerprint::parse(&f.to_string()), Some(f));
        assert_eq!(Fingerprint::parse("xyz"), None);
    }
}
