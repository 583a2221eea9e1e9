//! A parsed document as the build cache keeps it.

use std::ops::Range;
use std::sync::Arc;

use super::document::Document;
use crate::cache::Encoded;

/// A parsed document as the caches keep it: encoded as the stored cache holds it (postcard,
/// without its body and HTML). Keeping thousands of articles so costs a fraction of their
/// memory, the encoding is done by the thread that parsed the file, and writing the cache
/// copies bytes. One read from the stored cache is not copied out of it.
#[derive(Clone, Debug)]
pub enum EncodedDocument {
    /// Encoded by this process.
    Made(Vec<u8>),
    /// Where it lies in the stored cache's bytes.
    Stored(Arc<[u8]>, Range<usize>),
}

impl Encoded for EncodedDocument {
    fn stored(bytes: Arc<[u8]>, range: Range<usize>) -> Self {
        EncodedDocument::Stored(bytes, range)
    }

    fn bytes(&self) -> Option<&[u8]> {
        match self {
            EncodedDocument::Made(bytes) => Some(bytes),
            EncodedDocument::Stored(bytes, range) => bytes.get(range.clone()),
        }
    }
}

impl EncodedDocument {
    /// `document` encoded; `None` if it cannot be (its file is then parsed on every build).
    pub fn of(document: &Document) -> Option<EncodedDocument> {
        // Encoded into room for most documents, then copied out at its length: a buffer grown
        // by doubling leaves up to half of it unused, which mimalloc does not give back when
        // asked to shrink, and these are kept for every document to the end of the build.
        let encoded = postcard::to_extend(&Some(document), Vec::with_capacity(4096)).ok()?;
        Some(EncodedDocument::Made(encoded.as_slice().to_vec()))
    }

    /// The document again; `None` if the bytes do not decode.
    pub fn decode(&self) -> Option<Document> {
        postcard::from_bytes::<Option<Document>>(self.bytes()?)
            .ok()
            .flatten()
    }
}
