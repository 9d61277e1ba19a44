//! The syntax tree: what a file says, exactly as written, with the place of every part.
//!
//! Values stay as their source text here (a date is still `"2024-04-09"`); turning them
//! into checked values is the job of `check::lower`, which can then point at the text.

use super::source::Span;

/// A word or value token as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The text.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// A quoted string, unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    /// The text between the quotes, with escapes resolved.
    pub value: String,
    /// Where, quotes included.
    pub span: Span,
}

/// A parsed file: its top-level items in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct File {
    /// Declarations in source order.
    pub items: Vec<Item>,
    /// The keyword set most of the file's keywords are written in (English when tied or
    /// when there are none): the set the formatter writes the file in.
    pub keywords: crate::text::Lang,
    /// The places set aside after syntax errors (see `parse_recovering`), in file order:
    /// the tree's error nodes. Empty for a file that parsed.
    pub set_aside: Vec<SetAside>,
}

/// A statement, line or block that was set aside after a syntax error so that the rest
/// of the file could be read, with what it most likely was. The checker uses it to stay
/// silent about what the missing text may have said (a sum of steps with a step set aside
/// is not reported as wrong) while still checking everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The bytes set aside.
    pub span: Span,
    /// The statement or declaration it most likely is, by its keyword's English form
    /// (`step`, `role`…): its first words, or the keyword its first word misspells.
    /// `None` when that cannot be told; it may then have been anything.
    pub keyword: Option<&'static str>,
    /// For a declaration (`role ID …`, `procedure ID {`, `decision "NUMBER" {`), the
    /// name it declares, when it can be read.
    pub name: Option<String>,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `authority ID "TITLE" [abolished DATE]`
    Authority {
        /// The id.
        id: Token,
        /// The Vietnamese title.
        title: Str,
        /// First day the level no longer exists.
        abolished: Option<Token>,
        /// The whole declaration.
        span: Span,
    },
    /// `role ID "TITLE" [authority ID]`
    Role {
        /// The id.
        id: Token,
        /// The Vietnamese title.
        title: Str,
        /// The level the role belongs to.
        authority: Option<Token>,
        /// The whole declaration.
        span: Span,
    },
    /// `decision "NUMBER" { … }`
    Decision(Block<Str>),
    /// `procedure ID { … }`
    Procedure(Block<Token>),
}

/// A `{ … }` block with a name and statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<N> {
    /// The decision number, procedure id or version label.
    pub name: N,
    /// The statements inside, in order.
    pub stmts: Vec<Stmt>,
    /// From the keyword to the closing brace.
    pub span: Span,
    /// The keyword and name (where diagnostics about the whole block point).
    pub head: Span,
}

/// One statement inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt {
    /// What it says.
    pub kind: StmtKind,
    /// The whole statement.
    pub span: Span,
    /// The keyword.
    pub keyword: Span,
}

/// A decision, or one item of it, that a later decision replaces or repeals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The decision's number.
    pub decision: Str,
    /// The item (`A.1`), or `None` for the whole decision (or a part of it).
    pub item: Option<Str>,
    /// A part of a decision the catalogue does not hold, as printed (`Mục II Phần B`).
    pub part: Option<Str>,
    /// `signed DATE`: the replaced decision's date, as the amending decision prints it.
    pub signed: Option<Token>,
}

/// `printed "…"[, "…"]`: words exactly as the decision prints them (a time cell, an
/// approving level), one string per printed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The strings, in order.
    pub parts: Vec<Str>,
    /// From the keyword to the last string.
    pub span: Span,
}

/// The statements of the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StmtKind {
    /// `title "…"` (decision)
    Title(Str),
    /// `signed DATE` (decision)
    Signed(Token),
    /// `effective DATE` (decision)
    Effective(Token),
    /// `issuer "…"` (decision)
    Issuer(Str),
    /// `signer "…"` (decision): who signed, as printed.
    Signer(Str),
    /// `basis "…"` (decision): one legal basis (căn cứ).
    Basis(Str),
    /// `proposal "…"` (decision): whose proposal it answers, as printed (Tờ trình).
    Proposal(Str),
    /// `cutoff applies to same day | every count` (decision): how far the cutoff reaches;
    /// the token is the reach as written.
    CutoffReach(Token),
    /// `companion "NUMBER" ["WHAT"]` (decision): the decision publishing the list, times,
    /// fees and dossiers of the procedures.
    Companion {
        /// Its number.
        number: Str,
        /// What it is, as printed.
        about: Option<Str>,
    },
    /// `heading "PART" "…"` (decision): a part's heading in the appendix, as printed.
    Heading {
        /// The part, e.g. `C`.
        part: Str,
        /// The heading as printed.
        text: Str,
    },
    /// `columns "…", "…"` (decision): the appendix's column titles, as printed.
    Columns(Vec<Str>),
    /// `replaces "…", "…" item "…"` (decision): what the decision replaces.
    Replaces(Vec<Target>),
    /// `repeals "…" item "…"` (decision): what the decision abolishes, replacing nothing.
    Repeals(Vec<Target>),
    /// `name "…"` (procedure)
    Name(Str),
    /// `code 1.001193` (procedure)
    Code(Token),
    /// `field "…"` (procedure)
    Field(Str),
    /// `alias "…", "…"` (procedure): other names people use for it.
    Alias(Vec<Str>),
    /// `version LABEL { … }` (procedure)
    Version(Block<Token>),
    /// `source "DECISION" item "ITEM"`
    Source {
        /// The decision number.
        decision: Str,
        /// The appendix item, e.g. `A.4`.
        item: Str,
    },
    /// `from DATE`
    From(Token),
    /// `until DATE`
    Until(Token),
    /// `authority ID [printed "…"]` (inside a procedure)
    Authority {
        /// The level's id.
        id: Token,
        /// The level as the appendix prints it, when it prints one.
        printed: Option<Printed>,
    },
    /// `variant ID "TITLE"`
    Variant {
        /// The id.
        id: Token,
        /// The title.
        title: Str,
        /// `when "…"`: the case's condition or scope as the decision words it.
        when: Option<Str>,
        /// `cutoff HH:MM` or `cutoff none`: the case's own cutoff.
        cutoff: Option<Token>,
    },
    /// `total …`
    Total(Timing),
    /// `step ID "NAME" by ROLE …`
    Step {
        /// The id.
        id: Token,
        /// The name, as the decision prints it.
        name: Str,
        /// The role id.
        role: Token,
        /// Other roles that may perform it instead (`by desk / postal-worker`).
        others: Vec<Token>,
        /// Who performs it as printed, when written (`"… Trung tâm Phục vụ HCC"`).
        printed: Option<Str>,
        /// Its time; `None` when the step has no time of its own.
        timing: Option<Timing>,
    },
    /// `interpreted [STEP] "WHY"`
    Interpreted {
        /// The step the note is about, if one.
        step: Option<Token>,
        /// The explanation.
        text: Str,
    },
}

/// Times written on a `total` or `step` line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timing {
    /// The ordinary case, when written.
    pub base: Option<Amount>,
    /// `cutoff HH:MM`, totals only.
    pub cutoff: Option<Token>,
    /// Named cases in source order.
    pub variants: Vec<(Token, Amount)>,
    /// `printed "…"`: the words as the decision prints them.
    pub printed: Option<Printed>,
    /// The clauses from the first amount to the last.
    pub span: Span,
}

/// An amount of time as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// Same day or a number of days.
    pub kind: AmountKind,
    /// The words as written, spaces collapsed (`same day`, `ngay trong ngày`, `days`,
    /// `ngày làm việc`, `nửa ngày`), so that the formatter keeps the file's language.
    pub words: String,
    /// Written after `không quá` ("not more than"), as decisions print maximum times;
    /// it means the same, and the formatter keeps it.
    pub at_most: bool,
    /// `undivided` after a case's time on a total: where it is written.
    pub undivided: Option<Span>,
    /// Where.
    pub span: Span,
}

/// What an amount says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountKind {
    /// `same day` / `trong ngày` / `ngay trong ngày`
    SameDay,
    /// `NUMBER day(s)`
    Days {
        /// The number as written (`0,5`, `1/4`, `03`).
        number: Token,
        /// The unit as written (`day`, `days`, `ngày`).
        unit: Token,
    },
}
