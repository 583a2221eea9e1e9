//! `baocao check`: links, anchors and images in Markdown are checked against the rendered
//! site; problems are warnings, and `--strict` makes them errors.

mod common;

use common::{baocao_in, site_copy};

#[test]
fn broken_links_anchors_and_images_are_warnings_and_strict_makes_them_errors() {
    let (_dir, site) = site_copy("basic");
    std::fs::write(
        site.join("content/articles/2020/lien-ket.md"),
        "+++\ntitle = \"Liên kết\"\ndate = \"2020-10-01\"\n+++\n\
         Xem [kế hoạch](/tin-tuc/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/#muc-tieu) và [tệp](/files/ke-hoach-126.pdf).\n\n\
         Sai: [trang cũ](/tin-tuc/khong-co/), [mục](/tin-tuc/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/#khong-co), [tương đối](ke-hoach.md).\n\n\
         ![](/files/ke-hoach-126.pdf) ![Ảnh hội nghị](/anh/hoi-nghi.jpg)\n",
    )
    .unwrap();
    let site_arg = site.to_str().unwrap();
    let result = baocao_in("en", &["check", site_arg]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "warnings do not fail a check: {stderr}"
    );
    let file = "content/articles/2020/lien-ket.md";
    for expected in [
        format!("{file}:7:6: warning: `/tin-tuc/khong-co/` points to no page or file of this site"),
        format!(
            "{file}:7:38: warning: the anchor `#khong-co` does not exist on /tin-tuc/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/"
        ),
        format!("{file}:7:131: warning: the link `ke-hoach.md` is relative"),
        format!("{file}:9:1: warning: the image `/files/ke-hoach-126.pdf` has no alt text"),
        format!("{file}:9:30: warning: `/anh/hoi-nghi.jpg` points to no image of this site"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains(": 5 warnings"),
        "the two good links pass: {stderr}"
    );
    let strict = baocao_in("en", &["check", site_arg, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&strict.stderr).contains(&format!("{file}:9:1: error: the image"))
    );
}
