//! `tthc fmt`: one canonical layout for procedure files.
//!
//! The layout is one statement per line, two-space indentation, single spaces between
//! parts, one blank line between top-level declarations, and at most one blank line kept
//! where the author left blank lines. Numbers stay as written (`0,5` stays `0,5`, since it
//! mirrors the decision); units, dates and clock times are normalised. Comments are kept
//! in place: a comment on its own line stays before the statement that follows it, a
//! comment at the end of a line stays at the end of that statement's line.

use crate::days::Days;
use crate::syntax::ast::*;
use crate::syntax::source::{SourceFile, Span};
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
}

impl Printer<'_> {
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
                let mut s = format!("authority {} {}", id.text, quote(&title.value));
                if let Some(d) = abolished {
                    s.push_str(&format!(" abolished {}", date(&d.text)));
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
                let mut s = format!("role {} {}", id.text, quote(&title.value));
                if let Some(a) = authority {
                    s.push_str(&format!(" authority {}", a.text));
                }
                self.out.push_str(&s);
                self.end_line(*span, 0);
            }
            Item::Decision(b) => {
                let head = format!("decision {}", quote(&b.name.value));
                self.block(&head, &b.stmts, b.span, b.head, 0);
            }
            Item::Procedure(b) => {
                let head = format!("procedure {}", b.name.text);
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
            StmtKind::Title(t) => format!("title {}", quote(&t.value)),
            StmtKind::Signed(d) => format!("signed {}", date(&d.text)),
            StmtKind::Effective(d) => format!("effective {}", date(&d.text)),
            StmtKind::Issuer(t) => format!("issuer {}", quote(&t.value)),
            StmtKind::Replaces(list) => format!("replaces {}", targets(list)),
            StmtKind::Repeals(list) => format!("repeals {}", targets(list)),
            StmtKind::Name(t) => format!("name {}", quote(&t.value)),
            StmtKind::Code(t) => {
                if !t.text.is_empty()
                    && t.text
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.')
                {
                    format!("code {}", t.text)
                } else {
                    format!("code {}", quote(&t.text))
                }
            }
            StmtKind::Field(t) => format!("field {}", quote(&t.value)),
            StmtKind::Version(b) => {
                let head = format!("version {}", b.name.text);
                self.block(&head, &b.stmts, b.span, b.head, depth);
                return;
            }
            StmtKind::Source { decision, item } => {
                format!(
                    "source {} item {}",
                    quote(&decision.value),
                    quote(&item.value)
                )
            }
            StmtKind::From(d) => format!("from {}", date(&d.text)),
            StmtKind::Until(d) => format!("until {}", date(&d.text)),
            StmtKind::Authority(a) => format!("authority {}", a.text),
            StmtKind::Variant { id, title } => {
                format!("variant {} {}", id.text, quote(&title.value))
            }
            StmtKind::Total(t) => format!("total {}", timing(t)),
            StmtKind::Step {
                id,
                name,
                role,
                timing: t,
            } => {
                let mut s = format!("step {} {} by {}", id.text, quote(&name.value), role.text);
                if let Some(t) = t {
                    s.push(' ');
                    s.push_str(&timing(t));
                }
                s
            }
            StmtKind::Interpreted { step, text } => match step {
                Some(st) => format!("interpreted {} {}", st.text, quote(&text.value)),
                None => format!("interpreted {}", quote(&text.value)),
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
/// wording gets `day` or `days` by the number.
fn amount(a: &Amount) -> String {
    let vietnamese = !a.words.is_ascii();
    match &a.kind {
        AmountKind::SameDay if vietnamese => a.words.clone(),
        AmountKind::SameDay => "same day".to_string(),
        AmountKind::Days { number, .. } if number.text == "nửa" => a.words.clone(),
        AmountKind::Days { number, .. } if vietnamese => format!("{} {}", number.text, a.words),
        AmountKind::Days { number, .. } => {
            let one_or_less = Days::parse(&number.text).is_ok_and(|d| d <= Days::whole(1));
            format!(
                "{} {}",
                number.text,
                if one_or_less { "day" } else { "days" }
            )
        }
    }
}

fn timing(t: &Timing) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &t.base {
        parts.push(amount(b));
    }
    if let Some(c) = &t.cutoff {
        parts.push(format!("cutoff {}", clock(&c.text)));
    }
    for (name, a) in &t.variants {
        parts.push(format!("{} {}", name.text, amount(a)));
    }
    parts.join(", ")
}

/// Formats a parsed file. The caller parses first so that files with syntax errors are
/// reported, never rewritten.
pub fn format(src: &SourceFile, file: &File) -> String {
    let mut p = Printer {
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
    Some(layout.apply(&format(&src, &tree)))
}

/// `"1086/QĐ-UBND" item "A.1", "766/QĐ-UBND"` as `replaces` and `repeals` write them.
fn targets(list: &[Target]) -> String {
    list.iter()
        .map(|t| match &t.item {
            Some(i) => format!("{} item {}", quote(&t.decision.value), quote(&i.value)),
            None => quote(&t.decision.value),
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
