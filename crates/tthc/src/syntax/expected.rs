//! Turning pest's "expected one of these rules" into a sentence a legal officer understands,
//! with a suggestion when the word found looks like a misspelt keyword.

use super::SyntaxError;
use super::keywords::{self, Keyword};
use super::parse::{Rule, TthcParser};
use super::source::Span;
use crate::text::chars::lookalike;
use crate::text::fold::fold;
use crate::text::{Lang, Text, suggest};
use pest::Parser as _;
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
        date => (
            "a date such as `2024-04-09` or `09/4/2024`",
            "một ngày như `2024-04-09` hoặc `09/4/2024`",
        ),
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
        kw_printed | printed => ("`printed`", "`nguyên văn`"),
        kw_undivided => ("`undivided`", "`không chia`"),
        kw_applies => ("`applies to`", "`áp dụng cho`"),
        every_count => ("`every count`", "`mọi thời hạn`"),
        kw_proposal | proposal_stmt => ("`proposal`", "`theo đề nghị`"),
        decision => ("`decision`", "`quyết định`"),
        procedure => ("`procedure`", "`thủ tục`"),
        role_decl => ("`role`", "`vai trò`"),
        // Nobody writes "the end of the file": what may come there is a declaration,
        // which the caller names instead.
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

/// The keyword a word that is none most likely misspells (`stpe` → `step`, `buoc` →
/// `bước`), among every keyword of both sets.
pub(crate) fn misspelt_keyword(word: &str) -> Option<&'static Keyword> {
    if keywords::lookup(word).is_some() {
        return None;
    }
    let all: Vec<&'static Keyword> = keywords::KEYWORDS.iter().collect();
    suggest_keyword(word, &all).and_then(keywords::lookup)
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

/// What a syntax error adds to its message: other places it speaks of and an edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Remedy {
    labels: Vec<(Span, Text)>,
    fix: Option<(Span, String)>,
}

/// The remedy of an error of `text`, worked out again from where the parser stopped, as
/// [`syntax_error`] worked out its message.
fn remedy(text: &str, e: &SyntaxError) -> Remedy {
    let set = keywords::set_of(text).unwrap_or_default();
    if let Some((_, r)) = unclosed_text(text, e.stopped_at) {
        return r;
    }
    if let Some((_, r)) = pasted_inside_keyword(text, e.stopped_at, set) {
        return r;
    }
    // A character pasted from a word processor, at the place of the mistake.
    let pasted = text.get(e.stopped_at..).and_then(|t| t.chars().next());
    if let Some((c, l)) = pasted.and_then(|c| Some((c, lookalike(c)?))) {
        let with = match l.write {
            "a plain space" => " ",
            "nothing (delete it)" => "",
            w => w,
        };
        let span = Span::new(e.stopped_at, e.stopped_at + c.len_utf8());
        return Remedy {
            labels: Vec::new(),
            fix: Some((span, with.to_string())),
        };
    }
    let fix = (|| {
        let word = e
            .help
            .en
            .strip_prefix("did you mean `")?
            .strip_suffix("`?")?;
        let found = word_at(text, e.stopped_at);
        (!found.is_empty()).then(|| (words_span(text, e.stopped_at, word), word.to_string()))
    })();
    Remedy {
        labels: Vec::new(),
        fix,
    }
}

/// The fix a syntax error proposes, when one is certain enough for an editor to offer as
/// a quick fix: the bytes to replace (empty to insert) and what to write there. For a
/// "did you mean `x`?" it is the misspelt word (where the parser stopped, even when the
/// message points at the end of the line before) and `x`; for a text not closed, the
/// closing quote where the line then reads; for a pasted character, the one to write.
///
/// ```
/// let text = "procedure p {\n  stpe a \"x\" by r\n}\n";
/// let e = tthc::syntax::parse(text).unwrap_err();
/// let (span, word) = tthc::syntax::expected::replacement(text, &e).unwrap();
/// assert_eq!((&text[span.start..span.end], word.as_str()), ("stpe", "step"));
/// ```
pub fn replacement(text: &str, e: &SyntaxError) -> Option<(Span, String)> {
    remedy(text, e).fix
}

/// The other places an error's message speaks of (where a text not closed was opened).
pub fn labels(text: &str, e: &SyntaxError) -> Vec<(Span, Text)> {
    remedy(text, e).labels
}

/// The span of the word at `offset`, with the words after it that the rest of a
/// multi-word `keyword` folds to (`thu tuc` for `thủ tục`), so that the fix replaces
/// them all rather than leave `thủ tục tuc`.
fn words_span(text: &str, offset: usize, keyword: &str) -> Span {
    let first = word_at(text, offset);
    let mut end = offset + first.len();
    for want in keyword.split(' ').skip(1) {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let next = word_at(text, end + gap);
        if gap == 0 || next.is_empty() || fold(next) != fold(want) {
            break;
        }
        end += gap + next.len();
    }
    Span::new(offset, end)
}

/// `text` with every comment replaced by spaces of the same length, so that offsets
/// hold and no message takes a word of a comment for code.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut in_comment, mut escaped) = (false, false, false);
    for c in text.chars() {
        match c {
            '\n' => {
                in_string = false;
                in_comment = false;
            }
            _ if in_comment => {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                continue;
            }
            _ if in_string && escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => {
                in_comment = true;
                out.push(' ');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The byte range of the line holding `offset`, without its line break (`\r\n` too).
fn line_at(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if text[..end].ends_with('\r') {
        end -= 1;
    }
    Span::new(start, end)
}

/// A text opened on the line of `offset` and not closed before the line ends: "the text
/// opened here is not closed", at the end of the line, with the opening quote labelled
/// and, when closing it at the line's end makes the line read, that as the fix.
fn unclosed_text(text: &str, offset: usize) -> Option<(SyntaxError, Remedy)> {
    let line = line_at(text, offset);
    let (mut open, mut escaped) = (None, false);
    for (i, c) in text[line.start..line.end].char_indices() {
        match c {
            _ if open.is_some() && escaped => escaped = false,
            '\\' if open.is_some() => escaped = true,
            '"' => {
                open = if open.is_some() {
                    None
                } else {
                    Some(line.start + i)
                }
            }
            '#' if open.is_none() => break,
            _ => {}
        }
    }
    let opened = open?;
    if opened > offset.max(line.start) && offset < line.end {
        return None;
    }
    let last = text[line.start..line.end].chars().next_back()?;
    let span = Span::new(line.end - last.len_utf8(), line.end);
    // Where the text most likely ends: the first end of a word after which a closing
    // quote makes the line read to its end (`"Thẩm định" by r`, `"Thủ tục"` at the end).
    let reads = |at: usize| {
        let mut fixed = text.to_string();
        fixed.insert(at, '"');
        match TthcParser::parse(Rule::file, &fixed) {
            Ok(_) => true,
            Err(e) => {
                let pos = match e.location {
                    InputLocation::Pos(p) => p,
                    InputLocation::Span((s, _)) => s,
                };
                pos > line.end + 1
            }
        }
    };
    let inside = &text[opened + 1..line.end];
    let ends = inside
        .char_indices()
        .filter(|(i, c)| c.is_whitespace() && *i > 0)
        .map(|(i, _)| opened + 1 + i)
        .chain(std::iter::once(opened + 1 + inside.trim_end().len()));
    let at = ends.into_iter().find(|&at| reads(at));
    let shown = |at: usize| {
        let t = &text[opened + 1..at];
        if t.chars().count() > 40 {
            format!("{}…", t.chars().take(39).collect::<String>())
        } else {
            t.to_string()
        }
    };
    let help = match at {
        Some(at) => Text::new(
            format!(
                "end the text with a `\"` where it ends: `\"{}\"`",
                shown(at)
            ),
            format!(
                "kết thúc đoạn văn bản bằng dấu `\"` ở chỗ nó hết: `\"{}\"`",
                shown(at)
            ),
        ),
        None => Text::new(
            "end the text with a `\"` where it ends, on the same line",
            "kết thúc đoạn văn bản bằng dấu `\"` ở chỗ nó hết, trên cùng dòng",
        ),
    };
    let e = SyntaxError {
        span,
        stopped_at: offset,
        message: Text::new(
            "the text opened here is not closed: its closing `\"` is missing",
            "đoạn văn bản mở ở đây chưa được đóng: thiếu dấu `\"` đóng",
        ),
        help,
    };
    let remedy = Remedy {
        labels: vec![(
            Span::new(opened, opened + 1),
            Text::new("the text opened here", "đoạn văn bản mở ở đây"),
        )],
        fix: at.map(|at| (Span::new(at, at), "\"".to_string())),
    };
    Some((e, remedy))
}

/// A multi-word keyword whose words a pasted space (a non-breaking space from a word
/// processor) separates: `thẩm quyền` written `thẩm\u{a0}quyền`.
fn pasted_inside_keyword(text: &str, offset: usize, set: Lang) -> Option<(SyntaxError, Remedy)> {
    let first = word_at(text, offset);
    if first.is_empty() {
        return None;
    }
    let at = offset + first.len();
    let c = text[at..].chars().next()?;
    let l = lookalike(c).filter(|l| l.write == "a plain space")?;
    let second = word_at(text, at + c.len_utf8());
    let k = keywords::lookup(&format!("{first} {second}"))?;
    let written = format!("{first} {second}");
    let e = SyntaxError {
        span: Span::new(at, at + c.len_utf8()),
        stopped_at: offset,
        message: Text::new(
            format!(
                "{} separates the words of `{written}`, which the keyword `{}` writes with a plain space",
                l.en,
                k.word(set)
            ),
            format!(
                "{} ngăn cách hai chữ của `{written}`, trong khi từ khóa `{}` viết bằng dấu cách thường",
                l.vi,
                k.word(set)
            ),
        ),
        help: Text::new(
            "it was probably pasted from a word processor: write a plain space instead",
            "có lẽ được dán từ trình soạn thảo văn bản: hãy viết dấu cách thường thay thế",
        ),
    };
    let remedy = Remedy {
        labels: Vec::new(),
        fix: Some((Span::new(at, at + c.len_utf8()), " ".to_string())),
    };
    Some((e, remedy))
}

/// A date written in a form the language does not read (`2024/04/09`, `09.04.2024`,
/// `09-04-2024`), as the day it names.
fn other_date_form(found: &str) -> Option<chrono::NaiveDate> {
    ["%Y/%m/%d", "%d.%m.%Y", "%d-%m-%Y", "%Y.%m.%d"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(found, f).ok())
}

/// Whether only spaces stand between the start of its line and `offset`.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].trim().is_empty()
}

/// The word or quoted text just before `offset`, for "after `…`", with its span; never
/// a word of a comment (`text` has its comments blanked, see [`without_comments`]).
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

fn join(items: &[String], or: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// [`describe`], with keywords written in the file's set `set` in both languages'
/// messages: a file in Vietnamese keywords is told `tên`, one in English `name`.
fn describe_in(rule: Rule, set: Lang) -> Option<(String, String)> {
    if let Some(k) = keyword_of(rule) {
        let w = format!("`{}`", k.word(set));
        return Some((w.clone(), w));
    }
    let by_set = |en: &str, vi: &str| {
        let w = match set {
            Lang::En => en,
            Lang::Vi => vi,
        };
        Some((w.to_string(), w.to_string()))
    };
    match rule {
        Rule::same_day => by_set("`same day`", "`trong ngày`"),
        Rule::cutoff => by_set("`cutoff 15:00`", "`giờ chốt 15:00`"),
        Rule::no_cutoff => by_set("`none`", "`không`"),
        Rule::verification_words => by_set("`verification`", "`cần xác minh`"),
        _ => describe(rule).map(|(e, v)| (e.to_string(), v.to_string())),
    }
}

/// Puts a pest error in `text` into plain words, at the place of the mistake.
pub(super) fn syntax_error(text: &str, err: &pest::error::Error<Rule>) -> SyntaxError {
    let offset = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    // Keywords are named, and suggested, in the set the file is written in; a misspelt
    // word in a file with no keyword yet is offered the set it was typed in.
    let written_in = keywords::set_of(text);
    let set = written_in.unwrap_or_default();
    let in_set = |w: &'static str| match (written_in, keywords::lookup(w)) {
        (Some(set), Some(k)) => k.word(set),
        _ => w,
    };
    if let Some((e, _)) = unclosed_text(text, offset) {
        return e;
    }
    if let Some((e, _)) = pasted_inside_keyword(text, offset, set) {
        return e;
    }
    // Words of comments are nobody's mistake: they are blanked for what follows.
    let code = without_comments(text);
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
            Rule::kw_procedure,
            Rule::kw_decision,
            Rule::kw_role,
            Rule::kw_authority,
        ];
    }
    let mut en: Vec<String> = Vec::new();
    let mut vi: Vec<String> = Vec::new();
    let mut keywords: Vec<&'static Keyword> = Vec::new();
    let mut wants_close = false;
    for r in &positives {
        if let Some((e, v)) = describe_in(*r, set)
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
        en.push("…".to_string());
        vi.push("…".to_string());
    }
    if wants_close {
        en.push("`}` to close the block".to_string());
        vi.push("`}` để đóng khối".to_string());
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
    let after = previous_token(&code, offset);
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
        && let Some(k) =
            suggest_keyword(word, &keywords::KEYWORDS.iter().collect::<Vec<_>>()).map(in_set)
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
        suggest_keyword(found, &keywords).map(in_set).or_else(|| {
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
    } else if let Some(d) = positives
        .contains(&Rule::date)
        .then(|| other_date_form(found))
        .flatten()
    {
        // `2024/04/09`, `09.04.2024`: a date in a form the language does not read; say
        // exactly what to write.
        let (iso, printed) = (d.format("%Y-%m-%d"), d.format("%d/%-m/%Y"));
        Text::new(
            format!("write the date as `{iso}` (or day first, as decisions print it: `{printed}`)"),
            format!("viết ngày là `{iso}` (hoặc ngày trước, như quyết định in: `{printed}`)"),
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
    use super::Span;

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

    /// Issue 21, item 7: a missing closing quote is reported where the line ends, as
    /// "not closed", with the opening quote labelled and the closing quote to insert.
    #[test]
    fn a_missing_closing_quote_is_reported_at_the_end_of_its_line() {
        let text = "procedure p {\n  name \"Thủ tục\n  total 3 days\n}\n";
        let e = crate::syntax::parse(text).unwrap_err();
        assert_eq!(
            e.message.en,
            "the text opened here is not closed: its closing `\"` is missing"
        );
        let line_end = text.find("tục\n").unwrap() + "tục".len();
        assert_eq!(e.span.end, line_end);
        let label = super::labels(text, &e)[0].0;
        assert_eq!(&text[label.start..label.end], "\"");
        assert_eq!(label.start, text.find("\"Thủ").unwrap());
        assert_eq!(
            super::replacement(text, &e),
            Some((Span::new(line_end, line_end), "\"".to_string()))
        );
        assert_eq!(
            e.help.en,
            "end the text with a `\"` where it ends: `\"Thủ tục\"`"
        );
        // Where the text ends mid-line, the fix closes it there.
        let text = "procedure p {\n  step a \"Thẩm định by r 2 days\n}\n";
        let e = crate::syntax::parse(text).unwrap_err();
        let at = text.find(" by r").unwrap();
        assert_eq!(
            super::replacement(text, &e),
            Some((Span::new(at, at), "\"".to_string()))
        );
        assert!(!e.message.en.contains("expected"), "{}", e.message.en);
    }

    /// Keywords are named and suggested in the set the file is written in.
    #[test]
    fn keywords_are_offered_in_the_files_own_set() {
        let (m, h) = msg("thủ tục p {\n  tên \"x\"\n  tổg 3 ngày\n}\n");
        assert!(
            m.contains("`thẩm quyền`") && m.contains("`tên khác`"),
            "{m}"
        );
        assert!(!m.contains("`authority`") && !m.contains("`alias`"), "{m}");
        assert_eq!(h, "did you mean `tổng`?");
        let (m, h) = msg("procedure p {\n  name \"x\"\n  totl 3 days\n}\n");
        assert!(m.contains("`authority`") && m.contains("`alias`"), "{m}");
        assert!(!m.contains("`thẩm quyền`"), "{m}");
        assert_eq!(h, "did you mean `total`?");
        // A Vietnamese file whose writer typed an English keyword wrong is offered the
        // Vietnamese form of the keyword meant.
        let (_, h) =
            msg("thủ tục p {\n  tên \"x\"\n  nguồn \"1/QĐ\" mục \"B.1\"\n  totl 3 ngày\n}\n");
        assert_eq!(h, "did you mean `tổng`?");
    }

    #[test]
    fn no_message_says_the_end_of_the_file() {
        for text in [
            "role r \"R\"\nxyz\n",
            "procedure p {\n  name \"x\"\n}\nprocedur q {\n}\n",
            "}\n",
        ] {
            let e = crate::syntax::parse(text).unwrap_err();
            assert!(
                !e.message.en.contains("end of the file"),
                "{}",
                e.message.en
            );
            assert!(!e.message.vi.contains("hết tệp"), "{}", e.message.vi);
        }
        let (m, _) = msg("role r \"R\"\nxyz\n");
        assert!(m.contains("`procedure`") && m.contains("`role`"), "{m}");
    }

    #[test]
    fn a_message_never_points_at_a_word_of_a_comment() {
        let text = "procedure p {\n  total 3 # ba ngày làm việc\n  name \"x\"\n}\n";
        let e = crate::syntax::parse(text).unwrap_err();
        assert!(e.message.en.contains("after `3`"), "{}", e.message.en);
        assert_eq!(&text[e.span.start..e.span.end], "3");
        assert_eq!(
            e.help.en,
            "write the unit after the number: `3 day` or `3 days`"
        );
    }

    /// The README promises that what Word pastes is named: a non-breaking space between
    /// the words of a keyword too, with the plain space as the fix.
    #[test]
    fn a_non_breaking_space_inside_a_keyword_is_named() {
        let text = "thủ tục p {\n  tên \"x\"\n  thẩm\u{a0}quyền commune\n}\n";
        let e = crate::syntax::parse(text).unwrap_err();
        assert!(
            e.message.en.contains("non-breaking space (U+00A0)"),
            "{}",
            e.message.en
        );
        assert!(e.message.en.contains("`thẩm quyền`"), "{}", e.message.en);
        assert!(e.help.en.contains("plain space"), "{}", e.help.en);
        let nbsp = text.find('\u{a0}').unwrap();
        assert_eq!(e.span, Span::new(nbsp, nbsp + 2));
        assert_eq!(
            super::replacement(text, &e),
            Some((e.span, " ".to_string()))
        );
    }

    #[test]
    fn a_misspelt_first_word_of_a_vietnamese_keyword_is_replaced_whole() {
        let text = "thu tuc p {\n  tên \"x\"\n}\n";
        let e = crate::syntax::parse(text).unwrap_err();
        let (span, word) = super::replacement(text, &e).unwrap();
        assert_eq!(
            (&text[span.start..span.end], word.as_str()),
            ("thu tuc", "thủ tục")
        );
    }

    /// Issue 21, item 15: a date as decisions print it is read; one in another form is
    /// refused with the exact form to write.
    #[test]
    fn a_date_in_another_form_is_told_the_exact_form_to_write() {
        let (m, h) = msg("decision \"1/QĐ\" {\n  signed 2024/04/09\n}\n");
        assert!(m.contains("`09/4/2024`"), "{m}");
        assert_eq!(
            h,
            "write the date as `2024-04-09` (or day first, as decisions print it: `09/4/2024`)"
        );
        let (_, h) = msg("decision \"1/QĐ\" {\n  signed 09.04.2024\n}\n");
        assert!(h.contains("`2024-04-09`"), "{h}");
        assert!(crate::syntax::parse("decision \"1/QĐ\" {\n  signed 09/4/2024\n}\n").is_ok());
    }

    #[test]
    fn truncated_file_says_so() {
        let (m, h) = msg("procedure p {\n  name \"x\"\n");
        assert!(m.contains("the file ended"), "{m}");
        assert!(h.contains("cut short"), "{h}");
    }
}
