//! The `baocao` command line.

fn main() {}
