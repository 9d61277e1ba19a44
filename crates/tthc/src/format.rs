//! `tthc fmt`: one canonical layout for procedure files.
//!
//! The layout is one statement per line, two-space indentation, single spaces between
//! parts, one blank line between top-level declarations, and at most one blank line kept
//! where the author left blank lines. Numbers stay as written (`0,5` stays `0,5`, since it
//! mirrors the decision), and so do dates written day first as decisions print them
//! (`09/4/2024`); units, `YYYY-MM-DD` dates and clock times are normalised. Comments are kept
//! in place: a comment on its own line stays before the statement that follows it, a
//! comment at the end of a line stays at the end of that statement's line.

use crate::days::Days;
use crate::syntax::ast::*;
use crate::syntax::keywords::word;
use crate::syntax::source::{SourceFile, Span};
use crate::text::Lang;
use crate::text::normal::{Layout, canonical};

/// A comment found in the source.
struct Comment {
    start: usize,
    text: String,
    /// Nothing but whitespace before it on its line.
    own_line: bool,
}

fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = 0;
    let mut iter = text.char_indices();
    while let Some((i, c)) = iter.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => {
                    in_string = false;
                    line_start = i + 1;
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '\n' => line_start = i + 1,
            '#' => {
                let end = text[i..].find('\n').map_or(text.len(), |e| i + e);
                out.push(Comment {
                    start: i,
                    text: text[i..end].trim_end().to_string(),
                    own_line: text[line_start..i].trim().is_empty(),
                });
                // Skip the comment's characters.
                for _ in text[i + 1..end].chars() {
                    iter.next();
                }
            }
            _ => {}
        }
    }
    out
}

struct Printer<'a> {
    src: &'a SourceFile,
    comments: Vec<Comment>,
    next: usize,
    out: String,
    /// End offset of the last element printed, for blank-line detection.
    last_end: usize,
    /// The keyword set to write.
    lang: Lang,
    /// The set asked for when translating a file; `None` keeps amounts as written.
    into: Option<Lang>,
}

impl Printer<'_> {
    /// A keyword, named by its English form, in the set being written.
    fn kw(&self, en: &str) -> &'static str {
        word(en, self.lang)
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn blank_between(&self, start: usize) -> bool {
        let gap = self.src.text.get(self.last_end..start).unwrap_or("");
        gap.matches('\n').count() >= 2
    }

    fn blank_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    /// Prints the comments that come before `offset`, each on its own line.
    fn leading(&mut self, offset: usize, depth: usize) {
        while self.next < self.comments.len() && self.comments[self.next].start < offset {
            let start = self.comments[self.next].start;
            if self.blank_between(start) {
                self.blank_line();
            }
            let text = self.comments[self.next].text.clone();
            self.indent(depth);
            self.out.push_str(&text);
            self.out.push('\n');
            self.last_end = start + text.len();
            self.next += 1;
        }
    }

    /// Ends a statement's line, appending comments that start inside it or later on its last line.
    fn end_line(&mut self, span: Span, depth: usize) {
        let line = self.src.line_of(span.end.saturating_sub(1).max(span.start));
        let mut first = true;
        while self.next < self.comments.len() {
            let c = &self.comments[self.next];
            let inside = c.start < span.end;
            let same_line = !c.own_line && self.src.line_of(c.start) == line;
            if !(inside || same_line) {
                break;
            }
            let text = c.text.clone();
            let start = c.start;
            if first {
                self.out.push(' ');
                self.out.push_str(&text);
                first = false;
            } else {
                self.out.push('\n');
                self.indent(depth);
                self.out.push_str(&text);
            }
            self.last_end = self.last_end.max(start + text.len());
            self.next += 1;
        }
        self.out.push('\n');
        self.last_end = self.last_end.max(span.end);
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Authority {
                id,
                title,
                abolished,
                span,
            } => {
                let mut s = format!(
                    "{} {} {}",
                    self.kw("authority"),
                    id.text,
                    quote(&title.value)
                );
                if let Some(d) = abolished {
                    s.push_str(&format!(" {} {}", self.kw("abolished"), date(&d.text)));
                }
                self.out.push_str(&s);
                self.end_line(*span, 0);
            }
            Item::Role {
                id,
                title,
                authority,
                span,
            } => {
                let mut s = format!("{} {} {}", self.kw("role"), id.text, quote(&title.value));
                if let Some(a) = authority {
                    s.push_str(&format!(" {} {}", self.kw("authority"), a.text));
                }
                self.out.push_str(&s);
                self.end_line(*span, 0);
            }
            Item::Decision(b) => {
                let head = format!("{} {}", self.kw("decision"), quote(&b.name.value));
                self.block(&head, &b.stmts, b.span, b.head, 0);
            }
            Item::Procedure(b) => {
                let head = format!("{} {}", self.kw("procedure"), b.name.text);
                self.block(&head, &b.stmts, b.span, b.head, 0);
            }
        }
    }

    fn block(&mut self, head: &str, stmts: &[Stmt], span: Span, head_span: Span, depth: usize) {
        self.out.push_str(head);
        self.out.push_str(" {");
        // A comment after the opening brace on the same line stays there.
        let brace = self.src.text[head_span.end..span.end]
            .find('{')
            .map_or(head_span.end, |i| head_span.end + i + 1);
        // Only a comment before the first statement belongs to the brace's line.
        let first = stmts.first().map_or(span.end, |s| s.span.start);
        if self.next < self.comments.len()
            && !self.comments[self.next].own_line
            && self.comments[self.next].start < first
            && self.src.line_of(self.comments[self.next].start)
                == self.src.line_of(brace.saturating_sub(1))
        {
            let text = self.comments[self.next].text.clone();
            self.out.push(' ');
            self.out.push_str(&text);
            self.next += 1;
        }
        self.out.push('\n');
        self.last_end = brace;
        for s in stmts {
            self.leading(s.span.start, depth + 1);
            if self.blank_between(s.span.start) {
                self.blank_line();
            }
            self.indent(depth + 1);
            self.stmt(s, depth + 1);
        }
        self.leading(span.end.saturating_sub(1), depth + 1);
        self.indent(depth);
        self.out.push('}');
        self.end_line(Span::new(span.end.saturating_sub(1), span.end), depth);
    }

    fn stmt(&mut self, s: &Stmt, depth: usize) {
        let text = match &s.kind {
            StmtKind::Title(t) => format!("{} {}", self.kw("title"), quote(&t.value)),
            StmtKind::Signed(d) => format!("{} {}", self.kw("signed"), date(&d.text)),
            StmtKind::Effective(d) => format!("{} {}", self.kw("effective"), date(&d.text)),
            StmtKind::Issuer(t) => format!("{} {}", self.kw("issuer"), quote(&t.value)),
            StmtKind::Signer(t) => format!("{} {}", self.kw("signer"), quote(&t.value)),
            StmtKind::Basis(t) => format!("{} {}", self.kw("basis"), quote(&t.value)),
            StmtKind::Proposal(t) => format!("{} {}", self.kw("proposal"), quote(&t.value)),
            StmtKind::CutoffReach(r) => format!(
                "{} {} {}",
                self.kw("cutoff"),
                self.kw("applies to"),
                reach_words(&r.text, self.lang)
            ),
            StmtKind::Companion { number, about } => match about {
                Some(a) => format!(
                    "{} {} {}",
                    self.kw("companion"),
                    quote(&number.value),
                    quote(&a.value)
                ),
                None => format!("{} {}", self.kw("companion"), quote(&number.value)),
            },
            StmtKind::Heading { part, text } => format!(
                "{} {} {}",
                self.kw("heading"),
                quote(&part.value),
                quote(&text.value)
            ),
            StmtKind::Columns(list) => format!(
                "{} {}",
                self.kw("columns"),
                list.iter()
                    .map(|c| quote(&c.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            StmtKind::Replaces(list) => {
                format!("{} {}", self.kw("replaces"), targets(list, self.lang))
            }
            StmtKind::Repeals(list) => {
                format!("{} {}", self.kw("repeals"), targets(list, self.lang))
            }
            StmtKind::Name(t) => format!("{} {}", self.kw("name"), quote(&t.value)),
            StmtKind::Code(t) => {
                if !t.text.is_empty()
                    && t.text
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.')
                {
                    format!("{} {}", self.kw("code"), t.text)
                } else {
                    format!("{} {}", self.kw("code"), quote(&t.text))
                }
            }
            StmtKind::Field(t) => format!("{} {}", self.kw("field"), quote(&t.value)),
            StmtKind::Alias(names) => format!(
                "{} {}",
                self.kw("alias"),
                names
                    .iter()
                    .map(|n| quote(&n.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            StmtKind::Version(b) => {
                let head = format!("{} {}", self.kw("version"), b.name.text);
                self.block(&head, &b.stmts, b.span, b.head, depth);
                return;
            }
            StmtKind::Source { decision, item } => {
                format!(
                    "{} {} {} {}",
                    self.kw("source"),
                    quote(&decision.value),
                    self.kw("item"),
                    quote(&item.value)
                )
            }
            StmtKind::From(d) => format!("{} {}", self.kw("from"), date(&d.text)),
            StmtKind::Until(d) => format!("{} {}", self.kw("until"), date(&d.text)),
            StmtKind::Authority { id, printed } => {
                let mut s = format!("{} {}", self.kw("authority"), id.text);
                if let Some(p) = printed {
                    s.push(' ');
                    s.push_str(&printed_words(p, self.lang));
                }
                s
            }
            StmtKind::Variant {
                id,
                title,
                when,
                cutoff,
            } => {
                let mut s = format!("{} {} {}", self.kw("variant"), id.text, quote(&title.value));
                if let Some(w) = when {
                    s.push_str(&format!(" {} {}", self.kw("when"), quote(&w.value)));
                }
                if let Some(c) = cutoff {
                    s.push_str(&format!(
                        " {} {}",
                        self.kw("cutoff"),
                        cutoff_value(c, self.lang)
                    ));
                }
                s
            }
            StmtKind::Total(t) => {
                format!("{} {}", self.kw("total"), timing(t, self.lang, self.into))
            }
            StmtKind::Step {
                id,
                name,
                role,
                others,
                printed,
                timing: t,
            } => {
                let mut s = format!(
                    "{} {} {} {} {}",
                    self.kw("step"),
                    id.text,
                    quote(&name.value),
                    self.kw("by"),
                    role.text
                );
                for o in others {
                    s.push_str(" / ");
                    s.push_str(&o.text);
                }
                if let Some(p) = printed {
                    s.push(' ');
                    s.push_str(&quote(&p.value));
                }
                if let Some(t) = t {
                    let written = timing(t, self.lang, self.into);
                    if !written.is_empty() {
                        s.push(' ');
                        s.push_str(&written);
                    }
                }
                s
            }
            StmtKind::Interpreted { step, text } => match step {
                Some(st) => format!(
                    "{} {} {}",
                    self.kw("interpreted"),
                    st.text,
                    quote(&text.value)
                ),
                None => format!("{} {}", self.kw("interpreted"), quote(&text.value)),
            },
        };
        self.out.push_str(&text);
        self.end_line(s.span, depth);
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A date in its canonical form: `2024-04-09` padded; one written as the decision prints
/// it (`09/4/2024`) stays as written, as numbers do.
fn date(text: &str) -> String {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| text.to_string())
}

fn clock(text: &str) -> String {
    chrono::NaiveTime::parse_from_str(&text.replace('h', ":"), "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| text.to_string())
}

/// An amount in the language it was written in: Vietnamese wording (`ngày`, `ngày làm
/// việc`, `trong ngày`, `ngay trong ngày`, `nửa ngày`) is kept as written; English
/// wording gets `day` or `days` by the number. When the file is being translated
/// (`into`), the wording follows the keywords: `3 days` becomes `3 ngày` and
/// `trong ngày` becomes `same day`.
fn amount(a: &Amount, into: Option<Lang>) -> String {
    let at_most = if a.at_most && into != Some(Lang::En) {
        "không quá "
    } else {
        ""
    };
    format!("{at_most}{}", amount_words(a, into))
}

fn amount_words(a: &Amount, into: Option<Lang>) -> String {
    let vietnamese = !a.words.is_ascii();
    match (&a.kind, into) {
        (AmountKind::SameDay, Some(Lang::En)) => "same day".to_string(),
        (AmountKind::SameDay, Some(Lang::Vi)) if !vietnamese => "trong ngày".to_string(),
        (AmountKind::SameDay, _) if vietnamese => a.words.clone(),
        (AmountKind::SameDay, _) => "same day".to_string(),
        (AmountKind::Days { number, .. }, Some(Lang::En)) if number.text == "nửa" => {
            "0,5 day".to_string()
        }
        (AmountKind::Days { number, .. }, _) if number.text == "nửa" => a.words.clone(),
        (AmountKind::Days { number, .. }, Some(Lang::Vi)) if !vietnamese => {
            format!("{} ngày", number.text)
        }
        (AmountKind::Days { number, .. }, into) if vietnamese && into != Some(Lang::En) => {
            format!("{} {}", number.text, a.words)
        }
        (AmountKind::Days { number, .. }, _) => {
            let one_or_less = Days::parse(&number.text).is_ok_and(|d| d <= Days::whole(1));
            format!(
                "{} {}",
                number.text,
                if one_or_less { "day" } else { "days" }
            )
        }
    }
}

/// A cutoff's value: the clock time, or `none` in the file's keyword set.
fn cutoff_value(c: &crate::syntax::ast::Token, lang: Lang) -> String {
    match c.text.as_str() {
        "none" | "không" => lang.pick("none", "không").to_string(),
        t => clock(t),
    }
}

/// `printed "…", "…"` in the file's keyword set.
fn printed_words(p: &crate::syntax::ast::Printed, lang: Lang) -> String {
    let strings: Vec<String> = p.parts.iter().map(|s| quote(&s.value)).collect();
    format!("{} {}", word("printed", lang), strings.join(", "))
}

/// A cutoff's reach (`same day`, `every count`) in the file's keyword set.
fn reach_words(text: &str, lang: Lang) -> String {
    let every = text.split_whitespace().next() == Some("every")
        || text.split_whitespace().next() == Some("mọi");
    match (every, lang) {
        (true, Lang::En) => "every count",
        (true, Lang::Vi) => "mọi thời hạn",
        (false, Lang::En) => "same day",
        (false, Lang::Vi) => "trong ngày",
    }
    .to_string()
}

fn timing(t: &Timing, lang: Lang, into: Option<Lang>) -> String {
    let written = timing_amounts(t, lang, into);
    match (&t.printed, written.is_empty()) {
        (Some(p), true) => printed_words(p, lang),
        (Some(p), false) => format!("{written} {}", printed_words(p, lang)),
        (None, _) => written,
    }
}

fn timing_amounts(t: &Timing, lang: Lang, into: Option<Lang>) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &t.base {
        parts.push(amount(b, into));
    }
    if let Some(c) = &t.cutoff {
        parts.push(format!(
            "{} {}",
            word("cutoff", lang),
            cutoff_value(c, lang)
        ));
    }
    for (name, a) in &t.variants {
        // The built-in case is written as its keyword set words it.
        let name = match name.text.as_str() {
            crate::syntax::parse::VERIFICATION if lang == Lang::Vi => "cần xác minh",
            n => n,
        };
        let mut written = format!("{name} {}", amount(a, into));
        if a.undivided.is_some() {
            written.push(' ');
            written.push_str(word("undivided", lang));
        }
        parts.push(written);
    }
    parts.join(", ")
}

/// Formats a parsed file. The caller parses first so that files with syntax errors are
/// reported, never rewritten.
pub fn format(src: &SourceFile, file: &File) -> String {
    format_in(src, file, None)
}

/// Formats a parsed file in the keyword set `into` (keywords and the wording of times),
/// whatever set it was written in: `tthc fmt --keywords vi` turns an English file into a
/// Vietnamese one. `None` keeps the set most of the file's keywords are written in.
pub fn format_in(src: &SourceFile, file: &File, into: Option<Lang>) -> String {
    let mut p = Printer {
        lang: into.unwrap_or(file.keywords),
        into,
        src,
        comments: comments(&src.text),
        next: 0,
        out: String::new(),
        last_end: 0,
    };
    for (i, item) in file.items.iter().enumerate() {
        let start = match item {
            Item::Authority { span, .. } | Item::Role { span, .. } => span.start,
            Item::Decision(b) => b.span.start,
            Item::Procedure(b) => b.span.start,
        };
        // Blocks are always set apart; one-line declarations keep their grouping.
        let is_block = matches!(item, Item::Decision(_) | Item::Procedure(_));
        let prev_block =
            i > 0 && matches!(file.items[i - 1], Item::Decision(_) | Item::Procedure(_));
        if i > 0 && (is_block || prev_block) {
            let own_comments_follow = p.next < p.comments.len() && p.comments[p.next].start < start;
            if !own_comments_follow || p.blank_between(p.comments[p.next].start) {
                p.blank_line();
            }
        }
        p.leading(start, 0);
        if p.blank_between(start) {
            p.blank_line();
        }
        p.item(item);
    }
    p.leading(src.text.len() + 1, 0);
    p.out
}

/// Parses and formats a text; `None` when it has syntax errors. Comments are kept;
/// formatting twice gives the same text.
///
/// ```
/// let messy = "role   leader \"Lãnh đạo UBND cấp xã\"   # người ký\n";
/// let tidy = tthc::format::format_text("roles.tthc", messy).unwrap();
/// assert_eq!(tidy, "role leader \"Lãnh đạo UBND cấp xã\" # người ký\n");
/// assert_eq!(tthc::format::format_text("roles.tthc", &tidy).unwrap(), tidy);
/// assert!(tthc::format::format_text("x.tthc", "role {").is_none());
/// ```
///
/// The result is NFC text (as the checker reads it), and keeps the file's line endings
/// (CRLF when its first line ends so) and its byte-order mark, as rustfmt's
/// `newline_style = "Auto"` does: a file checked out on Windows stays as Git left it.
///
/// ```
/// let windows = "\u{feff}role   leader \"Lãnh đạo\"\r\n";
/// let tidy = tthc::format::format_text("roles.tthc", windows).unwrap();
/// assert_eq!(tidy, "\u{feff}role leader \"Lãnh đạo\"\r\n");
/// ```
pub fn format_text(path: &str, text: &str) -> Option<String> {
    format_text_in(path, text, None)
}

/// [`format_text`] in a keyword set (see [`format_in`]).
///
/// ```
/// use tthc::text::Lang;
/// let en = "procedure p {\n  total 3 days, cutoff 15:00\n}\n";
/// let vi = tthc::format::format_text_in("p.tthc", en, Some(Lang::Vi)).unwrap();
/// assert_eq!(vi, "thủ tục p {\n  tổng 3 ngày, giờ chốt 15:00\n}\n");
/// // A Vietnamese file stays Vietnamese when formatted, and translates back.
/// assert_eq!(tthc::format::format_text("p.tthc", &vi).unwrap(), vi);
/// assert_eq!(tthc::format::format_text_in("p.tthc", &vi, Some(Lang::En)).unwrap(), en);
/// ```
pub fn format_text_in(path: &str, text: &str, into: Option<Lang>) -> Option<String> {
    let layout = Layout::of(text);
    let text = canonical(text);
    // A file holding a character that must never be there is not formatted: the
    // checker says what it is, and formatting would only carry it along.
    if text
        .chars()
        .any(|c| crate::text::chars::forbidden(c).is_some())
    {
        return None;
    }
    let src = SourceFile::new(path, text.as_ref());
    let tree = crate::syntax::parse(&text).ok()?;
    Some(layout.apply(&format_in(&src, &tree, into)))
}

/// `"1086/QĐ-UBND" item "A.1", "766/QĐ-UBND"` as `replaces` and `repeals` write them.
fn targets(list: &[Target], lang: Lang) -> String {
    list.iter()
        .map(|t| {
            let signed = t
                .signed
                .as_ref()
                .map(|d| format!(" {} {}", word("signed", lang), date(&d.text)))
                .unwrap_or_default();
            (t, signed)
        })
        .map(|(t, signed)| match (&t.item, &t.part) {
            (_, Some(part)) => format!(
                "{}{signed} {} {}",
                quote(&t.decision.value),
                word("part", lang),
                quote(&part.value)
            ),
            (Some(i), None) => format!(
                "{}{signed} {} {}",
                quote(&t.decision.value),
                word("item", lang),
                quote(&i.value)
            ),
            (None, None) => format!("{}{signed}", quote(&t.decision.value)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::format_text;

    #[test]
    fn decomposed_text_comes_out_composed() {
        let nfd = "procedure p {\n  name \"Đăng ky\u{301} ke\u{302}\u{301}t ho\u{302}n\"\n}\n";
        let out = format_text("t", nfd).unwrap();
        assert_eq!(out, "procedure p {\n  name \"Đăng ký kết hôn\"\n}\n");
    }

    #[test]
    fn canonical_layout_keeps_comments() {
        let src = "# đầu tệp\nprocedure p{name \"Tên\"   # cuối dòng\n\n\n  total 3 ngày,verification 0,5 ngày\n# trước bước\nstep a \"x\" by r 1/4 day}\n";
        let out = format_text("t", src).unwrap();
        assert_eq!(
            out,
            "# đầu tệp\nprocedure p {\n  name \"Tên\" # cuối dòng\n\n  total 3 ngày, verification 0,5 ngày\n  # trước bước\n  step a \"x\" by r 1/4 day\n}\n"
        );
        assert_eq!(format_text("t", &out).unwrap(), out);
    }

    #[test]
    fn hash_inside_a_string_is_not_a_comment() {
        let src = "procedure p {\n  name \"Số #1\"\n}\n";
        assert_eq!(format_text("t", src).unwrap(), src);
    }
}
