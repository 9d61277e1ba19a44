//! Binding of the pest grammar and construction of the syntax tree.

use super::SyntaxError;
use super::ast::*;
use super::source::Span;
use pest::Parser as _;
use pest::iterators::Pair;

/// The pest parser generated from `grammar/tthc.pest`; its `Rule` enum names the
/// grammar's rules, which `grammar/tthc.pest` documents.
#[allow(missing_docs)]
mod generated {
    /// The generated pest parser for `grammar/tthc.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../../../grammar/tthc.pest"]
    pub struct TthcParser;
}

pub use generated::{Rule, TthcParser};

/// Parses a file's text into a syntax tree, or says in plain words where and why it does
/// not follow the grammar.
///
/// ```
/// let tree = tthc::syntax::parse("role leader \"Lãnh đạo UBND cấp xã\"\n").unwrap();
/// assert_eq!(tree.items.len(), 1);
///
/// let err = tthc::syntax::parse("procedure p {\n  stpe a \"x\" by r\n}\n").unwrap_err();
/// assert_eq!(err.help.en, "did you mean `step`?");
/// ```
pub fn parse(text: &str) -> Result<File, SyntaxError> {
    let mut pairs =
        TthcParser::parse(Rule::file, text).map_err(|e| super::expected::syntax_error(text, &e))?;
    let file = pairs
        .next()
        .expect("the file rule always produces one pair");
    let keywords = keyword_set(file.clone());
    let items = file
        .into_inner()
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(item)
        .collect();
    Ok(File {
        items,
        keywords,
        set_aside: Vec::new(),
    })
}

/// Most syntax errors reported for one file: past this many, the rest are likely one
/// mistake seen many times.
pub const MAX_ERRORS: usize = 20;

/// What [`parse_recovering`] found: every independent mistake, the tree of what could be
/// read around them, and the places it set aside to read on.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The tree, without the statements or blocks set aside; `None` when the file
    /// could not be read on (a block left open at the end of the file).
    pub tree: Option<File>,
    /// Every mistake, in file order, each reported once.
    pub errors: Vec<SyntaxError>,
    /// The byte ranges set aside (blanked) to read on.
    pub skipped: Vec<Span>,
}

/// Parses a file and, after a syntax error, reads on from the next statement or block, so
/// that a file with three independent mistakes gets three errors. The statement (its
/// line) holding a mistake is set aside; when that line opens a block (`procedur p {`),
/// the whole block is. A later error is kept only when it lies after the previous one,
/// so a mistake is never reported twice nor followed by errors of its own making. The
/// tree records each place set aside and what it most likely was
/// ([`File::set_aside`]), so that the checker can tell what may be missing.
///
/// ```
/// let text = "procedure p {\n  nme \"x\"\n  total 3 dayz\n  step a \"A\" by r 2\n}\n";
/// let r = tthc::syntax::parse::parse_recovering(text);
/// assert_eq!(r.errors.len(), 3);
/// assert!(r.tree.is_some());
/// ```
pub fn parse_recovering(text: &str) -> Recovered {
    let mut errors: Vec<SyntaxError> = Vec::new();
    let mut skipped = Vec::new();
    let mut work = text.to_string();
    let mut set_aside: Vec<SetAside> = Vec::new();
    loop {
        match parse(&work) {
            Ok(mut tree) => {
                tree.set_aside = set_aside;
                return Recovered {
                    tree: Some(tree),
                    errors,
                    skipped,
                };
            }
            Err(e) => {
                let after_previous = errors
                    .last()
                    .is_none_or(|p| e.stopped_at > p.stopped_at && e.span.start >= p.span.end);
                if !after_previous || errors.len() >= MAX_ERRORS {
                    break;
                }
                // The mistake's own line is set aside: where the parser stopped, or, when
                // it noticed the mistake only on the next line (a missing unit), the line
                // the message points at. A brace is never the mistake's line.
                let pointed = work.get(e.span.start..e.span.end).unwrap_or("");
                let same_line = !work
                    .get(e.span.start.min(e.stopped_at)..e.stopped_at.max(e.span.start))
                    .unwrap_or("")
                    .contains('\n');
                let at = if same_line || matches!(pointed, "{" | "}") {
                    e.stopped_at
                } else {
                    e.span.start
                };
                match region_to_set_aside(&work, at) {
                    Some(region) => {
                        set_aside.push(classify(&work, region, &e));
                        errors.push(e);
                        blank(&mut work, region, at);
                        skipped.push(region);
                    }
                    None => {
                        errors.push(e);
                        break;
                    }
                }
            }
        }
    }
    Recovered {
        tree: None,
        errors,
        skipped,
    }
}

/// The region to set aside for a mistake at `at`: its line, or, when the line opens more
/// blocks than it closes, through the brace that closes them. `None` at the end of the
/// file, where there is nothing to read on to.
fn region_to_set_aside(text: &str, at: usize) -> Option<Span> {
    if at >= text.len() {
        return None;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let depth = brace_balance(&text[start..end]);
    if depth <= 0 {
        return Some(Span::new(start, end));
    }
    // Find the braces that close what this line opened.
    let mut open = depth;
    let mut in_string = false;
    let mut escaped = false;
    let mut comment = false;
    for (i, c) in text[end..].char_indices() {
        match c {
            '\n' => comment = false,
            _ if comment => {}
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => comment = true,
            '{' if !in_string => open += 1,
            '}' if !in_string => {
                open -= 1;
                if open == 0 {
                    return Some(Span::new(start, end + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// What a region set aside most likely was: the keyword its first words are, or the one
/// its first word misspells (the error's "did you mean"), and the name a declaration or
/// block there declares.
fn classify(text: &str, region: Span, e: &SyntaxError) -> SetAside {
    use super::keywords;
    let code = &text[region.start..region.end];
    let code = code.split('\n').next().unwrap_or("");
    let code = code.split('#').next().unwrap_or("");
    let lead = code.len() - code.trim_start().len();
    let code = code.trim_start();
    let words: Vec<&str> = code.split_whitespace().take(2).collect();
    let by_words = (words.len() == 2)
        .then(|| keywords::lookup(&words.join(" ")))
        .flatten()
        .map(|k| (k, 2))
        .or_else(|| {
            words
                .first()
                .and_then(|w| keywords::lookup(w))
                .map(|k| (k, 1))
        });
    let misspelt = || {
        let first = words.first()?;
        let start = region.start + lead;
        super::expected::replacement(text, e)
            .filter(|(span, _)| span.start == start)
            .and_then(|(_, w)| keywords::lookup(&w))
            .or_else(|| super::expected::misspelt_keyword(first))
            .map(|k| (k, 1))
    };
    let Some((keyword, n)) = by_words.or_else(misspelt) else {
        return SetAside {
            span: region,
            keyword: None,
            name: None,
        };
    };
    let rest = code
        .split_whitespace()
        .skip(n)
        .collect::<Vec<_>>()
        .join(" ");
    let name = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.split('"').next().map(str::to_string)
    } else {
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        (!id.is_empty()).then_some(id)
    };
    SetAside {
        span: region,
        keyword: Some(keyword.en),
        name,
    }
}

/// `{` minus `}` on a line, outside strings and comments.
fn brace_balance(line: &str) -> i64 {
    let mut n = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => break,
            '{' if !in_string => n += 1,
            '}' if !in_string => n -= 1,
            _ => {}
        }
    }
    n
}

/// Replaces a region by spaces, keeping line breaks and the closing braces of blocks
/// opened before it (but not a stray `}` at the mistake, `at`), so that positions stay
/// where they were.
fn blank(text: &mut String, region: Span, at: usize) {
    let keep_closers = brace_balance(&text[region.start..region.end]) < 0;
    let replaced: String = text[region.start..region.end]
        .char_indices()
        .map(|(i, c)| match c {
            '\n' => "\n".to_string(),
            '}' if keep_closers && region.start + i != at => "}".to_string(),
            c => " ".repeat(c.len_utf8()),
        })
        .collect();
    text.replace_range(region.start..region.end, &replaced);
}

fn span(p: &Pair<'_, Rule>) -> Span {
    let s = p.as_span();
    Span::new(s.start(), s.end())
}

/// The span of a statement without the whitespace and comments pest lets optional
/// trailing parts swallow before they fail: it ends where its last token ends.
fn tight(p: &Pair<'_, Rule>) -> Span {
    Span::new(p.as_span().start(), tight_end(p.clone()))
}

fn tight_end(p: Pair<'_, Rule>) -> usize {
    let end = p.as_span().end();
    if matches!(
        p.as_rule(),
        Rule::string
            | Rule::ident
            | Rule::label
            | Rule::date
            | Rule::clock
            | Rule::number
            | Rule::code_value
            | Rule::unit
            | Rule::same_day
            | Rule::variant_name
            | Rule::verification_words
            | Rule::version_block
    ) {
        return end;
    }
    p.into_inner().last().map_or(end, tight_end)
}

fn token(p: Pair<'_, Rule>) -> Token {
    Token {
        text: p.as_str().to_string(),
        span: span(&p),
    }
}

fn string(p: Pair<'_, Rule>) -> Str {
    let sp = span(&p);
    let inner = p.into_inner().next().map(|i| i.as_str()).unwrap_or("");
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => value.push('\n'),
                Some(other) => value.push(other),
                None => {}
            }
        } else {
            value.push(c);
        }
    }
    Str { value, span: sp }
}

fn target(p: Pair<'_, Rule>) -> Target {
    let mut it = p.into_inner();
    let decision = string(it.next().expect("grammar: a target's decision"));
    let mut target = Target {
        decision,
        item: None,
        part: None,
        signed: None,
    };
    while let (Some(kw), Some(value)) = (it.next(), it.next()) {
        match kw.as_rule() {
            Rule::kw_part => target.part = Some(string(value)),
            Rule::kw_signed => target.signed = Some(token(value)),
            _ => target.item = Some(string(value)),
        }
    }
    target
}

/// `printed "…", "…"`.
fn printed(p: Pair<'_, Rule>) -> Printed {
    let sp = tight(&p);
    Printed {
        parts: parts(p).map(string).collect(),
        span: sp,
    }
}

/// Pairs of a statement without the keyword pairs, which carry no information.
fn parts<'i>(p: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    p.into_inner().filter(|q| !is_keyword(q.as_rule()))
}

fn is_keyword(r: Rule) -> bool {
    matches!(
        r,
        Rule::kw_decision
            | Rule::kw_procedure
            | Rule::kw_role
            | Rule::kw_authority
            | Rule::kw_abolished
            | Rule::kw_title
            | Rule::kw_signed
            | Rule::kw_effective
            | Rule::kw_issuer
            | Rule::kw_signer
            | Rule::kw_basis
            | Rule::kw_companion
            | Rule::kw_part
            | Rule::kw_heading
            | Rule::kw_columns
            | Rule::kw_replaces
            | Rule::kw_repeals
            | Rule::kw_name
            | Rule::kw_code
            | Rule::kw_field
            | Rule::kw_alias
            | Rule::kw_version
            | Rule::kw_source
            | Rule::kw_item
            | Rule::kw_from
            | Rule::kw_until
            | Rule::kw_variant
            | Rule::kw_total
            | Rule::kw_cutoff
            | Rule::kw_step
            | Rule::kw_by
            | Rule::kw_interpreted
            | Rule::kw_when
            | Rule::kw_printed
            | Rule::kw_undivided
            | Rule::kw_applies
            | Rule::kw_proposal
    )
}

/// The keyword set most keywords of a parsed file are written in.
fn keyword_set(file: Pair<'_, Rule>) -> crate::text::Lang {
    use crate::text::Lang;
    let (mut en, mut vi) = (0usize, 0usize);
    for p in file
        .into_inner()
        .flatten()
        .filter(|p| is_keyword(p.as_rule()))
    {
        match super::keywords::lang_of(p.as_str()) {
            Some(Lang::Vi) => vi += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    if vi > en { Lang::Vi } else { Lang::En }
}

fn keyword_span(p: &Pair<'_, Rule>) -> Span {
    p.clone()
        .into_inner()
        .next()
        .map(|k| span(&k))
        .unwrap_or_else(|| span(p))
}

fn item(p: Pair<'_, Rule>) -> Item {
    let sp = match p.as_rule() {
        Rule::authority_decl | Rule::role_decl => tight(&p),
        _ => span(&p),
    };
    match p.as_rule() {
        Rule::authority_decl => {
            let mut it = parts(p);
            let id = token(it.next().expect("grammar: id"));
            let title = string(it.next().expect("grammar: title"));
            let abolished = it.next().map(token);
            Item::Authority {
                id,
                title,
                abolished,
                span: sp,
            }
        }
        Rule::role_decl => {
            let mut it = parts(p);
            let id = token(it.next().expect("grammar: id"));
            let title = string(it.next().expect("grammar: title"));
            let authority = it.next().map(token);
            Item::Role {
                id,
                title,
                authority,
                span: sp,
            }
        }
        Rule::decision => {
            let kw = keyword_span(&p);
            let mut it = parts(p);
            let name = string(it.next().expect("grammar: number"));
            let head = kw.join(name.span);
            Item::Decision(Block {
                name,
                stmts: it.map(stmt).collect(),
                span: sp,
                head,
            })
        }
        Rule::procedure => Item::Procedure(block(p)),
        other => unreachable!("grammar: unexpected item {other:?}"),
    }
}

fn block(p: Pair<'_, Rule>) -> Block<Token> {
    let sp = span(&p);
    let kw = keyword_span(&p);
    let mut it = parts(p);
    let name = token(it.next().expect("grammar: block name"));
    let head = kw.join(name.span);
    Block {
        name,
        stmts: it.map(stmt).collect(),
        span: sp,
        head,
    }
}

fn stmt(p: Pair<'_, Rule>) -> Stmt {
    let sp = tight(&p);
    let keyword = keyword_span(&p);
    let rule = p.as_rule();
    let kind = match rule {
        Rule::version_block => StmtKind::Version(block(p)),
        _ => {
            let mut it = parts(p);
            let mut next = || it.next().expect("grammar: statement part");
            match rule {
                Rule::title_stmt => StmtKind::Title(string(next())),
                Rule::signed_stmt => StmtKind::Signed(token(next())),
                Rule::effective_stmt => StmtKind::Effective(token(next())),
                Rule::issuer_stmt => StmtKind::Issuer(string(next())),
                Rule::signer_stmt => StmtKind::Signer(string(next())),
                Rule::basis_stmt => StmtKind::Basis(string(next())),
                Rule::proposal_stmt => StmtKind::Proposal(string(next())),
                Rule::reach_stmt => StmtKind::CutoffReach(token(next())),
                Rule::companion_stmt => StmtKind::Companion {
                    number: string(it.next().expect("grammar: companion number")),
                    about: it.next().map(string),
                },
                Rule::heading_stmt => StmtKind::Heading {
                    part: string(it.next().expect("grammar: heading part")),
                    text: string(it.next().expect("grammar: heading text")),
                },
                Rule::columns_stmt => StmtKind::Columns(it.map(string).collect()),
                Rule::name_stmt => StmtKind::Name(string(next())),
                Rule::field_stmt => StmtKind::Field(string(next())),
                Rule::alias_stmt => StmtKind::Alias(it.map(string).collect()),
                Rule::code_stmt => {
                    let v = next();
                    if v.as_rule() == Rule::string {
                        let s = string(v);
                        StmtKind::Code(Token {
                            text: s.value,
                            span: s.span,
                        })
                    } else {
                        StmtKind::Code(token(v))
                    }
                }
                Rule::from_stmt => StmtKind::From(token(next())),
                Rule::until_stmt => StmtKind::Until(token(next())),
                Rule::authority_stmt => StmtKind::Authority {
                    id: token(next()),
                    printed: it.next().map(printed),
                },
                Rule::source_stmt => {
                    let decision = string(next());
                    let item = string(next());
                    StmtKind::Source { decision, item }
                }
                Rule::variant_stmt => {
                    let id = token(next());
                    let title = string(next());
                    let mut when = None;
                    let mut cutoff = None;
                    for part in it.by_ref() {
                        match part.as_rule() {
                            Rule::cutoff => cutoff = parts(part).next().map(token),
                            _ => when = Some(string(part)),
                        }
                    }
                    StmtKind::Variant {
                        id,
                        title,
                        when,
                        cutoff,
                    }
                }
                Rule::replaces_stmt => StmtKind::Replaces(it.map(target).collect()),
                Rule::repeals_stmt => StmtKind::Repeals(it.map(target).collect()),
                Rule::total_stmt => StmtKind::Total(timing(it)),

                Rule::step_stmt => {
                    let id = token(next());
                    let name = string(next());
                    let role = token(next());
                    let mut others = Vec::new();
                    let mut performer = None;
                    let mut timing_pair = None;
                    let mut words = None;
                    for part in it.by_ref() {
                        match part.as_rule() {
                            Rule::ident => others.push(token(part)),
                            Rule::string => performer = Some(string(part)),
                            Rule::printed => words = Some(printed(part)),
                            _ => timing_pair = Some(part),
                        }
                    }
                    let mut timing = timing_pair.map(|t| timing(t.into_inner()));
                    // Printed words on a step with no time of its own still belong to
                    // its (empty) timing, where the review shows them.
                    if let Some(w) = words {
                        let t = timing.get_or_insert_with(|| Timing {
                            span: w.span,
                            ..Default::default()
                        });
                        t.printed = Some(w);
                    }
                    let printed = performer;
                    StmtKind::Step {
                        id,
                        name,
                        role,
                        others,
                        printed,
                        timing,
                    }
                }
                Rule::interpreted_stmt => {
                    let first = next();
                    if first.as_rule() == Rule::ident {
                        let step = Some(token(first));
                        let text = string(next());
                        StmtKind::Interpreted { step, text }
                    } else {
                        StmtKind::Interpreted {
                            step: None,
                            text: string(first),
                        }
                    }
                }
                other => unreachable!("grammar: unexpected statement {other:?}"),
            }
        }
    };
    Stmt {
        kind,
        span: sp,
        keyword,
    }
}

fn timing<'i>(pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Timing {
    let mut t = Timing::default();
    let mut whole: Option<Span> = None;
    for p in pairs {
        let sp = tight(&p);
        whole = Some(whole.map_or(sp, |w| w.join(sp)));
        match p.as_rule() {
            Rule::amount => t.base = Some(amount(p)),
            Rule::cutoff => t.cutoff = parts(p).next().map(token),
            Rule::printed => t.printed = Some(printed(p)),
            Rule::variant_amount => {
                let mut it = p.into_inner();
                let name = it.next().expect("grammar: variant name");
                // The decision's wording of the built-in case is that case.
                let name = match name.as_rule() {
                    Rule::verification_words => Token {
                        text: VERIFICATION.to_string(),
                        span: span(&name),
                    },
                    _ => token(name),
                };
                let mut a = amount(it.next().expect("grammar: variant amount"));
                a.undivided = it.next().map(|k| span(&k));
                t.variants.push((name, a));
            }
            other => unreachable!("grammar: unexpected timing part {other:?}"),
        }
    }
    t.span = whole.unwrap_or_default();
    t
}

/// The built-in case's id, which `cần xác minh` and the other wordings stand for.
pub const VERIFICATION: &str = "verification";

fn amount(p: Pair<'_, Rule>) -> Amount {
    let sp = span(&p);
    let mut parts = p.into_inner().peekable();
    let at_most = parts.next_if(|q| q.as_rule() == Rule::at_most).is_some();
    let inner = parts.next().expect("grammar: amount");
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (kind, words) = match inner.as_rule() {
        Rule::same_day => (AmountKind::SameDay, collapse(inner.as_str())),
        Rule::duration => {
            let mut it = inner.into_inner();
            let number = token(it.next().expect("grammar: number"));
            let unit = token(it.next().expect("grammar: unit"));
            let words = collapse(&unit.text);
            (AmountKind::Days { number, unit }, words)
        }
        // `nửa ngày` (half a day): the number is the word `nửa`, read as 1/2.
        Rule::half_day => {
            let whole = token(inner.clone());
            let unit = token(inner.into_inner().next().expect("grammar: unit"));
            let number = Token {
                text: "nửa".to_string(),
                span: Span::new(whole.span.start, whole.span.start + "nửa".len()),
            };
            (AmountKind::Days { number, unit }, collapse(&whole.text))
        }
        other => unreachable!("grammar: unexpected amount {other:?}"),
    };
    Amount {
        kind,
        span: sp,
        words,
        at_most,
        undivided: None,
    }
}

#[cfg(test)]
mod recovery_tests {
    use super::parse_recovering;

    #[test]
    fn a_missing_unit_noticed_on_the_next_line_sets_aside_its_own_line() {
        let text =
            "procedure p {\n  step a \"x\" by r 2\n  step b \"y\" by r 1 day\n  total 3 dayz\n}\n";
        let r = parse_recovering(text);
        assert_eq!(r.errors.len(), 2, "{:#?}", r.errors);
        assert!(
            r.errors[0].message.en.contains("after `2`"),
            "{}",
            r.errors[0].message.en
        );
        assert!(
            r.errors[1].message.en.contains("`dayz`"),
            "{}",
            r.errors[1].message.en
        );
        // The good step between them was kept.
        let tree = r.tree.unwrap();
        let crate::syntax::ast::Item::Procedure(b) = &tree.items[0] else {
            panic!()
        };
        assert_eq!(b.stmts.len(), 1);
    }

    #[test]
    fn a_clean_file_sets_nothing_aside() {
        let r = parse_recovering("role r \"Cán bộ\"\n");
        assert!(r.errors.is_empty() && r.skipped.is_empty() && r.tree.is_some());
    }

    #[test]
    fn an_unclosed_block_at_the_end_is_one_error() {
        let r = parse_recovering("procedure p {\n  name \"x\"\n");
        assert_eq!(r.errors.len(), 1);
        assert!(r.tree.is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_procedure_with_steps_and_variants() {
        let src = r#"
# comment
procedure x {
  name "Thủ tục đăng ký khai sinh" # trailing
  authority commune
  source "1086/QĐ-UBND" item "B.16"
  total 3 days, verification 23 days
  step receive "Tiếp nhận" by desk 0,5 ngày
  step appraise "Thẩm định" by officer 2 days, verification 22 days
  step deliver "Trả kết quả" by desk
  interpreted appraise "shifted"
}
"#;
        let f = parse(src).unwrap();
        let Item::Procedure(b) = &f.items[0] else {
            panic!()
        };
        assert_eq!(b.name.text, "x");
        assert_eq!(b.stmts.len(), 8);
        let StmtKind::Step { timing, .. } = &b.stmts[4].kind else {
            panic!()
        };
        let t = timing.as_ref().unwrap();
        assert!(
            matches!(&t.base.as_ref().unwrap().kind, AmountKind::Days { number, .. } if number.text == "0,5")
        );
        let StmtKind::Step { timing, .. } = &b.stmts[6].kind else {
            panic!()
        };
        assert!(timing.is_none());
    }

    #[test]
    fn same_day_with_cutoff() {
        let f = parse("procedure p { total same day, cutoff 15:00, verification 3 days }").unwrap();
        let Item::Procedure(b) = &f.items[0] else {
            panic!()
        };
        let StmtKind::Total(t) = &b.stmts[0].kind else {
            panic!()
        };
        assert_eq!(t.base.as_ref().unwrap().kind, AmountKind::SameDay);
        assert_eq!(t.cutoff.as_ref().unwrap().text, "15:00");
        assert_eq!(t.variants[0].0.text, "verification");
    }

    #[test]
    fn rejects_a_missing_duration() {
        assert!(parse("procedure p { step a \"x\" by r 2 }").is_err());
        assert!(parse("procedure p {").is_err());
    }
}
