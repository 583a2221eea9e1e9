//! Authoring helpers: `baocao new article` (a new draft with its front matter filled in) and
//! `baocao init` (a small site that builds and serves at once). The files they write live as
//! real files next to this module and are embedded in the binary.

mod article;
mod files;
mod init;

pub use article::{NewArticle, new_article};
pub use files::ScaffoldError;
pub use init::init;
