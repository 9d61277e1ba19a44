//! Completion that fits the place: at the start of a statement, the keywords of the
//! block the cursor is in (a decision's inside a `decision` block, a version's inside a
//! `version` block), in both sets; after the keyword that expects one, the catalogue's
//! roles (those of the version's authority level first, those of a level abolished on
//! the version's dates last and marked deprecated), authorities, decisions or cases.
//! Every item carries the range it replaces (the word being typed, or the part of a
//! Vietnamese keyword already typed), so that clients never insert half a word twice.

use super::position::Lines;
use super::workspace::Analysis;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionTextEdit, Documentation,
    MarkupContent, MarkupKind, TextEdit,
};
use tthc::model::{Catalogue, VERIFICATION, VERIFICATION_TITLE, Version};
use tthc::syntax::keywords::{KEYWORDS, Keyword};
use tthc::syntax::source::Span;
use tthc::text::{Lang, words};

/// What the words before the cursor on its line ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Wanted {
    Role,
    Authority,
    Decision {
        quoted: bool,
    },
    Variant,
    /// A statement's first word, in a block of this kind.
    Statement(Block),
    /// A word inside a statement (`item`, `by`, `cutoff`…).
    Inline,
}

/// The kind of block a cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Outside any block: declarations.
    Top,
    /// Inside `decision "…" { }`.
    Decision,
    /// Inside `procedure ID { }` (its own statements and, without versions, a
    /// version's).
    Procedure,
    /// Inside `version LABEL { }`.
    Version,
}

/// The statements each block holds, by their English keyword.
fn statements(block: Block) -> &'static [&'static str] {
    match block {
        Block::Top => &["authority", "role", "decision", "procedure"],
        Block::Decision => &[
            "title",
            "signed",
            "effective",
            "issuer",
            "signer",
            "basis",
            "companion",
            "heading",
            "columns",
            "replaces",
            "repeals",
        ],
        Block::Procedure => &[
            "name",
            "alias",
            "code",
            "field",
            "version",
            "source",
            "from",
            "until",
            "authority",
            "variant",
            "total",
            "step",
            "interpreted",
        ],
        Block::Version => &[
            "source",
            "from",
            "until",
            "authority",
            "variant",
            "total",
            "step",
            "interpreted",
            "name",
            "code",
            "field",
        ],
    }
}

/// Keywords that come inside a statement rather than start one.
const INLINE: &[&str] = &[
    "item",
    "part",
    "by",
    "cutoff",
    "when",
    "abolished",
    "authority",
];

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
    let block = block_at(&text[..line_start]);
    let wanted = wanted(before, block);
    if typed && matches!(wanted, Wanted::Statement(_) | Wanted::Inline) {
        return Vec::new();
    }
    let lines = Lines::new(text);
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    let word_start = offset - before.len() + before.trim_end_matches(is_word).len();
    let word_end = offset
        + text[offset..]
            .find(|c: char| !is_word(c))
            .unwrap_or(text.len() - offset);
    let word = Span {
        start: word_start,
        end: word_end,
    };
    let replace = |it: &mut CompletionItem, span: Span, new_text: String| {
        it.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(
            lines.range(span),
            new_text,
        )));
    };
    let empty = Catalogue::default();
    let model = analysis.map_or(&empty, |a| &a.checked.catalogue);
    match wanted {
        Wanted::Role => {
            let version = enclosing_version(text, line_start, model);
            let level = version
                .as_ref()
                .map(|v| v.authority.clone())
                .or_else(|| block_authority(text, line_start));
            model
                .roles
                .iter()
                .map(|r| {
                    let abolished = r
                        .authority
                        .as_deref()
                        .and_then(|a| model.authority(a))
                        .and_then(|a| a.abolished)
                        .filter(|gone| match &version {
                            Some(v) => v.valid_until.is_none_or(|u| u >= *gone),
                            None => *gone <= tthc::datetime::today_in_vietnam(),
                        });
                    let rank = match (&r.authority, &level, abolished) {
                        (_, _, Some(_)) => 3,
                        (Some(a), Some(l), None) if a == l => 0,
                        (None, _, None) => 1,
                        _ => 2,
                    };
                    let mut detail = r.title.clone();
                    if let Some(gone) = abolished {
                        let d = words::date(gone);
                        detail.push_str(&lang.pick(
                            format!(" (its level was abolished on {})", d.en),
                            format!(" (cấp của vai trò đã giải thể từ {})", d.vi),
                        ));
                    }
                    let mut it = item(&r.id, CompletionItemKind::VALUE, Some(&detail), None);
                    it.sort_text = Some(format!("{rank}{}", r.id));
                    if abolished.is_some() {
                        it.tags = Some(vec![CompletionItemTag::DEPRECATED]);
                    }
                    replace(&mut it, word, r.id.clone());
                    it
                })
                .collect()
        }
        Wanted::Authority => model
            .authorities
            .iter()
            .map(|a| {
                let mut it = item(&a.id, CompletionItemKind::ENUM_MEMBER, Some(&a.title), None);
                // A level that no longer exists comes last.
                let gone = a
                    .abolished
                    .is_some_and(|d| d <= tthc::datetime::today_in_vietnam());
                it.sort_text = Some(format!("{}{}", u8::from(gone), a.id));
                if gone {
                    it.tags = Some(vec![CompletionItemTag::DEPRECATED]);
                }
                replace(&mut it, word, a.id.clone());
                it
            })
            .collect(),
        Wanted::Decision { quoted } => {
            // Inside quotes: the text from the opening quote to the closing one (or
            // the cursor); without: the word typed, replaced by the quoted number.
            let span = if quoted {
                let open = before.rfind('"').map_or(offset, |i| line_start + i + 1);
                let close = text[offset..]
                    .find(['"', '\n'])
                    .filter(|&i| text[offset + i..].starts_with('"'))
                    .map_or(offset, |i| offset + i);
                Span {
                    start: open,
                    end: close,
                }
            } else {
                word
            };
            model
                .decisions
                .iter()
                .map(|d| {
                    let mut it = item(
                        &d.number,
                        CompletionItemKind::REFERENCE,
                        d.title.as_deref().or(Some(&d.issuer)),
                        None,
                    );
                    let new = if quoted {
                        d.number.clone()
                    } else {
                        format!("\"{}\"", d.number)
                    };
                    it.filter_text = Some(if quoted {
                        d.number.clone()
                    } else {
                        new.clone()
                    });
                    replace(&mut it, span, new);
                    it
                })
                .collect()
        }
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
            for it in &mut items {
                let label = it.label.clone();
                replace(it, word, label);
            }
            items
        }
        Wanted::Statement(block) => keywords(statements(block), before, offset, lang, &lines),
        Wanted::Inline => keywords(INLINE, before, offset, lang, &lines),
    }
}

/// The keywords named (by their English form), in both sets, the user's language first,
/// each replacing the part of it already typed (`thẩm qu` → `thẩm quyền`).
fn keywords(
    names: &[&str],
    before: &str,
    offset: usize,
    lang: Lang,
    lines: &Lines<'_>,
) -> Vec<CompletionItem> {
    let table: Vec<&Keyword> = names
        .iter()
        .filter_map(|n| KEYWORDS.iter().find(|k| k.en == *n))
        .collect();
    table
        .iter()
        .enumerate()
        .flat_map(|(order, k)| {
            let doc = k.doc(lang);
            [(k.vi, k.en), (k.en, k.vi)].map(|(form, other)| {
                let mut it = item(form, CompletionItemKind::KEYWORD, Some(other), Some(doc));
                // The user's language first, then the order the block's statements come in.
                let first = (form == k.vi) == (lang == Lang::Vi);
                it.sort_text = Some(format!("{}{order:02}{form}", u8::from(!first)));
                let typed = typed_part(before, form);
                it.filter_text = Some(form.to_string());
                it.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(
                    lines.range(Span {
                        start: offset - typed,
                        end: offset,
                    }),
                    form.to_string(),
                )));
                it
            })
        })
        .collect()
}

/// How many bytes at the end of `before` are the start of `form` (`thẩm qu` of `thẩm
/// quyền`), starting a word; 0 when none are.
fn typed_part(before: &str, form: &str) -> usize {
    let starts: Vec<usize> = before
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || before[..i].ends_with(char::is_whitespace))
        .collect();
    starts
        .into_iter()
        .map(|i| &before[i..])
        .find(|tail| !tail.is_empty() && form.starts_with(*tail))
        .map_or(0, str::len)
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

/// The block the text before a line leaves open: counts braces outside strings and
/// comments, naming each block by the statement that opened it.
pub fn block_at(before: &str) -> Block {
    let mut stack: Vec<Block> = Vec::new();
    for line in before.lines() {
        let code = code_of(line);
        let first = code.split_whitespace().next().unwrap_or("");
        let head = code.trim_start();
        for c in code.chars() {
            match c {
                '{' => stack.push(if first == "decision" || head.starts_with("quyết định") {
                    Block::Decision
                } else if first == "procedure" || head.starts_with("thủ tục") {
                    Block::Procedure
                } else {
                    Block::Version
                }),
                '}' => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    stack.last().copied().unwrap_or(Block::Top)
}

/// A line without its comment and without what its strings hold.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in line.chars() {
        if quoted {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = false;
                out.push('"');
            }
            continue;
        }
        match c {
            '#' => break,
            '"' => {
                quoted = true;
                out.push('"');
            }
            c => out.push(c),
        }
    }
    out
}

/// What the line before the cursor (`  step a "A" by `, `  source "`) asks for next.
fn wanted(before: &str, block: Block) -> Wanted {
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
    if ends(&["by", "do", "/"]) && statement("step", "bước") {
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
    } else if typing_first_word(before) {
        Wanted::Statement(block)
    } else {
        Wanted::Inline
    }
}

/// Whether the cursor is on the line's first word (or the first words of a Vietnamese
/// keyword being typed, `thẩm qu`): only spaces, or a statement's opening words, before.
fn typing_first_word(before: &str) -> bool {
    let t = before.trim_start();
    t.is_empty()
        || !t.contains(char::is_whitespace)
        || KEYWORDS
            .iter()
            .any(|k| k.vi.contains(' ') && k.vi.starts_with(t) && !t.contains('"'))
}

/// The id of the procedure a cursor is in: the last `procedure ID` (or `thủ tục ID`)
/// line before it.
fn enclosing_procedure(before: &str) -> Option<String> {
    before.lines().rev().find_map(|l| {
        let l = l.trim_start();
        let rest = l
            .strip_prefix("procedure")
            .or_else(|| l.strip_prefix("thủ tục"))?;
        let id = rest.split_whitespace().next()?;
        Some(id.trim_end_matches('{').to_string())
    })
}

/// The label of the `version` block a line is in, if any: the last `version LABEL {`
/// line before it in its procedure.
fn enclosing_label(before: &str) -> Option<String> {
    for l in before.lines().rev() {
        let l = l.trim_start();
        if l.starts_with("procedure") || l.starts_with("thủ tục") {
            return None;
        }
        if let Some(rest) = l
            .strip_prefix("version")
            .or_else(|| l.strip_prefix("phiên bản"))
        {
            return rest
                .split_whitespace()
                .next()
                .map(|s| s.trim_end_matches('{').to_string());
        }
    }
    None
}

/// The version a line is in, from the latest analysis.
fn enclosing_version(text: &str, line_start: usize, model: &Catalogue) -> Option<Version> {
    let before = &text[..line_start];
    let p = model.procedure(&enclosing_procedure(before)?)?;
    let label = match block_at(before) {
        Block::Version => enclosing_label(before),
        _ => None,
    };
    p.versions.iter().find(|v| v.label == label).cloned()
}

/// The authority level the block around a line names (`authority commune`), read from
/// the text when the analysis does not have the version (a new block being written).
fn block_authority(text: &str, line_start: usize) -> Option<String> {
    let before = &text[..line_start];
    let open = before.rfind('{')?;
    let close = text[line_start..]
        .find('}')
        .map_or(text.len(), |i| line_start + i);
    text[open..close].lines().find_map(|l| {
        let code = code_of(l);
        let t = code.trim_start();
        let rest = t
            .strip_prefix("authority ")
            .or_else(|| t.strip_prefix("thẩm quyền "))?;
        rest.split_whitespace().next().map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_comes_next() {
        let v = Block::Version;
        assert_eq!(wanted("  step a \"A\" by ", v), Wanted::Role);
        assert_eq!(wanted("  bước a \"A\" do com", v), Wanted::Role);
        assert_eq!(wanted("  step a \"A\" by desk / ", v), Wanted::Role);
        assert_eq!(wanted("  authority ", v), Wanted::Authority);
        assert_eq!(wanted("  thẩm quyền x", v), Wanted::Authority);
        assert_eq!(wanted("  source \"", v), Wanted::Decision { quoted: true });
        assert_eq!(wanted("  source ", v), Wanted::Decision { quoted: false });
        assert_eq!(wanted("  total 3 days, ", v), Wanted::Variant);
        assert_eq!(wanted("  st", v), Wanted::Statement(v));
        assert_eq!(wanted("  thẩm qu", v), Wanted::Statement(v));
        assert_eq!(wanted("  source \"1/QĐ\" it", v), Wanted::Inline);
        assert_eq!(
            enclosing_procedure("procedure p-1 {\n  total 3 days, "),
            Some("p-1".into())
        );
    }

    #[test]
    fn the_block_is_read_from_the_braces_outside_strings_and_comments() {
        assert_eq!(block_at(""), Block::Top);
        assert_eq!(block_at("decision \"1/QĐ\" {\n"), Block::Decision);
        assert_eq!(
            block_at("procedure p {\n  name \"a { b\" # }\n"),
            Block::Procedure
        );
        assert_eq!(
            block_at("thủ tục p {\n  phiên bản 2024 {\n"),
            Block::Version
        );
        assert_eq!(
            block_at("procedure p {\n  version 1 {\n  }\n"),
            Block::Procedure
        );
        assert_eq!(block_at("procedure p {\n}\n"), Block::Top);
    }

    #[test]
    fn a_block_offers_its_own_statements_and_replaces_what_is_typed() {
        let text = "decision \"1/QĐ\" {\n  ef\n}\n";
        let at = text.find("ef").unwrap() + 2;
        let items = complete(None, text, at, Lang::En, false);
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert!(labels.contains(&"effective") && labels.contains(&"hiệu lực"));
        assert!(!labels.contains(&"step") && !labels.contains(&"procedure"));
        let eff = items.iter().find(|i| i.label == "effective").unwrap();
        let Some(CompletionTextEdit::Edit(e)) = &eff.text_edit else {
            panic!("no edit")
        };
        assert_eq!((e.range.start.character, e.range.end.character), (2, 4));
        // Half a Vietnamese keyword: the typed words are replaced, not doubled.
        let text = "thủ tục p {\n  phiên bản 1 {\n    thẩm qu\n";
        let items = complete(None, text, text.len() - 1, Lang::Vi, false);
        let kw = items.iter().find(|i| i.label == "thẩm quyền").unwrap();
        let Some(CompletionTextEdit::Edit(e)) = &kw.text_edit else {
            panic!("no edit")
        };
        assert_eq!((e.range.start.character, e.range.end.character), (4, 11));
        assert!(complete(None, "  ", 2, Lang::Vi, true).is_empty());
        let top = complete(None, "", 0, Lang::Vi, false);
        assert_eq!(top.len(), 8);
    }
}
