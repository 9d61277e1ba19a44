//! Lowering: from syntax trees to the model, reporting what cannot be given a meaning
//! (impossible dates, repeated or missing statements, unknown source decisions).

use super::rules::{
    tthc002_invalid_value as invalid, tthc007_unknown_decision as unknown_decision,
    tthc010_no_total as no_total, tthc011_no_source as no_source,
    tthc023_repeated_statement as repeated, tthc024_missing_statement as missing,
    tthc032_mixed_versions as mixed,
};
use crate::days::Days;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::syntax::ast::{self, AmountKind, Item, Stmt, StmtKind};
use crate::syntax::source::{FileId, Loc, Span};
use crate::text::fold::decision_key;
use chrono::{NaiveDate, NaiveTime};
use std::collections::{HashMap, HashSet};

/// The columns of a decision's appendix (number, step, what is done, who does it, time,
/// approving authority): `columns` names each as printed.
const COLUMNS: usize = 6;

/// The model built from all files, and what lowering had to say.
pub struct Lowered {
    /// The catalogue (items that could not be given a meaning are left out).
    pub catalogue: Catalogue,
    /// Every decision number declared, even those left out for missing dates, so that
    /// procedures citing them are not reported a second time.
    pub declared_decisions: HashSet<String>,
    /// What the places set aside after syntax errors may have declared.
    pub unread: Unread,
}

/// What the places set aside after syntax errors (a line, a block) may have declared or
/// said, across the catalogue: the rules that would call a name unknown, or an item
/// unamended, stay silent where the missing text may have said otherwise. (What a
/// version may be missing is in its own [`Gaps`].)
#[derive(Debug, Default, Clone)]
pub struct Unread {
    /// Roles a declaration set aside may declare.
    pub roles: HashSet<String>,
    /// Authority levels a declaration set aside may declare.
    pub authorities: HashSet<String>,
    /// A declaration set aside at the top level of a file whose kind or name cannot be
    /// told: it may declare anything.
    pub anything: bool,
    /// A decision or its `replaces` / `repeals` was set aside: which versions end, and
    /// when, is not known.
    pub amendments: bool,
    /// A procedure, a version or a `source` was set aside: which items the catalogue
    /// holds, and what is in force when, is not known.
    pub sources: bool,
}

impl Unread {
    /// Whether a role of this id may be declared in a place set aside.
    pub fn may_declare_role(&self, id: &str) -> bool {
        self.anything || self.roles.contains(id)
    }

    /// Whether an authority level of this id may be declared in a place set aside.
    pub fn may_declare_authority(&self, id: &str) -> bool {
        self.anything || self.authorities.contains(id)
    }
}

/// The keywords of the places set aside within a block: each may be the statement a
/// rule would miss (`None`: it may be any statement).
#[derive(Debug, Default, Clone)]
struct Missing(Vec<Option<&'static str>>);

impl Missing {
    /// Whether a statement introduced by `keyword` may be among them.
    fn may_be(&self, keyword: &str) -> bool {
        self.0.iter().any(|k| k.is_none_or(|k| k == keyword))
    }
}

/// Lowers every parsed file (`(file id, tree)`) into one catalogue.
pub fn lower(files: &[(FileId, &ast::File)], out: &mut Vec<Diagnostic>) -> Lowered {
    let mut cx = Lowerer {
        out,
        file: 0,
        catalogue: Catalogue::default(),
        declared_decisions: HashSet::new(),
        numbers: HashMap::new(),
        set_aside: Vec::new(),
        unread: Unread::default(),
    };
    // What was set aside outside every item: whole declarations and blocks.
    let mut unread_procedures: HashSet<String> = HashSet::new();
    for (_, tree) in files {
        for a in &tree.set_aside {
            if tree.items.iter().any(|i| within(a.span, item_span(i))) {
                continue;
            }
            match (a.keyword, a.name.clone()) {
                (Some("role"), Some(n)) => {
                    cx.unread.roles.insert(n);
                }
                (Some("authority"), Some(n)) => {
                    cx.unread.authorities.insert(n);
                }
                (Some("decision"), Some(n)) => {
                    cx.unread.amendments = true;
                    cx.numbers
                        .entry(decision_key(&n))
                        .or_insert_with(|| n.clone());
                    cx.declared_decisions.insert(n);
                }
                (Some("procedure"), Some(n)) => {
                    cx.unread.sources = true;
                    unread_procedures.insert(n);
                }
                _ => {
                    cx.unread.anything = true;
                    cx.unread.amendments = true;
                    cx.unread.sources = true;
                }
            }
        }
    }
    // Decisions first: a version's first day defaults to its decision's effective date,
    // whichever file declares it.
    for (file, tree) in files {
        cx.file = *file;
        cx.set_aside.clone_from(&tree.set_aside);
        for item in &tree.items {
            match item {
                Item::Authority {
                    id,
                    title,
                    abolished,
                    span,
                } => {
                    let abolished = abolished.as_ref().and_then(|d| cx.date(d));
                    let loc = cx.loc(*span);
                    cx.catalogue.authorities.push(Authority {
                        id: id.text.clone(),
                        title: title.value.clone(),
                        abolished,
                        loc,
                    });
                }
                Item::Role {
                    id,
                    title,
                    authority,
                    span,
                } => {
                    let role = Role {
                        id: id.text.clone(),
                        title: title.value.clone(),
                        authority: authority.as_ref().map(|a| a.text.clone()),
                        loc: cx.loc(*span),
                        authority_loc: authority.as_ref().map(|a| cx.loc(a.span)),
                    };
                    cx.catalogue.roles.push(role);
                }
                Item::Decision(b) => cx.decision(b),
                Item::Procedure(_) => {}
            }
        }
    }
    // A number written with `D` for `Đ`, or in another case, names the declared decision:
    // the model holds it as declared, so that every later comparison is exact.
    let amends: Vec<&mut Amendment> = cx
        .catalogue
        .decisions
        .iter_mut()
        .flat_map(|d| d.amends.iter_mut())
        .collect();
    for a in amends {
        if let Some(n) = cx.numbers.get(&decision_key(&a.decision)) {
            a.decision = n.clone();
        }
    }
    for d in &mut cx.catalogue.decisions {
        for r in &mut d.replaces {
            if let Some(n) = cx.numbers.get(&decision_key(r)) {
                *r = n.clone();
            }
        }
    }
    // A procedure block without a `name` whose id another block declares adds versions
    // to it: that is how a later decision's folder amends a procedure without editing
    // the earlier decision's files.
    // A procedure whose `name` may be in a line set aside, or that was set aside whole,
    // is declared as far as additions to it go.
    let mut declared: HashSet<String> = unread_procedures;
    for (_, tree) in files {
        for item in &tree.items {
            if let Item::Procedure(b) = item
                && (b.stmts.iter().any(|s| matches!(s.kind, StmtKind::Name(_)))
                    || missing_in(&tree.set_aside, b.span, &version_spans(b)).may_be("name"))
            {
                declared.insert(b.name.text.clone());
            }
        }
    }
    let mut additions: Vec<(String, Vec<Version>)> = Vec::new();
    for (file, tree) in files {
        cx.file = *file;
        cx.set_aside.clone_from(&tree.set_aside);
        for item in &tree.items {
            if let Item::Procedure(b) = item {
                let named = b.stmts.iter().any(|s| matches!(s.kind, StmtKind::Name(_)))
                    || cx.missing(b.span, &version_spans(b)).may_be("name");
                let versions = b
                    .stmts
                    .iter()
                    .any(|s| matches!(s.kind, StmtKind::Version(_)));
                if !named && versions && declared.contains(&b.name.text) {
                    additions.push((b.name.text.clone(), cx.added_versions(b)));
                } else {
                    cx.procedure(b);
                }
            }
        }
    }
    for (id, versions) in additions {
        if let Some(p) = cx.catalogue.procedures.iter_mut().find(|p| p.id == id) {
            p.versions.extend(versions);
            p.versions.sort_by_key(|v| v.valid_from);
        }
    }
    end_amended_versions(&mut cx.catalogue);
    Lowered {
        catalogue: cx.catalogue,
        declared_decisions: cx.declared_decisions,
        unread: cx.unread,
    }
}

fn item_span(i: &Item) -> Span {
    match i {
        Item::Decision(b) => b.span,
        Item::Procedure(b) => b.span,
        Item::Authority { span, .. } | Item::Role { span, .. } => *span,
    }
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The spans of a procedure's `version` blocks.
fn version_spans(b: &ast::Block<ast::Token>) -> Vec<Span> {
    b.stmts
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Version(v) => Some(v.span),
            _ => None,
        })
        .collect()
}

/// The places set aside within `span` but not within one of `nested`.
fn missing_in(set_aside: &[ast::SetAside], span: Span, nested: &[Span]) -> Missing {
    Missing(
        set_aside
            .iter()
            .filter(|a| within(a.span, span) && !nested.iter().any(|n| within(a.span, *n)))
            .map(|a| a.keyword)
            .collect(),
    )
}

/// Ends each version a later decision replaces or repeals the day before that decision
/// takes effect, unless the version states its own end; records which decision ended it.
fn end_amended_versions(catalogue: &mut Catalogue) {
    let amendments: Vec<(String, NaiveDate, Amendment)> = catalogue
        .decisions
        .iter()
        .flat_map(|d| {
            d.amends
                .iter()
                .map(move |a| (d.number.clone(), d.effective, a.clone()))
        })
        .collect();
    for p in &mut catalogue.procedures {
        for v in &mut p.versions {
            for (by, effective, a) in &amendments {
                // A part written as text names nothing the catalogue holds: it ends nothing
                // (TTHC036 refuses it for a decision the catalogue does hold).
                let hit = a.part.is_none()
                    && v.source.decision == a.decision
                    && a.item.as_ref().is_none_or(|i| *i == v.source.item)
                    && v.source.decision != *by;
                if !hit {
                    continue;
                }
                if v.valid_until.is_none() {
                    v.valid_until = effective.pred_opt();
                }
                v.ended_by = Some(EndedBy {
                    decision: by.clone(),
                    item: a.item.clone(),
                    repeal: a.repeal,
                });
            }
        }
    }
}

struct Lowerer<'o> {
    out: &'o mut Vec<Diagnostic>,
    file: FileId,
    catalogue: Catalogue,
    declared_decisions: HashSet<String>,
    /// Every declared decision number by its [`decision_key`] (the first declaration's
    /// spelling when two spell it differently).
    numbers: HashMap<String, String>,
    /// The places set aside in the file being lowered.
    set_aside: Vec<ast::SetAside>,
    unread: Unread,
}

/// Collects the single occurrence of each statement kind, reporting repeats.
struct Once<'a, T> {
    value: Option<(T, &'a Stmt)>,
}

impl<'a, T> Once<'a, T> {
    fn new() -> Self {
        Once { value: None }
    }
}

impl Lowerer<'_> {
    /// What may be missing from the block at `span` (without its `nested` blocks).
    fn missing(&self, span: Span, nested: &[Span]) -> Missing {
        missing_in(&self.set_aside, span, nested)
    }

    fn loc(&self, span: Span) -> Loc {
        Loc {
            file: self.file,
            span,
        }
    }

    fn set<'a, T>(&mut self, slot: &mut Once<'a, T>, value: T, stmt: &'a Stmt, what: &str) {
        if let Some((_, first)) = &slot.value {
            let d = repeated::statement(self.loc(stmt.keyword), what, self.loc(first.keyword));
            self.out.push(d);
        } else {
            slot.value = Some((value, stmt));
        }
    }

    fn date(&mut self, t: &ast::Token) -> Option<NaiveDate> {
        match crate::syntax::source::read_date(&t.text) {
            Some(d) => Some(d),
            None => {
                self.out
                    .push(invalid::not_a_date(self.loc(t.span), &t.text));
                None
            }
        }
    }

    fn clock(&mut self, t: &ast::Token) -> Option<NaiveTime> {
        let text = t.text.replace('h', ":");
        match NaiveTime::parse_from_str(&text, "%H:%M") {
            Ok(c) => Some(c),
            Err(_) => {
                self.out
                    .push(invalid::not_a_time(self.loc(t.span), &t.text));
                None
            }
        }
    }

    /// `cutoff HH:MM` or `cutoff none`, with where it is written.
    fn cutoff(&mut self, c: &ast::Token) -> Option<Placed<Cutoff>> {
        let value = match c.text.as_str() {
            "none" | "không" => Some(Cutoff::None),
            _ => self.clock(c).map(Cutoff::At),
        };
        value.map(|value| Placed {
            value,
            loc: self.loc(c.span),
            number: None,
        })
    }

    fn amount(&mut self, a: &ast::Amount, loc_span: Span) -> Option<Placed<Amount>> {
        let value = match &a.kind {
            AmountKind::SameDay => Amount::SameDay,
            // `nửa ngày`: half a day.
            AmountKind::Days { number, .. } if number.text == "nửa" => {
                Amount::Days(Days::new(1, 2).expect("1/2 is a valid fraction"))
            }
            AmountKind::Days { number, .. } => match Days::parse(&number.text) {
                Ok(d) => Amount::Days(d),
                Err(e) => {
                    self.out
                        .push(invalid::not_days(self.loc(number.span), &number.text, e));
                    return None;
                }
            },
        };
        let number = match &a.kind {
            AmountKind::Days { number, .. } => Some(self.loc(number.span)),
            AmountKind::SameDay => None,
        };
        Some(Placed {
            value,
            loc: self.loc(loc_span),
            number,
        })
    }

    fn timing(&mut self, t: &ast::Timing, stmt: &Stmt) -> Timing {
        let mut timing = Timing {
            base: t.base.as_ref().and_then(|a| self.amount(a, a.span)),
            cutoff: None,
            variants: Vec::new(),
            undivided: Vec::new(),
            printed: t.printed.as_ref().map(|p| self.printed(p)),
        };
        if let Some(c) = &t.cutoff {
            timing.cutoff = self.cutoff(c);
        }
        let mut seen: Vec<&ast::Token> = Vec::new();
        for (name, a) in &t.variants {
            if let Some(first) = seen.iter().find(|s| s.text == name.text) {
                let d = repeated::case_time(self.loc(name.span), &name.text, self.loc(first.span));
                self.out.push(d);
                continue;
            }
            seen.push(name);
            if let Some(p) = self.amount(a, name.span.join(a.span)) {
                if a.undivided.is_some() {
                    timing.undivided.push(name.text.clone());
                }
                timing.variants.push((name.text.clone(), p));
            }
        }
        let _ = stmt;
        timing
    }

    fn printed(&self, p: &ast::Printed) -> Printed {
        Printed {
            parts: p.parts.iter().map(|s| s.value.clone()).collect(),
            loc: self.loc(p.span),
        }
    }

    fn decision(&mut self, b: &ast::Block<ast::Str>) {
        let number = b.name.value.clone();
        self.declared_decisions.insert(number.clone());
        self.numbers
            .entry(decision_key(&number))
            .or_insert_with(|| number.clone());
        let mut title = Once::new();
        let mut signed = Once::new();
        let mut effective = Once::new();
        let mut issuer = Once::new();
        let mut signer = Once::new();
        let mut basis: Vec<String> = Vec::new();
        let mut proposal = Once::new();
        let mut reach = Once::new();
        let mut companions: Vec<Companion> = Vec::new();
        let mut headings: Vec<(PartHeading, &Stmt)> = Vec::new();
        let mut columns = Once::new();
        let mut replaces: Vec<String> = Vec::new();
        let mut amends: Vec<Amendment> = Vec::new();
        let mut replaces_once: Once<()> = Once::new();
        let mut repeals_once: Once<()> = Once::new();
        for s in &b.stmts {
            match &s.kind {
                StmtKind::Title(t) => self.set(&mut title, t.value.clone(), s, "title"),
                StmtKind::Signed(d) => {
                    let v = self.date(d);
                    self.set(&mut signed, v, s, "signed")
                }
                StmtKind::Effective(d) => {
                    let v = self.date(d);
                    self.set(&mut effective, (v, self.loc(d.span)), s, "effective")
                }
                StmtKind::Issuer(t) => self.set(&mut issuer, t.value.clone(), s, "issuer"),
                StmtKind::Signer(t) => self.set(&mut signer, t.value.clone(), s, "signer"),
                StmtKind::Basis(t) => basis.push(t.value.clone()),
                StmtKind::Proposal(t) => self.set(&mut proposal, t.value.clone(), s, "proposal"),
                StmtKind::CutoffReach(r) => {
                    let first = r.text.split_whitespace().next();
                    let value = if matches!(first, Some("every" | "mọi")) {
                        CutoffReach::EveryCount
                    } else {
                        CutoffReach::SameDay
                    };
                    let placed = Placed {
                        value,
                        loc: self.loc(s.span),
                        number: None,
                    };
                    self.set(&mut reach, placed, s, "cutoff applies to");
                }
                StmtKind::Companion { number, about } => companions.push(Companion {
                    number: number.value.clone(),
                    about: about.as_ref().map(|a| a.value.clone()),
                }),
                StmtKind::Heading { part, text } => {
                    if let Some((_, first)) = headings.iter().find(|(h, _)| h.part == part.value) {
                        let what = format!("heading \"{}\"", part.value);
                        let d = repeated::statement(
                            self.loc(s.keyword),
                            &what,
                            self.loc(first.keyword),
                        );
                        self.out.push(d);
                    } else {
                        let heading = PartHeading {
                            part: part.value.clone(),
                            text: text.value.clone(),
                        };
                        headings.push((heading, s));
                    }
                }
                StmtKind::Columns(list) => {
                    if list.len() == COLUMNS {
                        let titles = list.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
                        self.set(&mut columns, titles, s, "columns");
                    } else {
                        self.out
                            .push(invalid::wrong_count(self.loc(s.span), list.len(), COLUMNS));
                    }
                }
                StmtKind::Replaces(list) | StmtKind::Repeals(list) => {
                    let repeal = matches!(s.kind, StmtKind::Repeals(_));
                    if repeal {
                        self.set(&mut repeals_once, (), s, "repeals");
                    } else {
                        self.set(&mut replaces_once, (), s, "replaces");
                    }
                    for t in list {
                        if !repeal && !replaces.contains(&t.decision.value) {
                            replaces.push(t.decision.value.clone());
                        }
                        let end = t
                            .item
                            .as_ref()
                            .or(t.part.as_ref())
                            .map_or(t.decision.span, |i| i.span);
                        let signed = t.signed.as_ref().and_then(|d| self.date(d));
                        amends.push(Amendment {
                            signed,
                            decision: t.decision.value.clone(),
                            item: t.item.as_ref().map(|i| i.value.clone()),
                            part: t.part.as_ref().map(|i| i.value.clone()),
                            repeal,
                            loc: self.loc(t.decision.span.join(end)),
                            decision_loc: self.loc(t.decision.span),
                            item_loc: t.item.as_ref().map(|i| self.loc(i.span)),
                        });
                    }
                }
                _ => unreachable!("grammar allows only decision statements here"),
            }
        }
        let head = self.loc(b.head);
        let unread = self.missing(b.span, &[]);
        if unread.may_be("replaces") || unread.may_be("repeals") {
            self.unread.amendments = true;
        }
        for (present, word) in [
            (signed.value.is_some(), "signed"),
            (effective.value.is_some(), "effective"),
            (issuer.value.is_some(), "issuer"),
        ] {
            if !present && !unread.may_be(word) {
                self.out.push(missing::diagnostic(head, word, "decision"));
            }
        }
        let (
            Some((Some(signed), _)),
            Some(((Some(effective), effective_loc), _)),
            Some((issuer, _)),
        ) = (signed.value, effective.value, issuer.value)
        else {
            return;
        };
        self.catalogue.decisions.push(Decision {
            number,
            title: title.value.map(|(t, _)| t),
            signed,
            effective,
            issuer,
            signer: signer.value.map(|(s, _)| s),
            basis,
            proposal: proposal.value.map(|(p, _)| p),
            cutoff_reach: reach.value.map(|(r, _)| r),
            companions,
            headings: headings.into_iter().map(|(h, _)| h).collect(),
            columns: columns.value.map(|(c, _)| c),
            replaces,
            amends,
            loc: head,
            effective_loc,
        });
    }

    fn procedure(&mut self, b: &ast::Block<ast::Token>) {
        let head = self.loc(b.head);
        let unread = self.missing(b.span, &version_spans(b));
        let mut name = Once::new();
        let mut code = Once::new();
        let mut field = Once::new();
        let mut aliases = Vec::new();
        let mut blocks: Vec<&ast::Block<ast::Token>> = Vec::new();
        let mut direct: Vec<&Stmt> = Vec::new();
        for s in &b.stmts {
            match &s.kind {
                StmtKind::Name(t) => self.set(&mut name, t.value.clone(), s, "name"),
                StmtKind::Code(t) => {
                    let v = (t.text.clone(), self.loc(t.span));
                    self.set(&mut code, v, s, "code")
                }
                StmtKind::Field(t) => self.set(&mut field, t.value.clone(), s, "field"),
                StmtKind::Alias(names) => aliases.extend(names.iter().map(|n| n.value.clone())),
                StmtKind::Version(v) => blocks.push(v),
                _ => direct.push(s),
            }
        }
        if name.value.is_none() && !unread.may_be("name") {
            self.out
                .push(missing::diagnostic(head, "name", "procedure"));
        }
        let mut versions = Vec::new();
        if !blocks.is_empty() && !direct.is_empty() {
            self.out.push(mixed::diagnostic(
                self.loc(direct[0].keyword),
                self.loc(blocks[0].head),
            ));
        } else if blocks.is_empty() {
            versions.push(self.version(None, &direct, head, &unread));
        } else {
            if unread.may_be("version") {
                // A whole version may be missing: what is in force when is not known.
                self.unread.sources = true;
            }
            for v in blocks {
                let stmts: Vec<&Stmt> = v.stmts.iter().collect();
                let vhead = self.loc(v.head);
                let unread = self.missing(v.span, &[]);
                versions.push(self.version(Some(v.name.text.clone()), &stmts, vhead, &unread));
            }
        }
        let (code, code_loc) = match code.value {
            Some(((c, l), _)) => (Some(c), Some(l)),
            None => (None, None),
        };
        self.catalogue.procedures.push(Procedure {
            id: b.name.text.clone(),
            code,
            name: name.value.map(|(n, _)| n).unwrap_or_default(),
            field: field.value.map(|(f, _)| f),
            aliases,
            versions,
            loc: head,
            code_loc,
        });
    }

    /// The versions of a block that adds to a procedure declared elsewhere: only
    /// `version` blocks belong there.
    fn added_versions(&mut self, b: &ast::Block<ast::Token>) -> Vec<Version> {
        let mut versions = Vec::new();
        let first_block = b.stmts.iter().find_map(|s| match &s.kind {
            StmtKind::Version(v) => Some(v.head),
            _ => None,
        });
        if self.missing(b.span, &version_spans(b)).may_be("version") {
            self.unread.sources = true;
        }
        for s in &b.stmts {
            match &s.kind {
                StmtKind::Version(v) => {
                    let stmts: Vec<&Stmt> = v.stmts.iter().collect();
                    let vhead = self.loc(v.head);
                    let unread = self.missing(v.span, &[]);
                    versions.push(self.version(Some(v.name.text.clone()), &stmts, vhead, &unread));
                }
                _ => {
                    let block = first_block.unwrap_or(b.head);
                    self.out
                        .push(mixed::diagnostic(self.loc(s.keyword), self.loc(block)));
                }
            }
        }
        versions
    }

    /// A version's statements as a version. What is missing (a statement set aside after
    /// a syntax error, a required one not written, an unknown decision) is reported
    /// unless `unread` may hold it, and recorded in the version's [`Gaps`], so that the
    /// rules that need it are silent and the others still run.
    fn version(
        &mut self,
        label: Option<String>,
        stmts: &[&Stmt],
        head: Loc,
        unread: &Missing,
    ) -> Version {
        let mut source = Once::new();
        let mut name = Once::new();
        let mut code = Once::new();
        let mut field = Once::new();
        let mut from = Once::new();
        let mut until = Once::new();
        let mut authority = Once::new();
        let mut total = Once::new();
        let mut variants = vec![VariantDecl {
            id: VERIFICATION.to_string(),
            title: VERIFICATION_TITLE.to_string(),
            condition: None,
            cutoff: None,
            loc: None,
        }];
        let mut steps = Vec::new();
        let mut interpretations = Vec::new();
        for &s in stmts {
            match &s.kind {
                StmtKind::Name(t) => self.set(&mut name, t.value.clone(), s, "name"),
                StmtKind::Code(t) => {
                    let v = (t.text.clone(), self.loc(t.span));
                    self.set(&mut code, v, s, "code")
                }
                StmtKind::Field(t) => self.set(&mut field, t.value.clone(), s, "field"),
                StmtKind::Source { decision, item } => {
                    let mut decision = decision.clone();
                    if let Some(n) = self.numbers.get(&decision_key(&decision.value)) {
                        decision.value = n.clone();
                    }
                    let v = (decision, item.value.clone());
                    self.set(&mut source, v, s, "source")
                }
                StmtKind::From(d) => {
                    let v = self.date(d).map(|x| (x, self.loc(d.span)));
                    self.set(&mut from, v, s, "from")
                }
                StmtKind::Until(d) => {
                    let v = self.date(d);
                    self.set(&mut until, v, s, "until")
                }
                StmtKind::Authority { id: a, printed } => {
                    let printed = printed.as_ref().map(|p| self.printed(p));
                    let v = (a.text.clone(), self.loc(a.span), printed);
                    self.set(&mut authority, v, s, "authority")
                }
                StmtKind::Variant {
                    id,
                    title,
                    when,
                    cutoff,
                } => {
                    let cutoff = cutoff.as_ref().and_then(|c| self.cutoff(c));
                    let decl = VariantDecl {
                        id: id.text.clone(),
                        title: title.value.clone(),
                        condition: when.as_ref().map(|w| w.value.clone()),
                        cutoff,
                        loc: Some(self.loc(id.span)),
                    };
                    // Declaring the built-in case gives it its wording and condition.
                    match variants.iter_mut().find(|v| {
                        v.id == VERIFICATION && v.loc.is_none() && decl.id == VERIFICATION
                    }) {
                        Some(builtin) => *builtin = decl,
                        None => variants.push(decl),
                    }
                }
                StmtKind::Total(t) => {
                    let v = self.timing(t, s);
                    self.set(&mut total, v, s, "total")
                }
                StmtKind::Step {
                    id,
                    name,
                    role,
                    others,
                    printed,
                    timing,
                } => {
                    let timing = match timing {
                        Some(t) => {
                            // A step cannot hold a share of a time the total keeps whole.
                            for (_, a) in &t.variants {
                                if let Some(u) = a.undivided {
                                    self.out.push(invalid::undivided_on_step(self.loc(u)));
                                }
                            }
                            self.timing(t, s)
                        }
                        None => Timing::default(),
                    };
                    steps.push(Step {
                        id: id.text.clone(),
                        name: name.value.clone(),
                        role: role.text.clone(),
                        other_roles: others
                            .iter()
                            .map(|o| RoleRef {
                                id: o.text.clone(),
                                loc: self.loc(o.span),
                            })
                            .collect(),
                        performer_as_printed: printed.as_ref().map(|p| p.value.clone()),
                        timing,
                        loc: self.loc(s.span),
                        role_loc: self.loc(role.span),
                    });
                }
                StmtKind::Interpreted { step, text } => interpretations.push(Interpretation {
                    step: step.as_ref().map(|t| t.text.clone()),
                    text: text.value.clone(),
                    loc: self.loc(step.as_ref().map_or(text.span, |t| t.span)),
                }),
                _ => unreachable!("grammar allows only version statements here"),
            }
        }
        let mut gaps = Gaps {
            steps: unread.may_be("step"),
            variants: unread.may_be("variant"),
            ..Gaps::default()
        };
        let (decision, item, source_loc) = match source.value {
            Some(((decision, item), stmt)) => (Some(decision), item, self.loc(stmt.span)),
            None => {
                if !unread.may_be("source") {
                    self.out.push(no_source::diagnostic(head));
                }
                gaps.source = true;
                (None, String::new(), head)
            }
        };
        let total = match total.value {
            Some((t, _)) => t,
            None => {
                if !unread.may_be("total") {
                    self.out.push(no_total::diagnostic(head));
                }
                gaps.total = true;
                Timing::default()
            }
        };
        let (authority, authority_loc, authority_printed) = match authority.value {
            Some(((a, l, p), _)) => (a, l, p),
            None => {
                if !unread.may_be("authority") {
                    self.out
                        .push(missing::diagnostic(head, "authority", "procedure"));
                }
                gaps.authority = true;
                (String::new(), head, None)
            }
        };
        let (valid_from, from_loc) = match (from.value, &decision) {
            (Some((Some((d, l)), _)), _) => (d, l),
            (Some((None, _)), _) => {
                gaps.dates = true;
                (NaiveDate::MIN, head)
            }
            (None, Some(decision)) => match self.catalogue.decision(&decision.value) {
                Some(d) => (d.effective, source_loc),
                None => {
                    gaps.dates = true;
                    (NaiveDate::MIN, source_loc)
                }
            },
            (None, None) => {
                gaps.dates = true;
                (NaiveDate::MIN, head)
            }
        };
        // A `from` or `until` in a line set aside would change the dates.
        if unread.may_be("from") || unread.may_be("until") {
            gaps.dates = true;
        }
        if let Some(decision) = &decision
            && !self.declared_decisions.contains(&decision.value)
            && !self.unread.anything
        {
            let names: Vec<String> = self.declared_decisions.iter().cloned().collect();
            self.out.push(unknown_decision::diagnostic(
                self.loc(decision.span),
                &decision.value,
                names.iter().map(String::as_str),
            ));
        }
        let valid_until = match until.value {
            Some((Some(d), _)) => Some(d),
            Some((None, _)) => {
                gaps.dates = true;
                None
            }
            None => None,
        };
        // The verification case needs no declaration, but it exists only where the
        // version gives it a time: asking for it elsewhere is a mistake to report, not
        // a request to answer with the ordinary time.
        let mentions_verification = total.variants.iter().any(|(id, _)| id == VERIFICATION)
            || steps
                .iter()
                .any(|s: &Step| s.timing.variants.iter().any(|(id, _)| id == VERIFICATION));
        if !mentions_verification {
            variants.retain(|v| v.id != VERIFICATION || v.loc.is_some());
        }
        let decision_reach = decision
            .as_ref()
            .and_then(|n| self.catalogue.decision(&n.value))
            .and_then(|d| {
                d.cutoff_reach.as_ref().map(|r| StatedReach {
                    reach: r.value,
                    decision: d.number.clone(),
                })
            });
        Version {
            label,
            source: Source {
                decision: decision.map(|d| d.value).unwrap_or_default(),
                item,
            },
            valid_from,
            valid_until,
            authority,
            authority_printed,
            decision_reach,
            variants,
            total,
            steps,
            interpretations,
            name: name.value.map(|(n, _)| n),
            code: code.value.map(|(c, _)| c),
            field: field.value.map(|(f, _)| f),
            loc: head,
            authority_loc,
            from_loc,
            source_loc,
            ended_by: None,
            gaps,
        }
    }
}
