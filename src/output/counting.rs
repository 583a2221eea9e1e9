//! The sink of `baocao check`: it keeps nothing.

use std::io;
use std::sync::Mutex;

use crate::fingerprint::Fingerprint;
use crate::render::sink::Sink;

/// A sink that keeps nothing and counts what it was given (for `check`).
#[derive(Default)]
pub struct CountingSink {
    totals: Mutex<(usize, usize)>,
}

impl CountingSink {
    /// Files and bytes put so far.
    pub fn totals(&self) -> (usize, usize) {
        *self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for CountingSink {
    fn keep(&self, _: &str, _: Fingerprint) -> Option<u64> {
        None
    }

    fn reuses(&self) -> bool {
        false
    }

    fn put(&self, _: &str, _: Option<Fingerprint>, bytes: Vec<u8>) -> io::Result<()> {
        let mut totals = self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        totals.0 += 1;
        totals.1 += bytes.len();
        Ok(())
    }
}
