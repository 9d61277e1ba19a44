//! Rename: a role, a step or a decision number, everywhere the catalogue names it (the
//! index's occurrences: a role's declaration and every step that names it, a step and
//! the `interpreted` notes about it, a decision's declaration and every `source`,
//! `replaces`, `repeals` and `companion` naming it).

use super::index::Symbol;
use super::position::Lines;
use super::workspace::Analysis;
use lsp_types::{PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;
use std::str::FromStr;
use tthc::syntax::source::{FileId, Span};
use tthc::text::{Lang, Text};

/// Why a rename is refused, in both languages.
pub type Refusal = Text;

/// The span of the name itself: a decision number is written in quotes, which stay.
fn inner(symbol: &Symbol, span: Span) -> Span {
    match symbol {
        Symbol::Decision(_) if span.end >= span.start + 2 => Span {
            start: span.start + 1,
            end: span.end - 1,
        },
        _ => span,
    }
}

/// Whether this kind of name can be renamed here.
fn renamable(symbol: &Symbol) -> bool {
    matches!(
        symbol,
        Symbol::Role(_) | Symbol::Step(..) | Symbol::Decision(_)
    )
}

/// The range of the name at an offset and its current text, when it can be renamed.
pub fn prepare(analysis: &Analysis, file: FileId, offset: usize) -> Option<PrepareRenameResponse> {
    let o = analysis.index().at(file, offset)?;
    if !renamable(&o.symbol) {
        return None;
    }
    let text = &analysis.checked.files.get(file)?.text;
    let span = inner(&o.symbol, o.span);
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: Lines::new(text).range(span),
        placeholder: text.get(span.start..span.end)?.to_string(),
    })
}

/// Whether `name` is a valid new name for `symbol`: an identifier (`commune-desk`) for a
/// role or step, a number without quotes or line breaks for a decision.
fn valid(symbol: &Symbol, name: &str) -> Result<(), Refusal> {
    match symbol {
        Symbol::Decision(_) => {
            if name.trim().is_empty() || name.contains(['"', '\n', '\\']) {
                Err(Text::new(
                    "a decision number is written without quotes, line breaks or backslashes",
                    "số quyết định không chứa dấu ngoặc kép, xuống dòng hay dấu gạch chéo ngược",
                ))
            } else {
                Ok(())
            }
        }
        _ => {
            let ok = name.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            }) && name.starts_with(|c: char| c.is_ascii_lowercase());
            if ok {
                Ok(())
            } else {
                Err(Text::new(
                    format!(
                        "`{name}` is not an identifier: lower-case letters a–z, digits and single hyphens, starting with a letter (`commune-desk`)"
                    ),
                    format!(
                        "`{name}` không phải mã định danh: chữ thường a–z không dấu, chữ số và dấu gạch nối đơn, bắt đầu bằng chữ (`commune-desk`)"
                    ),
                ))
            }
        }
    }
}

/// The edits that rename the name at an offset to `new_name` in every file that names
/// it; refused (with why) for a name that cannot be renamed, an invalid new name, a name
/// already taken, or one named in files the editor cannot change (the bundled catalogue).
// `WorkspaceEdit::changes` is lsp-types' map keyed by `Uri`, whose cached parts trip the
// lint; the keys are never changed while in the map.
#[allow(clippy::mutable_key_type)]
pub fn rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<WorkspaceEdit, Refusal> {
    let index = analysis.index();
    let Some(o) = index.at(file, offset) else {
        return Err(Text::new(
            "there is no name to rename here",
            "không có tên nào để đổi ở đây",
        ));
    };
    if !renamable(&o.symbol) {
        return Err(Text::new(
            "only roles, steps and decision numbers can be renamed",
            "chỉ đổi được tên vai trò, bước và số quyết định",
        ));
    }
    let new_name = new_name.trim();
    valid(&o.symbol, new_name)?;
    let taken = match &o.symbol {
        Symbol::Role(_) => Symbol::Role(new_name.to_string()),
        Symbol::Step(p, _) => Symbol::Step(p.clone(), new_name.to_string()),
        Symbol::Decision(_) => Symbol::Decision(new_name.to_string()),
        other => other.clone(),
    };
    if taken != o.symbol && !index.declarations(&taken).is_empty() {
        return Err(Text::new(
            format!("`{new_name}` is already declared; choose another name"),
            format!("`{new_name}` đã được khai báo; hãy chọn tên khác"),
        ));
    }
    // A step's id is the version's own: the same id in another version (another
    // decision's file, often a signed record) is another step.
    let scope = match &o.symbol {
        Symbol::Step(..) => step_scope(analysis, file, offset),
        _ => None,
    };
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for occ in index.occurrences(&o.symbol) {
        if let Some(block) = scope
            && (occ.file != file || occ.span.start < block.start || occ.span.end > block.end)
        {
            continue;
        }
        let uri = analysis
            .uris
            .get(occ.file)
            .and_then(Option::as_ref)
            .and_then(|u| Uri::from_str(u).ok());
        let Some(uri) = uri else {
            return Err(Text::new(
                "it is also named in the bundled catalogue, which the editor cannot change; open the catalogue folder instead",
                "tên này còn có trong danh mục kèm theo, trình soạn thảo không sửa được; hãy mở thư mục danh mục",
            ));
        };
        let Some(text) = analysis.checked.files.get(occ.file).map(|f| &f.text) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit::new(
            Lines::new(text).range(inner(&o.symbol, occ.span)),
            new_name.to_string(),
        ));
    }
    Ok(WorkspaceEdit::new(changes))
}

/// The version block (or the procedure block, for a procedure written without
/// versions) that holds an offset.
fn step_scope(analysis: &Analysis, file: FileId, offset: usize) -> Option<Span> {
    use tthc::syntax::ast::{Item, StmtKind};
    let tree = analysis.parsed.get(file)?.tree.as_ref()?;
    let inside = |s: Span| s.start <= offset && offset <= s.end;
    tree.items.iter().find_map(|item| match item {
        Item::Procedure(b) if inside(b.span) => Some(
            b.stmts
                .iter()
                .find_map(|s| match &s.kind {
                    StmtKind::Version(v) if inside(v.span) => Some(v.span),
                    _ => None,
                })
                .unwrap_or(b.span),
        ),
        _ => None,
    })
}

/// A refusal as the client shows it.
pub fn refusal_message(r: &Refusal, lang: Lang) -> String {
    format!("tthc: {}", r.get(lang))
}
