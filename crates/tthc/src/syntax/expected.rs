//! Turning pest's "expected one of these rules" into a sentence a legal officer understands,
//! with a suggestion when the word found looks like a misspelt keyword.

use super::SyntaxError;
use super::keywords::{self, Keyword};
use super::parse::Rule;
use super::source::Span;
use crate::text::chars::lookalike;
use crate::text::fold::fold;
use crate::text::{Text, suggest};
use pest::error::{ErrorVariant, InputLocation};

/// Plain words for what a grammar rule stands for.
fn describe(rule: Rule) -> Option<(&'static str, &'static str)> {
    use Rule::*;
    Some(match rule {
        ident => (
            "an id such as `commune-leader` (lower-case letters, digits and `-`)",
            "một mã như `commune-leader` (chữ thường, chữ số và `-`)",
        ),
        label => (
            "a version label such as `2024`",
            "nhãn phiên bản như `2024`",
        ),
        verification_words => ("`verification`", "`cần xác minh`"),
        at_most => ("`không quá`", "`không quá`"),
        variant_name | variant_amount => (
            "a case such as `verification 22 days`",
            "một trường hợp như `verification 22 days`",
        ),
        string | string_inner => (
            "text in double quotes, such as \"Thẩm định\"",
            "văn bản trong ngoặc kép, như \"Thẩm định\"",
        ),
        date => ("a date such as `2024-04-09`", "một ngày như `2024-04-09`"),
        clock => (
            "a time such as `15:00` (or `none`)",
            "giờ như `15:00` (hoặc `không`)",
        ),
        number | duration | amount | step_timing | half_day => (
            "a duration such as `2 days`, `0,5 day` or `same day`",
            "thời gian như `2 days`, `0,5 day` hoặc `same day`",
        ),
        unit => (
            "the unit `day`, `days` or `ngày`",
            "đơn vị `day`, `days` hoặc `ngày`",
        ),
        code_value => (
            "a national code such as `1.001193`",
            "mã quốc gia như `1.001193`",
        ),
        same_day => ("`same day`", "`trong ngày`"),
        cutoff => ("`cutoff 15:00`", "`giờ chốt 15:00`"),
        no_cutoff => ("`none`", "`không`"),
        kw_decision => ("`decision`", "`quyết định`"),
        kw_procedure => ("`procedure`", "`thủ tục`"),
        kw_role => ("`role`", "`vai trò`"),
        kw_authority | authority_decl | authority_stmt => ("`authority`", "`thẩm quyền`"),
        kw_abolished => ("`abolished`", "`giải thể`"),
        kw_title | title_stmt => ("`title`", "`trích yếu`"),
        kw_signed | signed_stmt => ("`signed`", "`ký ngày`"),
        kw_effective | effective_stmt => ("`effective`", "`hiệu lực`"),
        kw_issuer | issuer_stmt => ("`issuer`", "`ban hành`"),
        kw_signer | signer_stmt => ("`signer`", "`người ký`"),
        kw_basis | basis_stmt => ("`basis`", "`căn cứ`"),
        kw_companion | companion_stmt => ("`companion`", "`công bố`"),
        kw_part => ("`part`", "`phần`"),
        kw_heading | heading_stmt => ("`heading`", "`đề mục`"),
        kw_columns | columns_stmt => ("`columns`", "`cột`"),
        kw_replaces | replaces_stmt => ("`replaces`", "`thay thế`"),
        kw_repeals | repeals_stmt => ("`repeals`", "`bãi bỏ`"),
        target => (
            "a decision number in quotes, optionally followed by `item \"A.1\"`",
            "số quyết định trong ngoặc kép, có thể kèm `item \"A.1\"`",
        ),
        kw_name | name_stmt => ("`name`", "`tên`"),
        kw_code | code_stmt => ("`code`", "`mã`"),
        kw_field | field_stmt => ("`field`", "`lĩnh vực`"),
        kw_alias | alias_stmt => ("`alias`", "`tên khác`"),
        kw_version | version_block => ("`version`", "`phiên bản`"),
        kw_source | source_stmt => ("`source`", "`nguồn`"),
        kw_item => ("`item`", "`mục`"),
        kw_from | from_stmt => ("`from`", "`từ`"),
        kw_until | until_stmt => ("`until`", "`đến`"),
        kw_variant | variant_stmt => ("`variant`", "`trường hợp`"),
        kw_total | total_stmt => ("`total`", "`tổng`"),
        kw_cutoff => ("`cutoff`", "`giờ chốt`"),
        kw_step | step_stmt => ("`step`", "`bước`"),
        kw_by => ("`by`", "`do`"),
        kw_when => ("`when`", "`khi`"),
        kw_interpreted | interpreted_stmt => ("`interpreted`", "`diễn giải`"),
        decision => ("`decision`", "`quyết định`"),
        procedure => ("`procedure`", "`thủ tục`"),
        role_decl => ("`role`", "`vai trò`"),
        EOI => ("the end of the file", "hết tệp"),
        _ => return None,
    })
}

/// The keyword a rule stands for, for "did you mean" suggestions in either set.
fn keyword_of(rule: Rule) -> Option<&'static Keyword> {
    let (en, _) = describe(rule)?;
    keywords::lookup(en.strip_prefix('`')?.strip_suffix('`')?)
}

/// The keyword form a misspelt word most likely stands for: one written without its
/// diacritics (`buoc`, the first word of `thu tuc`) is the Vietnamese form it folds to;
/// otherwise the closest form of either set.
fn suggest_keyword(found: &str, keywords: &[&'static Keyword]) -> Option<&'static str> {
    let folded = fold(found);
    if let Some(k) = keywords
        .iter()
        .find(|k| fold(k.vi.split(' ').next().unwrap_or(k.vi)) == folded && k.vi != found)
    {
        return Some(k.vi);
    }
    let forms = keywords
        .iter()
        .flat_map(|k| [k.en, k.vi])
        .filter(|w| !w.contains(' '));
    suggest(found, forms)
}

/// Whether `offset` lies outside every `{ … }` block (strings and comments skipped).
fn outside_blocks(text: &str, offset: usize) -> bool {
    let mut depth = 0i64;
    let (mut in_string, mut in_comment, mut escaped) = (false, false, false);
    for c in text[..offset.min(text.len())].chars() {
        match c {
            '\n' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            _ if in_string && escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '#' => in_comment = true,
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
    }
    depth <= 0
}

/// The word starting at `offset` (up to whitespace or punctuation), if any.
fn word_at(text: &str, offset: usize) -> &str {
    let rest = &text[offset.min(text.len())..];
    let end = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '{' | '}' | '"' | ',' | '#'))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// The fix a syntax error proposes, when its help is "did you mean `x`?": the place of
/// the misspelt word (where the parser stopped, even when the message points at the end
/// of the line before) and the word `x`. Editors offer it as a quick fix.
///
/// ```
/// let text = "procedure p {\n  stpe a \"x\" by r\n}\n";
/// let e = tthc::syntax::parse(text).unwrap_err();
/// let (span, word) = tthc::syntax::expected::replacement(text, &e).unwrap();
/// assert_eq!((&text[span.start..span.end], word), ("stpe", "step"));
/// ```
pub fn replacement<'e>(text: &str, e: &'e SyntaxError) -> Option<(Span, &'e str)> {
    let word = e
        .help
        .en
        .strip_prefix("did you mean `")?
        .strip_suffix("`?")?;
    let found = word_at(text, e.stopped_at);
    (!found.is_empty()).then(|| (Span::new(e.stopped_at, e.stopped_at + found.len()), word))
}

/// Whether only spaces stand between the start of its line and `offset`.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].trim().is_empty()
}

/// The word or quoted text just before `offset`, for "after `…`", with its span.
fn previous_token(text: &str, offset: usize) -> Option<(String, Span)> {
    let before = text[..offset.min(text.len())].trim_end();
    if before.is_empty() {
        return None;
    }
    let end = before.len();
    if before.ends_with('"') {
        let start = before[..end - 1].rfind('"').unwrap_or(end - 1);
        return Some(("\"…\"".to_string(), Span::new(start, end)));
    }
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '{' | '}'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &before[start..];
    if w.is_empty() {
        let c = before.chars().last()?;
        Some((c.to_string(), Span::new(end - c.len_utf8(), end)))
    } else {
        Some((w.to_string(), Span::new(start, end)))
    }
}

fn join(items: &[&str], or: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// Puts a pest error in `text` into plain words, at the place of the mistake.
pub(super) fn syntax_error(text: &str, err: &pest::error::Error<Rule>) -> SyntaxError {
    let offset = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = word_at(text, offset);
    // What Word and web pages paste looks like what the language wants; name it.
    let pasted = text
        .get(offset..)
        .and_then(|t| t.chars().next())
        .and_then(lookalike);
    let mut positives: Vec<Rule> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // Between top-level declarations pest names no rule (they sit behind a silent
    // `item*`); what is wanted there is one of the declarations.
    if positives
        .iter()
        .all(|r| matches!(r, Rule::EOI | Rule::file))
        && outside_blocks(text, offset)
    {
        positives = vec![
            Rule::EOI,
            Rule::kw_procedure,
            Rule::kw_decision,
            Rule::kw_role,
            Rule::kw_authority,
        ];
    }
    let mut en: Vec<&str> = Vec::new();
    let mut vi: Vec<&str> = Vec::new();
    let mut keywords: Vec<&'static Keyword> = Vec::new();
    let mut wants_close = false;
    for r in &positives {
        if let Some((e, v)) = describe(*r)
            && !en.contains(&e)
        {
            en.push(e);
            vi.push(v);
        }
        if let Some(k) = keyword_of(*r)
            && !keywords.contains(&k)
        {
            keywords.push(k);
        }
    }
    // A `}` is always acceptable where a statement is; pest does not list literal strings,
    // so say it when statements were expected.
    if positives.iter().any(|r| {
        matches!(
            r,
            Rule::kw_name
                | Rule::kw_step
                | Rule::kw_title
                | Rule::kw_source
                | Rule::kw_total
                | Rule::kw_signed
        )
    }) {
        wants_close = true;
    }
    // Statements are many; name the commonest rather than all.
    if en.len() > 6 {
        en.truncate(6);
        vi.truncate(6);
        en.push("…");
        vi.push("…");
    }
    if wants_close {
        en.push("`}` to close the block");
        vi.push("`}` để đóng khối");
    }
    let expected_en = if en.is_empty() {
        "something else".to_string()
    } else {
        join(&en, "or")
    };
    let expected_vi = if vi.is_empty() {
        "nội dung khác".to_string()
    } else {
        join(&vi, "hoặc")
    };
    let after = previous_token(text, offset);
    let (after_en, after_vi) = match &after {
        Some((t, _)) => (format!(" after `{t}`"), format!(" sau `{t}`")),
        None => (String::new(), String::new()),
    };
    let (found_en, found_vi) = if offset >= text.len() {
        (
            " but the file ended".to_string(),
            " nhưng tệp đã hết".to_string(),
        )
    } else if let Some(l) = pasted {
        (format!(", found {}", l.en), format!(", gặp {}", l.vi))
    } else if found.is_empty() {
        let c = text[offset..].chars().next().unwrap_or(' ');
        (format!(", found `{c}`"), format!(", gặp `{c}`"))
    } else {
        (format!(", found `{found}`"), format!(", gặp `{found}`"))
    };
    // A misspelt keyword starting a line can be read as part of the line before (after a
    // step with no time, `stpe appraise …` reads as a case `stpe` of that step, and fails
    // at `appraise`): the mistake is that word, so say so there.
    if let Some((word, span)) = &after
        && starts_line(text, span.start)
        && keywords::lookup(word).is_none()
        && let Some(k) = suggest_keyword(word, &keywords::KEYWORDS.iter().collect::<Vec<_>>())
    {
        return SyntaxError {
            span: *span,
            stopped_at: span.start,
            message: Text::new(
                format!("`{word}` is not a keyword, and a statement starts with one"),
                format!("`{word}` không phải là từ khóa, mà câu lệnh bắt đầu bằng từ khóa"),
            ),
            help: Text::new(
                format!("did you mean `{k}`?"),
                format!("có phải bạn định viết `{k}`?"),
            ),
        };
    }
    let message = Text::new(
        format!("expected {expected_en}{after_en}{found_en}"),
        format!("cần {expected_vi}{after_vi}{found_vi}"),
    );
    let wants_unit = positives.contains(&Rule::unit);
    let suggestion = || {
        suggest_keyword(found, &keywords).or_else(|| {
            wants_unit
                .then(|| suggest(found, ["days", "day", "ngày"]))
                .flatten()
        })
    };
    let help = if let Some(l) = pasted {
        let (write_en, write_vi) = match l.write {
            "a plain space" => ("a plain space".to_string(), "dấu cách thường".to_string()),
            "nothing (delete it)" => (
                "nothing: delete it".to_string(),
                "không gì cả: hãy xóa nó".to_string(),
            ),
            w => (format!("a straight `{w}`"), format!("dấu `{w}` thẳng")),
        };
        Text::new(
            format!("it was probably pasted from a word processor: write {write_en} instead"),
            format!("có lẽ được dán từ trình soạn thảo văn bản: hãy viết {write_vi} thay thế"),
        )
    } else if positives.contains(&Rule::string) && !found.is_empty() && !found.starts_with('"') {
        // `item B.16`, `name Thủ tục …`: the value is right, it only needs its quotes.
        Text::new(
            format!("text values are written in double quotes: `\"{found}\"`"),
            format!("giá trị văn bản viết trong ngoặc kép: `\"{found}\"`"),
        )
    } else if let Some(s) = (!found.is_empty()).then(suggestion).flatten() {
        Text::new(
            format!("did you mean `{s}`?"),
            format!("có phải bạn định viết `{s}`?"),
        )
    } else if wants_unit {
        let n = after.as_ref().map_or("2", |(t, _)| t.as_str());
        Text::new(
            format!("write the unit after the number: `{n} day` or `{n} days`"),
            format!("viết đơn vị sau con số: `{n} ngày` hoặc `{n} days`"),
        )
    } else if offset >= text.len() {
        Text::new(
            "the file seems cut short: check that every `{` has its `}` and every `\"` its closing `\"`",
            "tệp có vẻ bị cắt ngắn: kiểm tra mỗi `{` có `}` và mỗi `\"` có dấu `\"` đóng",
        )
    } else if found.starts_with(|c: char| c.is_ascii_uppercase()) {
        Text::new(
            "ids and keywords are written in lower case",
            "mã và từ khóa viết bằng chữ thường",
        )
    } else {
        Text::new(
            "see docs/language.md or `tthc explain TTHC001` for how statements are written",
            "xem docs/language.md hoặc `tthc explain TTHC001` để biết cách viết các câu lệnh",
        )
    };
    let end = match (pasted, text.get(offset..).and_then(|t| t.chars().next())) {
        (Some(_), Some(c)) => offset + c.len_utf8(),
        _ => offset + found.len().max(usize::from(offset < text.len())),
    };
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    // When the parser skipped to the next line before giving up, the mistake is at the end
    // of the previous line (a missing unit, a missing `}`): point there, not at the next line.
    // But where a new statement was expected, the line before was complete and the word
    // found is the mistake (`stpe` for `step`), unless it opens a new declaration, which
    // means the block before lacks its `}`.
    let opens_declaration = matches!(
        crate::syntax::keywords::lookup(found),
        Some(k) if ["procedure", "decision", "role", "authority"].contains(&k.en)
    );
    let statement_was_expected = wants_close && !found.is_empty() && !opens_declaration;
    let span = match &after {
        Some((_, prev))
            if text[prev.end..offset.min(text.len())].contains('\n') && !statement_was_expected =>
        {
            *prev
        }
        _ => Span::new(offset, end),
    };
    SyntaxError {
        span,
        stopped_at: offset,
        message,
        help,
    }
}

#[cfg(test)]
mod tests {
    fn msg(src: &str) -> (String, String) {
        let e = crate::syntax::parse(src).unwrap_err();
        (e.message.en, e.help.en)
    }

    #[test]
    fn missing_duration_is_named_in_plain_words() {
        let (m, _) = msg("procedure p {\n  step a \"x\" by r 2\n}\n");
        assert!(m.contains("`day`, `days` or `ngày`"), "{m}");
        assert!(m.contains("after `2`"), "{m}");
    }

    #[test]
    fn misspelt_keyword_gets_a_suggestion() {
        let (m, h) = msg("procedure p {\n  stpe a \"x\" by r\n}\n");
        assert!(m.contains("found `stpe`"), "{m}");
        assert_eq!(h, "did you mean `step`?");
    }

    #[test]
    fn pasted_typographic_quotes_and_spaces_are_named() {
        let (m, h) = msg("procedure p {\n  name “Thủ tục”\n}\n");
        assert!(m.contains("found a typographic quote “"), "{m}");
        assert!(h.contains("write a straight `\"`"), "{h}");
        let (m, h) = msg("procedure p {\n  total\u{a0}3 days\n}\n");
        assert!(m.contains("non-breaking space (U+00A0)"), "{m}");
        assert!(h.contains("plain space"), "{h}");
    }

    #[test]
    fn a_bare_value_is_told_to_take_quotes() {
        let (m, h) = msg("procedure p {\n  source \"1086/QĐ-UBND\" item B.16\n}\n");
        assert!(m.contains("found `B.16`"), "{m}");
        assert_eq!(h, "text values are written in double quotes: `\"B.16\"`");
    }

    #[test]
    fn truncated_file_says_so() {
        let (m, h) = msg("procedure p {\n  name \"x\"\n");
        assert!(m.contains("the file ended"), "{m}");
        assert!(h.contains("cut short"), "{h}");
    }
}
