//! Completion: the language's keywords in both sets (from [`KEYWORDS`]), and after the
//! keyword that expects one, the catalogue's roles, authorities, decisions or cases.

use super::workspace::Analysis;
use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};
use tthc::model::{Catalogue, VERIFICATION, VERIFICATION_TITLE};
use tthc::syntax::keywords::KEYWORDS;
use tthc::text::Lang;

/// What the words before the cursor on its line ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Wanted {
    Role,
    Authority,
    Decision { quoted: bool },
    Variant,
    Keyword,
}

/// The completions at a byte offset of a document's text. `typed` is true when the client
/// asks because a trigger character was typed (a space, a quote, a comma): then only a
/// list the context asks for is offered, not every keyword after every space.
pub fn complete(
    analysis: Option<&Analysis>,
    text: &str,
    offset: usize,
    lang: Lang,
    typed: bool,
) -> Vec<CompletionItem> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let wanted = wanted(before);
    if typed && wanted == Wanted::Keyword {
        return Vec::new();
    }
    let empty = Catalogue::default();
    let model = analysis.map_or(&empty, |a| &a.checked.catalogue);
    match wanted {
        Wanted::Role => model
            .roles
            .iter()
            .map(|r| item(&r.id, CompletionItemKind::VALUE, Some(&r.title), None))
            .collect(),
        Wanted::Authority => model
            .authorities
            .iter()
            .map(|a| item(&a.id, CompletionItemKind::ENUM_MEMBER, Some(&a.title), None))
            .collect(),
        Wanted::Decision { quoted } => model
            .decisions
            .iter()
            .map(|d| {
                let mut it = item(
                    &d.number,
                    CompletionItemKind::REFERENCE,
                    d.title.as_deref().or(Some(&d.issuer)),
                    None,
                );
                if !quoted {
                    it.insert_text = Some(format!("\"{}\"", d.number));
                }
                it
            })
            .collect(),
        Wanted::Variant => {
            let mut items = vec![item(
                VERIFICATION,
                CompletionItemKind::ENUM_MEMBER,
                Some(VERIFICATION_TITLE),
                None,
            )];
            if let Some(p) =
                enclosing_procedure(&text[..offset]).and_then(|id| model.procedure(&id))
            {
                for v in p.versions.iter().flat_map(|v| &v.variants) {
                    if items.iter().all(|i| i.label != v.id) {
                        items.push(item(
                            &v.id,
                            CompletionItemKind::ENUM_MEMBER,
                            Some(&v.title),
                            None,
                        ));
                    }
                }
            }
            items
        }
        Wanted::Keyword => KEYWORDS
            .iter()
            .flat_map(|k| {
                let doc = k.doc(lang);
                [(k.vi, k.en), (k.en, k.vi)].map(|(form, other)| {
                    let mut it = item(form, CompletionItemKind::KEYWORD, Some(other), Some(doc));
                    // The user's language first.
                    let first = (form == k.vi) == (lang == Lang::Vi);
                    it.sort_text = Some(format!("{}{form}", if first { 0 } else { 1 }));
                    it
                })
            })
            .collect(),
    }
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<&str>,
    doc: Option<&str>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_string(),
            })
        }),
        ..CompletionItem::default()
    }
}

/// What the line before the cursor (`  step a "A" by `, `  source "`) asks for next.
fn wanted(before: &str) -> Wanted {
    // The word being typed is not part of the context.
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    let ctx = before.trim_end_matches(is_word);
    let quoted = ctx.ends_with('"') && ctx.matches('"').count() % 2 == 1;
    let ctx = ctx.strip_suffix('"').unwrap_or(ctx).trim_end();
    let ends = |words: &[&str]| {
        words.iter().any(|w| {
            ctx.ends_with(w)
                && ctx[..ctx.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace())
        })
    };
    let first = before.split_whitespace().next().unwrap_or("");
    let statement = |en: &str, vi: &str| first == en || before.trim_start().starts_with(vi);
    if ends(&["by", "do"]) && statement("step", "bước") {
        Wanted::Role
    } else if ends(&["authority", "thẩm quyền"]) {
        Wanted::Authority
    } else if ends(&[
        "source",
        "nguồn",
        "replaces",
        "thay thế",
        "repeals",
        "bãi bỏ",
        "companion",
        "công bố",
    ]) || (quoted
        && (statement("replaces", "thay thế") || statement("repeals", "bãi bỏ"))
        && ctx.ends_with(','))
    {
        Wanted::Decision { quoted }
    } else if ctx.ends_with(',') && (statement("total", "tổng") || statement("step", "bước")) {
        Wanted::Variant
    } else {
        Wanted::Keyword
    }
}

/// The id of the procedure a cursor is in: the last `procedure ID` (or `thủ tục ID`)
/// line before it.
fn enclosing_procedure(before: &str) -> Option<String> {
    before.lines().rev().find_map(|l| {
        let rest = l
            .strip_prefix("procedure")
            .or_else(|| l.strip_prefix("thủ tục"))?;
        let id = rest.split_whitespace().next()?;
        Some(id.trim_end_matches('{').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_comes_next() {
        assert_eq!(wanted("  step a \"A\" by "), Wanted::Role);
        assert_eq!(wanted("  bước a \"A\" do com"), Wanted::Role);
        assert_eq!(wanted("  authority "), Wanted::Authority);
        assert_eq!(wanted("  thẩm quyền x"), Wanted::Authority);
        assert_eq!(wanted("  source \""), Wanted::Decision { quoted: true });
        assert_eq!(wanted("  source "), Wanted::Decision { quoted: false });
        assert_eq!(wanted("  total 3 days, "), Wanted::Variant);
        assert_eq!(wanted("  st"), Wanted::Keyword);
        assert_eq!(
            enclosing_procedure("procedure p-1 {\n  total 3 days, "),
            Some("p-1".into())
        );
    }

    #[test]
    fn keywords_come_from_the_table_in_both_sets() {
        let items = complete(None, "  ", 2, Lang::Vi, false);
        assert!(complete(None, "  ", 2, Lang::Vi, true).is_empty());
        assert_eq!(items.len(), KEYWORDS.len() * 2);
        assert!(items.iter().any(|i| i.label == "bước"));
        assert!(items.iter().any(|i| i.label == "step"));
    }
}
