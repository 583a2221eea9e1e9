//! What baocao says on the terminal, in the site's language (Vietnamese by default, English
//! for `language = "en"`): build summaries, the progress bar, what `serve`, `new` and `init`
//! did. Diagnostics themselves stay `path:line:col: …`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::config::Language;
use crate::{BuildReport, Progress, i18n};

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
    /// The preview holds a site so large in memory that serving it from disk would be lighter.
    LargeInMemory {
        /// Size of the site's files in MiB.
        mebibytes: usize,
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
    /// `build` or `check` succeeded.
    BuildDone {
        /// What it did.
        report: &'a BuildReport,
        /// True for `check`, which writes nothing.
        checked: bool,
    },
    /// `build` or `check` found errors.
    BuildFailed {
        /// Errors found.
        errors: usize,
    },
    /// With `--verbose`: how long one step of a build took.
    Step {
        /// The step's key (`load`, `render`, …).
        step: &'a str,
        /// Its duration.
        elapsed: Duration,
    },
    /// With `--verbose`: how much of the site was made again.
    Reused {
        /// Pages, charts and copied files made again.
        rendered: usize,
        /// Those kept because their inputs did not change.
        kept: usize,
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
            Message::LargeInMemory { mebibytes } if vi => format!(
                "Gợi ý: bản xem trước đang giữ {} MiB tệp của site trong bộ nhớ; với site lớn như vậy, chạy `baocao serve --to-disk` để dựng vào thư mục kết quả (như `baocao build`) và xem từ đó",
                i18n::format_number(mebibytes as f64, 0, language)
            ),
            Message::LargeInMemory { mebibytes } => format!(
                "Hint: the preview holds {} MiB of the site's files in memory; for a site this large, run `baocao serve --to-disk` to build into the output folder (as `baocao build` does) and serve it from there",
                i18n::format_number(mebibytes as f64, 0, language)
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
            Message::BuildDone { report, checked } => build_done(report, checked, language),
            Message::BuildFailed { errors } if vi => {
                format!("Lỗi: {errors} lỗi; chưa ghi tệp nào, thư mục kết quả vẫn như trước")
            }
            Message::BuildFailed { errors } => format!(
                "Failed: {errors} error(s); nothing was written, the previous output is unchanged"
            ),
            Message::Step { step, elapsed } => {
                let seconds = i18n::format_number(elapsed.as_secs_f64(), 3, language);
                let name = match (step, vi) {
                    ("load", true) => "đọc và kiểm tra nội dung",
                    ("load", false) => "reading and checking the content",
                    ("prepare", true) => "chuẩn bị thẻ bài viết và biểu đồ",
                    ("prepare", false) => "preparing article cards and charts",
                    ("render", true) => "dựng trang và tệp",
                    ("render", false) => "rendering pages and files",
                    ("references", true) => "kiểm tra liên kết",
                    ("references", false) => "checking links",
                    ("write", true) => "ghi ra thư mục kết quả",
                    ("write", false) => "writing the output folder",
                    (other, _) => other,
                };
                if vi {
                    format!("  {name}: {seconds} giây")
                } else {
                    format!("  {name}: {seconds} s")
                }
            }
            Message::Reused { rendered, kept } => {
                let n = |v: usize| i18n::format_number(v as f64, 0, language);
                if vi {
                    format!(
                        "  dựng lại {} trang, biểu đồ và tệp; giữ nguyên {} vì đầu vào không đổi",
                        n(rendered),
                        n(kept)
                    )
                } else {
                    format!(
                        "  rendered {} pages, charts and files; kept {} whose inputs did not change",
                        n(rendered),
                        n(kept)
                    )
                }
            }
        }
    }
}

/// The closing summary of a build or check.
fn build_done(report: &BuildReport, checked: bool, language: Language) -> String {
    let n = |v: usize| i18n::format_number(v as f64, 0, language);
    let seconds = i18n::format_number(report.elapsed.as_secs_f64(), 2, language);
    let kib = |bytes: u64| n(bytes.div_ceil(1024) as usize);
    match (language, checked) {
        (Language::Vi, false) => format!(
            "Đã dựng {} tệp ({} KiB: {} bài viết, {} biểu đồ, chỉ mục tìm kiếm {} KiB) trong {seconds} giây: ghi {} tệp, xóa {} tệp, {} cảnh báo",
            n(report.files),
            kib(report.bytes),
            n(report.articles),
            n(report.charts),
            kib(report.search_index as u64),
            n(report.written),
            n(report.deleted),
            n(report.warnings.len()),
        ),
        (Language::Vi, true) => format!(
            "Đã kiểm tra {} tệp ({} bài viết, {} biểu đồ) trong {seconds} giây, không ghi tệp nào: {} cảnh báo",
            n(report.files),
            n(report.articles),
            n(report.charts),
            n(report.warnings.len()),
        ),
        (Language::En, false) => format!(
            "Built {} files ({} KiB: {} articles, {} charts, search index {} KiB) in {seconds} s: {} written, {} deleted, {} warnings",
            n(report.files),
            kib(report.bytes),
            n(report.articles),
            n(report.charts),
            kib(report.search_index as u64),
            n(report.written),
            n(report.deleted),
            n(report.warnings.len()),
        ),
        (Language::En, true) => format!(
            "Checked {} files ({} articles, {} charts) in {seconds} s, nothing written: {} warnings",
            n(report.files),
            n(report.articles),
            n(report.charts),
            n(report.warnings.len()),
        ),
    }
}

/// A progress bar on standard error, shown only on a terminal and only once a build has
/// taken a second (short builds stay quiet). It is drawn by a thread of its own and erased
/// when the build ends.
pub struct ProgressBar {
    progress: Arc<Progress>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    /// Starts watching `progress` (does nothing when standard error is not a terminal).
    pub fn start(progress: Arc<Progress>, language: Language) -> ProgressBar {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let progress = Arc::clone(&progress);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut shown = false;
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if started.elapsed() < Duration::from_secs(1) {
                        continue;
                    }
                    let line = bar_line(&progress, language);
                    let _ = write!(std::io::stderr(), "\r{line}\x1b[K");
                    shown = true;
                }
                if shown {
                    let _ = write!(std::io::stderr(), "\r\x1b[K");
                }
            })
        });
        ProgressBar {
            progress,
            stop,
            thread,
        }
    }

    /// The counters the build updates.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Erases the bar.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `[#########           ] 45 % (8.366/18.592 tệp)`, or the loading step before that.
fn bar_line(progress: &Progress, language: Language) -> String {
    const WIDTH: usize = 30;
    let total = progress.total.load(Ordering::Relaxed);
    let done = progress.done.load(Ordering::Relaxed).min(total);
    let n = |v: usize| i18n::format_number(v as f64, 0, language);
    if total == 0 {
        return match language {
            Language::Vi => "Đang đọc và kiểm tra nội dung…".to_string(),
            Language::En => "Reading and checking the content…".to_string(),
        };
    }
    let filled = WIDTH * done / total;
    let unit = match language {
        Language::Vi => "tệp",
        Language::En => "files",
    };
    format!(
        "[{}{}] {} % ({}/{} {unit})",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * done / total,
        n(done),
        n(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_summaries_speak_the_site_language() {
        let report = BuildReport {
            articles: 10_000,
            charts: 2_450,
            files: 18_592,
            bytes: 297_501_696,
            search_index: 8_137_000,
            written: 3,
            elapsed: Duration::from_millis(2090),
            ..BuildReport::default()
        };
        let done = Message::BuildDone {
            report: &report,
            checked: false,
        };
        assert_eq!(
            done.text(Language::Vi),
            "Đã dựng 18.592 tệp (290.529 KiB: 10.000 bài viết, 2.450 biểu đồ, chỉ mục tìm kiếm 7.947 KiB) trong 2,09 giây: ghi 3 tệp, xóa 0 tệp, 0 cảnh báo"
        );
        assert_eq!(
            done.text(Language::En),
            "Built 18,592 files (290,529 KiB: 10,000 articles, 2,450 charts, search index 7,947 KiB) in 2.09 s: 3 written, 0 deleted, 0 warnings"
        );
    }

    #[test]
    fn the_progress_bar_counts_files() {
        let progress = Progress::default();
        assert_eq!(
            bar_line(&progress, Language::Vi),
            "Đang đọc và kiểm tra nội dung…"
        );
        progress.total.store(18_592, Ordering::Relaxed);
        progress.done.store(9_296, Ordering::Relaxed);
        assert_eq!(
            bar_line(&progress, Language::En),
            "[###############               ] 50 % (9,296/18,592 files)"
        );
    }

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
