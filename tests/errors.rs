//! Bad input: every problem is reported with `path:line:col`, a message and a hint, all in one
//! run; the exit status is 1; the previous output is left exactly as it was.

mod common;

use std::fs;

use common::{
    baocao, build_args, build_in, in_both_languages, prepend_setting, site_copy, snapshot,
};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_broken_file_is_reported_in_one_run_and_the_output_survives() {
    let (dir, site) = site_copy("basic");
    let out = dir.path().join("out");
    let args = [
        "build",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert!(baocao(&args).status.success());
    let before = snapshot(&out);

    let articles = site.join("content/articles/2024");
    fs::create_dir_all(&articles).unwrap();
    let broken = [
        (
            "khong-tieu-de.md",
            "+++\ndate = \"2024-01-01\"\n+++\nNội dung.\n",
        ),
        ("khong-ngay.md", "+++\ntitle = \"Không ngày\"\n+++\n"),
        (
            "ngay-sai.md",
            "+++\ntitle = \"Ngày sai\"\ndate = \"01/02/2024\"\n+++\n",
        ),
        (
            "chua-dong.md",
            "+++\ntitle = \"Chưa đóng\"\ndate = \"2024-02-01\"\nNội dung.\n",
        ),
        (
            "toml-sai.md",
            "+++\ntitle = \"TOML sai\"\ndate = \"2024-02-01\"\ntags = [\"a\"\n+++\n",
        ),
        (
            "yaml-sai.md",
            "---\ntitle: YAML sai\ndate: 2024-02-01\ntags: [a, b\n---\n",
        ),
        (
            "khoa-la.md",
            "+++\ntitle = \"Khóa lạ\"\ndate = \"2024-02-01\"\ncatgory = \"ke-hoach\"\n+++\n",
        ),
        (
            "chuyen-muc-la.md",
            "---\ntitle: Chuyên mục lạ\ndate: 2024-02-01\ncategory: ke-hoahc\n---\n",
        ),
        (
            "trung-1.md",
            "+++\ntitle = \"Trùng địa chỉ\"\ndate = \"2024-03-01\"\n+++\n",
        ),
        (
            "trung-2.md",
            "+++\ntitle = \"Trùng địa chỉ!\"\ndate = \"2024-03-02\"\n+++\n",
        ),
    ];
    for (name, text) in broken {
        fs::write(articles.join(name), text).unwrap();
    }
    fs::write(
        articles.join("latin1.md"),
        b"+++\ntitle = \"Gi\xe1m ngh\xe8o\"\ndate = \"2024-01-01\"\n+++\n",
    )
    .unwrap();

    let (english, vietnamese) = in_both_languages(
        &build_args(&site, &out),
        &[
            (
                "content/articles/2024/chua-dong.md:1:1: error: the front matter opened with `+++` on line 1 is never closed",
                "content/articles/2024/chua-dong.md:1:1: lỗi: phần thông tin đầu bài mở bằng `+++` ở dòng 1 nhưng không được đóng lại",
            ),
            (
                "content/articles/2024/chuyen-muc-la.md:4:11: error: unknown category `ke-hoahc`",
                "content/articles/2024/chuyen-muc-la.md:4:11: lỗi: không có chuyên mục `ke-hoahc`",
            ),
            (
                "content/articles/2024/khoa-la.md:4:1: error: unknown key `catgory`",
                "content/articles/2024/khoa-la.md:4:1: lỗi: không có khóa `catgory`",
            ),
            (
                "content/articles/2024/khong-ngay.md:1:1: error: the date is missing: every article needs one",
                "content/articles/2024/khong-ngay.md:1:1: lỗi: bài thiếu ngày đăng: bài viết nào cũng cần có ngày",
            ),
            (
                "content/articles/2024/khong-tieu-de.md:1:1: error: the title is missing",
                "content/articles/2024/khong-tieu-de.md:1:1: lỗi: bài thiếu tiêu đề",
            ),
            (
                "content/articles/2024/latin1.md:2:12: error: the file is not UTF-8 text",
                "content/articles/2024/latin1.md:2:12: lỗi: tệp không được lưu với bảng mã UTF-8",
            ),
            (
                "content/articles/2024/ngay-sai.md:3:8: error: `01/02/2024` is not a date",
                "content/articles/2024/ngay-sai.md:3:8: lỗi: `01/02/2024` không phải là một ngày",
            ),
            (
                "content/articles/2024/toml-sai.md:4:12: error: unclosed array, expected `]`",
                "content/articles/2024/toml-sai.md:4:12: lỗi: viết sai cú pháp: unclosed array, expected `]`",
            ),
            (
                "content/articles/2024/trung-2.md:1:1: error: the address /tin-tuc/trung-dia-chi/ is made by both content/articles/2024/trung-1.md and content/articles/2024/trung-2.md",
                "content/articles/2024/trung-2.md:1:1: lỗi: địa chỉ /tin-tuc/trung-dia-chi/ được tạo ra bởi cả content/articles/2024/trung-1.md và content/articles/2024/trung-2.md",
            ),
            (
                "content/articles/2024/yaml-sai.md:5:1: error: did not find expected ',' or ']'",
                "content/articles/2024/yaml-sai.md:5:1: lỗi: viết sai cú pháp: did not find expected ',' or ']'",
            ),
        ],
        &[
            (
                "did you mean `category`?",
                "có phải bạn muốn viết `category`?",
            ),
            (
                "did you mean `ke-hoach`?",
                "có phải bạn muốn viết `ke-hoach`?",
            ),
            (
                "give one of them a different `slug`",
                "đặt `slug` khác cho một trong hai bài",
            ),
            (
                "add a line `title = \"…\"` to the front matter",
                "thêm một dòng `title = \"…\"` vào phần thông tin đầu bài",
            ),
            (
                "dates are written year-month-day",
                "ngày viết theo thứ tự năm-tháng-ngày",
            ),
            (
                "save it again as UTF-8",
                "lưu lại tệp với bảng mã UTF-8 (trong `Notepad`",
            ),
        ],
    );
    assert!(
        english.contains("hint: save it again as UTF-8"),
        "{english}"
    );
    assert!(
        english.contains("Failed: 10 error(s); nothing was written"),
        "{english}"
    );
    assert!(
        vietnamese.contains("10 lỗi; chưa ghi tệp nào"),
        "{vietnamese}"
    );
    assert_eq!(before, snapshot(&out), "the previous output is untouched");
}

#[test]
fn site_toml_typo_names_key_line_and_closest_key() {
    let (dir, site) = site_copy("basic");
    let toml = fs::read_to_string(site.join("site.toml")).unwrap();
    fs::write(
        site.join("site.toml"),
        toml.replace("articles_per_page = 2", "articles_per_pgae = 2"),
    )
    .unwrap();
    let out = dir.path().join("out");
    in_both_languages(
        &build_args(&site, &out),
        &[(
            "site.toml:5:1: error: unknown key `articles_per_pgae`",
            "site.toml:5:1: lỗi: không có khóa `articles_per_pgae`",
        )],
        &[(
            "did you mean `articles_per_page`?",
            "có phải bạn muốn viết `articles_per_page`?",
        )],
    );
    assert!(!out.exists());
}

#[test]
fn a_template_error_names_the_template_file_and_line() {
    let (dir, site) = site_copy("basic");
    let templates = site.join("themes/hong/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("page.html"), "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title | khong_co }}\n{% endblock main %}\n").unwrap();
    prepend_setting(&site, "theme = \"hong\"");
    // The template engine's own words stay as it wrote them, inside a sentence of the
    // reader's language.
    let (english, vietnamese) = in_both_languages(
        &build_args(&site, &dir.path().join("out")),
        &[],
        &[(
            "fix the template; if you did not change templates",
            "sửa mẫu giao diện; nếu bạn không thay đổi mẫu giao diện nào",
        )],
    );
    assert!(
        english.contains("themes/hong/templates/page.html:3:"),
        "{english}"
    );
    assert!(
        vietnamese.contains("themes/hong/templates/page.html:3:")
            && vietnamese.contains(": lỗi: mẫu giao diện có lỗi: "),
        "{vietnamese}"
    );
}

/// Builds a copy of `fixture` whose theme has `template` as `text`, broken on `line`: the build
/// fails, names the template's file and line once however many pages use it, and writes
/// nothing.
fn a_broken_template_is_reported_once(fixture: &str, template: &str, text: &str, line: usize) {
    let (dir, site) = site_copy(fixture);
    let templates = site.join("themes/hong/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join(template), text).unwrap();
    prepend_setting(&site, "theme = \"hong\"");
    let out = dir.path().join("out");
    let place = format!("themes/hong/templates/{template}:{line}:");
    let (english, vietnamese) = in_both_languages(&build_args(&site, &out), &[], &[]);
    assert_eq!(english.matches(&place).count(), 1, "{english}");
    assert_eq!(vietnamese.matches(&place).count(), 1, "{vietnamese}");
    assert!(!out.exists());
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_output_and_its_cache_as_they_were() {
    let (dir, site) = site_copy("basic");
    let out = dir.path().join("out");
    assert!(build_in("en", &site, &out).status.success());
    let before = snapshot(&out);
    let cache = fs::read(out.join(".baocao-cache")).unwrap();
    // An article edited, so the build cache changes (it is written while the site renders),
    // and a template every card list uses broken, so rendering fails.
    let article = site.join("content/articles/2020/tet.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, format!("{text}\nMột đoạn mới.\n")).unwrap();
    let templates = site.join("themes/hong/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("card.html"), "<p>{{ a.khong_co.x }}</p>\n").unwrap();
    prepend_setting(&site, "theme = \"hong\"");
    let result = build_in("en", &site, &out);
    let errors = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{errors}");
    assert!(errors.contains("card.html:1:"), "{errors}");
    assert_eq!(before, snapshot(&out), "the previous output is untouched");
    assert_eq!(cache, fs::read(out.join(".baocao-cache")).unwrap());
    assert!(!out.join(".baocao-staging").exists());
}

#[test]
fn an_error_in_a_template_many_pages_use_is_reported_once() {
    // The series table shows on the indicator's page and on the area's page.
    a_broken_template_is_reported_once(
        "stats",
        "series_table.html",
        "{{ <data_table rows={rows} caption={caption.khong_co.x} /> }}\n",
        1,
    );
}

#[test]
fn an_error_in_the_site_header_is_reported_once_with_its_line() {
    a_broken_template_is_reported_once(
        "basic",
        "header.html",
        "<header>\n{{ site.khong_co.x }}\n</header>\n",
        2,
    );
}

#[test]
fn an_error_in_the_card_template_is_reported_once_with_its_line() {
    a_broken_template_is_reported_once(
        "basic",
        "card.html",
        "<p>{{ a.title }}</p>\n<p>{{ a.khong_co.x }}</p>\n",
        2,
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(baocao(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(baocao(&["frobnicate"]).status.code(), Some(2));
    // No language is known yet: an unknown `--lang` is explained in both, on one line.
    let unknown = baocao(&["build", "--lang", "xx"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.lines().any(|line| line.contains(
            "`xx` không phải là một ngôn ngữ: viết `vi` hoặc `en` / `xx` is not a language: write vi or en"
        )),
        "{stderr}"
    );
}

#[test]
fn a_missing_site_toml_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    in_both_languages(
        &[
            "check".to_string(),
            dir.path().to_str().unwrap().to_string(),
        ],
        &[(
            "site.toml:0:0: error: cannot read site.toml: no such file or folder",
            "site.toml:0:0: lỗi: không đọc được tệp site.toml: không có tệp hay thư mục này",
        )],
        &[(
            "run baocao in a site folder (one with site.toml), or `baocao init DIR`",
            "chạy baocao trong thư mục của trang (thư mục có tệp site.toml), hoặc chạy `baocao init DIR`",
        )],
    );
}
