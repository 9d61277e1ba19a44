//! Rendering check results for machines (JSON), CI (GitHub annotations), code-scanning
//! dashboards (SARIF) and logs (plain lines). The rendering with source excerpts that
//! people read in a terminal belongs to the command line (`tthc-cli`), which alone pulls
//! in a terminal renderer.

pub mod github;
pub mod json;
pub mod plain;
pub mod sarif;

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Lang};

/// A diagnostic's main position: file path, 1-based line and column.
pub fn position<'a>(checked: &'a Checked, d: &Diagnostic) -> (&'a str, usize, usize) {
    let f = &checked.files[d.loc.file];
    let (l, c) = f.line_col(d.loc.span.start);
    (&f.path, l, c)
}

/// The closing summary line, e.g. "37 procedures in 40 files: no problems found".
pub fn summary(checked: &Checked, lang: Lang) -> String {
    let p = checked.procedures_in_focus();
    let f = checked.files_in_focus();
    let (e, w) = (checked.errors(), checked.warnings());
    match lang {
        Lang::En => {
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            let found = if e == 0 && w == 0 {
                "no problems found".to_string()
            } else {
                format!(
                    "{}, {}",
                    plural(e, "error", "errors"),
                    plural(w, "warning", "warnings")
                )
            };
            let mut line = format!(
                "{} in {}: {found}",
                plural(p, "procedure", "procedures"),
                plural(f, "file", "files")
            );
            let (oe, ow) = checked.elsewhere;
            if oe + ow > 0 {
                line.push_str(&format!(
                    " ({} and {} elsewhere in the catalogue, not shown)",
                    plural(oe, "error", "errors"),
                    plural(ow, "warning", "warnings")
                ));
            }
            line
        }
        Lang::Vi => {
            let found = if e == 0 && w == 0 {
                "không có lỗi".to_string()
            } else {
                format!("{e} lỗi, {w} cảnh báo")
            };
            let mut line = format!("{p} thủ tục trong {f} tệp: {found}");
            let (oe, ow) = checked.elsewhere;
            if oe + ow > 0 {
                line.push_str(&format!(
                    " ({oe} lỗi và {ow} cảnh báo ở nơi khác trong danh mục, không hiển thị)"
                ));
            }
            line
        }
    }
}
