//! Document symbols (an outline: procedures with their steps, decisions, roles,
//! authorities) and workspace symbols (every declared name, by query).

use super::index::Symbol;
use super::navigate::location;
use super::position::Lines;
use super::workspace::Analysis;
use lsp_types::{DocumentSymbol, SymbolInformation, SymbolKind};
use tthc::syntax::ast::{Block, Item, StmtKind, Token};
use tthc::syntax::source::FileId;
use tthc::text::fold;

/// The outline of one file.
pub fn document(analysis: &Analysis, file: FileId) -> Vec<DocumentSymbol> {
    let Some(parsed) = analysis.parsed.get(file) else {
        return Vec::new();
    };
    let Some(tree) = &parsed.tree else {
        return Vec::new();
    };
    let lines = Lines::of(&parsed.file);
    let model = &analysis.checked.catalogue;
    tree.items
        .iter()
        .map(|item| match item {
            Item::Authority {
                id, title, span, ..
            }
            | Item::Role {
                id, title, span, ..
            } => symbol(
                &lines,
                &id.text,
                Some(&title.value),
                if matches!(item, Item::Authority { .. }) {
                    SymbolKind::NAMESPACE
                } else {
                    SymbolKind::CONSTANT
                },
                *span,
                id.span,
                vec![],
            ),
            Item::Decision(b) => {
                let title = model.decision(&b.name.value).and_then(|d| d.title.clone());
                symbol(
                    &lines,
                    &b.name.value,
                    title.as_deref(),
                    SymbolKind::MODULE,
                    b.span,
                    b.name.span,
                    vec![],
                )
            }
            Item::Procedure(b) => procedure(&lines, b),
        })
        .collect()
}

fn procedure(lines: &Lines<'_>, b: &Block<Token>) -> DocumentSymbol {
    let mut name = None;
    let mut children = Vec::new();
    for s in &b.stmts {
        match &s.kind {
            StmtKind::Name(n) => name = Some(n.value.clone()),
            StmtKind::Step { id, name, .. } => children.push(symbol(
                lines,
                &id.text,
                Some(&name.value),
                SymbolKind::FUNCTION,
                s.span,
                id.span,
                vec![],
            )),
            StmtKind::Version(v) => {
                let steps = v
                    .stmts
                    .iter()
                    .filter_map(|s| match &s.kind {
                        StmtKind::Step { id, name, .. } => Some(symbol(
                            lines,
                            &id.text,
                            Some(&name.value),
                            SymbolKind::FUNCTION,
                            s.span,
                            id.span,
                            vec![],
                        )),
                        _ => None,
                    })
                    .collect();
                children.push(symbol(
                    lines,
                    &v.name.text,
                    None,
                    SymbolKind::NAMESPACE,
                    v.span,
                    v.name.span,
                    steps,
                ));
            }
            _ => {}
        }
    }
    symbol(
        lines,
        &b.name.text,
        name.as_deref(),
        SymbolKind::CLASS,
        b.span,
        b.name.span,
        children,
    )
}

#[allow(deprecated)] // `deprecated` is a field LSP has deprecated; it must still be set.
fn symbol(
    lines: &Lines<'_>,
    name: &str,
    detail: Option<&str>,
    kind: SymbolKind,
    span: tthc::syntax::source::Span,
    name_span: tthc::syntax::source::Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.is_empty() {
            "?".into()
        } else {
            name.to_string()
        },
        detail: detail.map(str::to_string),
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(span.join(name_span)),
        selection_range: lines.range(name_span),
        children: (!children.is_empty()).then_some(children),
    }
}

/// Every declared name whose id or title contains the query (compared without case and
/// diacritics, so `khai sinh` finds `Đăng ký khai sinh`).
#[allow(deprecated)]
pub fn workspace(analysis: &Analysis, query: &str, out: &mut Vec<SymbolInformation>) {
    let q = fold::fold(query);
    let model = &analysis.checked.catalogue;
    for o in analysis.index().all_declarations() {
        let (name, title, kind, container) = match &o.symbol {
            Symbol::Authority(id) => (
                id.clone(),
                model.authority(id).map(|a| a.title.clone()),
                SymbolKind::NAMESPACE,
                None,
            ),
            Symbol::Role(id) => (
                id.clone(),
                model.role(id).map(|r| r.title.clone()),
                SymbolKind::CONSTANT,
                None,
            ),
            Symbol::Decision(n) => (n.clone(), None, SymbolKind::MODULE, None),
            Symbol::Procedure(id) => (
                id.clone(),
                model.procedure(id).map(|p| p.name.clone()),
                SymbolKind::CLASS,
                None,
            ),
            Symbol::Variant(p, v) => (v.clone(), None, SymbolKind::ENUM_MEMBER, Some(p.clone())),
            Symbol::Step(p, s) => (s.clone(), None, SymbolKind::FUNCTION, Some(p.clone())),
        };
        let matches = q.is_empty()
            || fold::fold(&name).contains(&q)
            || title.as_deref().is_some_and(|t| fold::fold(t).contains(&q));
        if !matches {
            continue;
        }
        let Some(location) = location(analysis, o.file, o.span) else {
            continue;
        };
        out.push(SymbolInformation {
            name: match title {
                Some(t) => format!("{name} — {t}"),
                None => name,
            },
            kind,
            tags: None,
            deprecated: None,
            location,
            container_name: container,
        });
    }
}
