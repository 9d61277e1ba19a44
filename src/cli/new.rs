//! `tthc new`: scaffolding for the common task of encoding a new decision, so that legal
//! staff start from what is in force instead of a blank file or an edit of a record.
//!
//! `tthc new decision NUMBER …` makes the decision's folder and its declaration;
//! `tthc new version PROCEDURE --decision NUMBER` writes, into that folder, a new version
//! of the procedure copied from the version in force when the decision takes effect. Both
//! refuse to write over a file that exists: nothing they write replaces what they did
//! not write.

use super::catalogue;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tthc::diagnostic::Lang;
use tthc::model::{Catalogue, Procedure, Version};
use tthc::sources::Origin;
use tthc::syntax::ast::{self, Item, StmtKind};

/// Arguments of `tthc new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Make a new decision's folder and its `decision.tthc`:
    /// `tthc new decision "2000/QĐ-UBND" --signed 2025-06-25 --effective 2025-07-01 --issuer "Chủ tịch UBND tỉnh"`.
    Decision(DecisionArgs),
    /// Write a new version of a procedure into a decision's folder, copied from the
    /// version in force when the decision takes effect:
    /// `tthc new version dang-ky-khai-sinh --decision "2000/QĐ-UBND" --item B.1`.
    Version(VersionArgs),
}

/// Arguments of `tthc new decision`.
#[derive(clap::Args, Debug)]
struct DecisionArgs {
    /// The decision's number as printed, e.g. `2000/QĐ-UBND`.
    number: String,
    /// Signing date (YYYY-MM-DD).
    #[arg(long, value_parser = catalogue::parse_date)]
    signed: chrono::NaiveDate,
    /// Effective date (default: the signing date, as "có hiệu lực kể từ ngày ký").
    #[arg(long, value_parser = catalogue::parse_date)]
    effective: Option<chrono::NaiveDate>,
    /// Who issued it, as printed.
    #[arg(long)]
    issuer: String,
    /// Its title (trích yếu), as printed.
    #[arg(long)]
    title: Option<String>,
    /// The catalogue folder (default: ./procedures).
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    catalogue: PathBuf,
}

/// Arguments of `tthc new version`.
#[derive(clap::Args, Debug)]
struct VersionArgs {
    /// The procedure's id.
    procedure: String,
    /// The decision publishing the new version (declared in the catalogue).
    #[arg(long)]
    decision: String,
    /// The item of the new decision's appendix (default: the same as the version copied;
    /// decisions often renumber, so check it).
    #[arg(long)]
    item: Option<String>,
    /// The catalogue folder (default: ./procedures).
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    catalogue: PathBuf,
}

/// Runs `tthc new`.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let result = match args.what {
        What::Decision(a) => new_decision(&a, lang),
        What::Version(a) => new_version(&a, lang),
    };
    match result {
        Ok(message) => {
            print!("{message}");
            ExitCode::SUCCESS
        }
        Err((en, vi)) => super::cannot_run(lang, &en, &vi),
    }
}

type Failure = (String, String);

/// The folder name of a decision: `2000/QĐ-UBND` → `2000-QD-UBND`, as the bundled
/// catalogue names its folders.
pub fn folder_name(number: &str) -> String {
    tthc::emit::review::slug(number).to_uppercase()
}

/// A string as the language quotes it.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            (
                format!("cannot create {}: {e}", dir.display()),
                format!("không tạo được thư mục {}: {e}", dir.display()),
            )
        })?;
    }
    // create_new: an existing file (perhaps edited by hand) is never overwritten.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                (
                    format!(
                        "{} already exists; tthc new never writes over a file (edit it, or move it away first)",
                        path.display()
                    ),
                    format!(
                        "{} đã có; tthc new không bao giờ ghi đè tệp (hãy sửa tệp đó, hoặc chuyển đi trước)",
                        path.display()
                    ),
                )
            } else {
                (
                    format!("cannot write {}: {e}", path.display()),
                    format!("không ghi được {}: {e}", path.display()),
                )
            }
        })?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| {
        (
            format!("cannot write {}: {e}", path.display()),
            format!("không ghi được {}: {e}", path.display()),
        )
    })
}

fn new_decision(a: &DecisionArgs, lang: Lang) -> Result<String, Failure> {
    if !a.catalogue.is_dir() {
        return Err(no_folder(&a.catalogue));
    }
    let effective = a.effective.unwrap_or(a.signed);
    let mut text = format!(
        "# Quyết định số {} ngày {}.\n",
        a.number,
        a.signed.format("%d/%m/%Y")
    );
    text.push_str(&format!("decision {} {{\n", quoted(&a.number)));
    if let Some(t) = &a.title {
        text.push_str(&format!("  title {}\n", quoted(t)));
    }
    text.push_str(&format!("  signed {}\n", a.signed));
    text.push_str(&format!("  effective {effective}\n"));
    text.push_str(&format!("  issuer {}\n", quoted(&a.issuer)));
    text.push_str(
        "  # What it replaces or repeals, e.g. replaces \"1086/QĐ-UBND\" item \"A.1\" (docs/language.md).\n",
    );
    text.push_str("}\n");
    let text = tthc::format::format_text("decision.tthc", &text).unwrap_or(text);
    let path = a
        .catalogue
        .join(folder_name(&a.number))
        .join("decision.tthc");
    write_new(&path, &text)?;
    Ok(lang
        .pick(
            &format!(
                "wrote {}\nnext: say what it replaces or repeals in it, then add its procedures with `tthc new version PROCEDURE --decision {}`\n",
                path.display(),
                quoted(&a.number)
            ),
            &format!(
                "đã ghi {}\ntiếp theo: ghi quyết định này thay thế hoặc bãi bỏ gì, rồi thêm thủ tục bằng `tthc new version THỦ-TỤC --decision {}`\n",
                path.display(),
                quoted(&a.number)
            ),
        )
        .to_string())
}

fn no_folder(dir: &Path) -> Failure {
    (
        format!(
            "{} is not a catalogue folder; run in a working copy or give --catalogue DIR",
            dir.display()
        ),
        format!(
            "{} không phải thư mục danh mục; hãy chạy trong bản làm việc hoặc chỉ --catalogue THƯ-MỤC",
            dir.display()
        ),
    )
}

fn new_version(a: &VersionArgs, lang: Lang) -> Result<String, Failure> {
    if !a.catalogue.is_dir() {
        return Err(no_folder(&a.catalogue));
    }
    let (source, checked) = catalogue::check_paths(std::slice::from_ref(&a.catalogue), None, lang)
        .map_err(|e| (e.message.clone(), e.message))?;
    if !matches!(source.origin, Origin::Folder(_)) {
        return Err(no_folder(&a.catalogue));
    }
    let cat: &Catalogue = &checked.catalogue;
    let Some(decision) = cat.decision(&a.decision) else {
        let folder = a.catalogue.join(folder_name(&a.decision));
        return Err((
            format!(
                "decision {} is not declared in {}; declare it first: tthc new decision {} --signed DATE --effective DATE --issuer \"…\" (it goes in {})",
                quoted(&a.decision),
                a.catalogue.display(),
                quoted(&a.decision),
                folder.display()
            ),
            format!(
                "quyết định {} chưa được khai báo trong {}; hãy khai báo trước: tthc new decision {} --signed NGÀY --effective NGÀY --issuer \"…\" (đặt trong {})",
                quoted(&a.decision),
                a.catalogue.display(),
                quoted(&a.decision),
                folder.display()
            ),
        ));
    };
    let Some(procedure) = cat.procedures.iter().find(|p| p.id == a.procedure) else {
        let ids = cat.procedures.iter().map(|p| p.id.as_str());
        let hint = tthc::diagnostic::suggest(&a.procedure, ids)
            .map(|s| {
                (
                    format!(" (did you mean `{s}`?)"),
                    format!(" (có phải `{s}`?)"),
                )
            })
            .unwrap_or_default();
        return Err((
            format!("no procedure `{}` in the catalogue{}", a.procedure, hint.0),
            format!("danh mục không có thủ tục `{}`{}", a.procedure, hint.1),
        ));
    };
    // The version in force when the decision takes effect, else the latest one.
    let from = procedure
        .version_at(decision.effective)
        .or_else(|| procedure.versions.iter().max_by_key(|v| v.valid_from))
        .ok_or_else(|| {
            (
                format!("procedure `{}` has no version to copy", a.procedure),
                format!("thủ tục `{}` không có phiên bản nào để chép", a.procedure),
            )
        })?;
    if from.source.decision == decision.number {
        return Err((
            format!(
                "procedure `{}` already has a version from {}",
                a.procedure, decision.number
            ),
            format!(
                "thủ tục `{}` đã có phiên bản theo {}",
                a.procedure, decision.number
            ),
        ));
    }
    let file = &checked.files[from.loc.file];
    let tree = tthc::syntax::parse(&file.text).map_err(|_| {
        (
            format!("{} does not parse; run tthc check", file.path),
            format!("{} có lỗi cú pháp; hãy chạy tthc check", file.path),
        )
    })?;
    let stmts = version_statements(&tree, procedure, from).ok_or_else(|| {
        (
            format!("cannot find the version to copy in {}", file.path),
            format!("không tìm thấy phiên bản cần chép trong {}", file.path),
        )
    })?;
    let item = a.item.clone().unwrap_or_else(|| from.source.item.clone());
    let label = label_for(procedure, decision);
    let decision_dir = Path::new(&checked.files[decision.loc.file].path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| a.catalogue.clone());
    let (line, _) = file.line_col(from.loc.span.start);
    let mut text = format!(
        "# Quyết định {}, mục {}: phiên bản mới của thủ tục {}.\n\
         # Chép từ phiên bản đang áp dụng ({} mục {}, {}:{}); sửa theo quyết định mới,\n\
         # thêm dòng `interpreted` ở chỗ bản in phải diễn giải.\n",
        decision.number,
        item,
        procedure.id,
        from.source.decision,
        from.source.item,
        file.path,
        line
    );
    text.push_str(&format!("procedure {} {{\n", procedure.id));
    text.push_str(&format!("  version {label} {{\n"));
    text.push_str(&format!(
        "    source {} item {}\n",
        quoted(&decision.number),
        quoted(&item)
    ));
    for s in stmts {
        text.push_str("    ");
        text.push_str(file.slice(s.span).trim());
        text.push('\n');
    }
    text.push_str("  }\n}\n");
    let text = tthc::format::format_text("new.tthc", &text).ok_or_else(|| {
        (
            "the copied version does not parse; this is a bug in tthc new".to_string(),
            "phiên bản chép ra có lỗi cú pháp; đây là lỗi của tthc new".to_string(),
        )
    })?;
    let path = decision_dir.join(format!("{}-{}.tthc", item_slug(&item), procedure.id));
    write_new(&path, &text)?;
    let mut out = lang
        .pick(
            &format!(
                "wrote {} (copied from {} item {})\n",
                path.display(),
                from.source.decision,
                from.source.item
            ),
            &format!(
                "đã ghi {} (chép từ {} mục {})\n",
                path.display(),
                from.source.decision,
                from.source.item
            ),
        )
        .to_string();
    let replaced = decision.amends.iter().any(|m| {
        m.decision == from.source.decision
            && m.item.as_deref().is_none_or(|i| i == from.source.item)
    });
    if !replaced {
        let line = format!(
            "replaces {} item {}",
            quoted(&from.source.decision),
            quoted(&from.source.item)
        );
        out.push_str(lang.pick(
            &format!(
                "note: {} does not say it replaces {} item {}; unless that version ends by itself, add `{line}` to its declaration, or the two versions overlap (TTHC017)\n",
                decision.number, from.source.decision, from.source.item
            ),
            &format!(
                "lưu ý: {} chưa ghi thay thế {} mục {}; trừ khi phiên bản đó tự hết hiệu lực, hãy thêm `{line}` vào khai báo quyết định, nếu không hai phiên bản sẽ chồng nhau (TTHC017)\n",
                decision.number, from.source.decision, from.source.item
            ),
        ));
    }
    out.push_str(lang.pick(
        &format!(
            "next: edit it to say what the new decision says, then `tthc check --at {}`\n",
            decision.effective
        ),
        &format!(
            "tiếp theo: sửa cho đúng quyết định mới, rồi chạy `tthc check --at {}`\n",
            decision.effective
        ),
    ));
    Ok(out)
}

/// The statements of `version` as the file writes them, without those that tie it to
/// its decision (`source`, `from`, `until`) or belong to the procedure.
fn version_statements<'t>(
    tree: &'t ast::File,
    procedure: &Procedure,
    version: &Version,
) -> Option<Vec<&'t ast::Stmt>> {
    let block = tree.items.iter().find_map(|i| match i {
        Item::Procedure(b) if b.name.text == procedure.id => Some(b),
        _ => None,
    })?;
    let stmts: &Vec<ast::Stmt> = match &version.label {
        Some(label) => block.stmts.iter().find_map(|s| match &s.kind {
            StmtKind::Version(v) if &v.name.text == label => Some(&v.stmts),
            _ => None,
        })?,
        None => &block.stmts,
    };
    Some(
        stmts
            .iter()
            .filter(|s| {
                !matches!(
                    s.kind,
                    StmtKind::Source { .. }
                        | StmtKind::From(_)
                        | StmtKind::Until(_)
                        | StmtKind::Name(_)
                        | StmtKind::Code(_)
                        | StmtKind::Field(_)
                        | StmtKind::Version(_)
                )
            })
            .collect(),
    )
}

/// The new version's label: the year it takes effect, or the decision's folder name when
/// the procedure already has a version of that label.
fn label_for(procedure: &Procedure, decision: &tthc::model::Decision) -> String {
    let year = decision.effective.format("%Y").to_string();
    if procedure
        .versions
        .iter()
        .any(|v| v.label.as_deref() == Some(year.as_str()))
    {
        tthc::emit::review::slug(&decision.number)
    } else {
        year
    }
}

/// A file-name prefix for an item, as the bundled files are named: `A.1` → `a01`,
/// `B.16` → `b16`, `1` → `01`.
fn item_slug(item: &str) -> String {
    let (part, number) = item.split_once('.').unwrap_or(("", item));
    let number = match number.parse::<u32>() {
        Ok(n) => format!("{n:02}"),
        Err(_) => tthc::emit::review::slug(number),
    };
    if part.is_empty() {
        return number;
    }
    format!("{}{number}", tthc::emit::review::slug(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_bundled_catalogue() {
        assert_eq!(folder_name("1086/QĐ-UBND"), "1086-QD-UBND");
        assert_eq!(item_slug("A.1"), "a01");
        assert_eq!(item_slug("B.16"), "b16");
        assert_eq!(item_slug("1"), "01");
        assert_eq!(item_slug("II.3"), "ii03");
    }
}
