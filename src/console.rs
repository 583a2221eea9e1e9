//! What `serve`, `new` and `init` say on the terminal, in the site's language (Vietnamese by
//! default, English for `language = "en"`). Diagnostics themselves stay `path:line:col: …`.

use std::path::Path;
use std::time::Duration;

use crate::config::Language;
use crate::i18n;

/// One line for the person running baocao.
#[derive(Clone, Copy, Debug)]
pub enum Message<'a> {
    /// The preview server is ready at this URL.
    Listening {
        /// `http://127.0.0.1:1111/`
        url: &'a str,
    },
    /// The preview was bound to an address other machines can reach.
    Exposed {
        /// The address given with `--bind`.
        address: &'a str,
    },
    /// A (re)build succeeded and is being served.
    Built {
        /// HTML pages in the site.
        pages: usize,
        /// Warnings of the build.
        warnings: usize,
        /// How long the build took.
        elapsed: Duration,
    },
    /// A (re)build failed.
    Failed {
        /// Errors found.
        errors: usize,
        /// True when the last good build is still served; false when there is none yet.
        kept_previous: bool,
    },
    /// `baocao new article` wrote a file.
    ArticleCreated {
        /// The new file.
        path: &'a Path,
    },
    /// `baocao init` wrote a site.
    SiteCreated {
        /// The new site folder.
        dir: &'a Path,
    },
}

impl Message<'_> {
    /// The message in `language`.
    pub fn text(&self, language: Language) -> String {
        let vi = language == Language::Vi;
        match *self {
            Message::Listening { url } if vi => {
                format!("Xem trước tại {url} — trang tự tải lại khi bạn lưu tệp (Ctrl+C để dừng)")
            }
            Message::Listening { url } => {
                format!("Preview at {url} — pages reload when you save a file (Ctrl+C to stop)")
            }
            Message::Exposed { address } if vi => format!(
                "Cảnh báo: bản xem trước mở trên {address}, các máy khác trong mạng cũng xem được"
            ),
            Message::Exposed { address } => format!(
                "Warning: the preview listens on {address}, so other machines on the network can reach it"
            ),
            Message::Built {
                pages,
                warnings,
                elapsed,
            } => {
                let seconds = i18n::format_number(elapsed.as_secs_f64(), 2, language);
                match (vi, warnings) {
                    (true, 0) => format!("Đã dựng {pages} trang trong {seconds} giây"),
                    (true, w) => {
                        format!("Đã dựng {pages} trang trong {seconds} giây, {w} cảnh báo")
                    }
                    (false, 0) => format!("Built {pages} pages in {seconds} s"),
                    (false, w) => format!("Built {pages} pages in {seconds} s, {w} warning(s)"),
                }
            }
            Message::Failed {
                errors,
                kept_previous,
            } => match (vi, kept_previous) {
                (true, true) => format!(
                    "Lỗi: {errors} lỗi; vẫn hiển thị bản dựng tốt gần nhất, kèm danh sách lỗi"
                ),
                (true, false) => {
                    format!("Lỗi: {errors} lỗi; trang xem trước liệt kê các lỗi cần sửa")
                }
                (false, true) => format!(
                    "Failed: {errors} error(s); still serving the last good build, with the errors on top"
                ),
                (false, false) => {
                    format!("Failed: {errors} error(s); the preview lists what to fix")
                }
            },
            Message::ArticleCreated { path } if vi => format!(
                "Đã tạo {} (bản nháp: xóa dòng `draft = true` khi bài sẵn sàng đăng)",
                path.display()
            ),
            Message::ArticleCreated { path } => format!(
                "Created {} (a draft: delete the `draft = true` line when it is ready)",
                path.display()
            ),
            Message::SiteCreated { dir } if vi => format!(
                "Đã tạo trang mới trong {0}. Xem trước: baocao serve {0}",
                dir.display()
            ),
            Message::SiteCreated { dir } => format!(
                "Created a new site in {0}. Preview it: baocao serve {0}",
                dir.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_times_use_the_language_decimal_mark() {
        let built = Message::Built {
            pages: 42,
            warnings: 0,
            elapsed: Duration::from_millis(1250),
        };
        assert_eq!(built.text(Language::Vi), "Đã dựng 42 trang trong 1,25 giây");
        assert_eq!(built.text(Language::En), "Built 42 pages in 1.25 s");
    }
}
