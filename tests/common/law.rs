//! What the decisions of a catalogue say, read from its files without the checker's
//! lowering: the oracle of the catalogue's property tests. Whatever a new decision adds,
//! the checker must agree with this reading (every item a decision announces is encoded
//! once; what is in force on a date, what lapses and what was repealed).

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use tthc::syntax::ast::{Item, Stmt, StmtKind};

/// One decision as its declaration writes it.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Its number as written.
    pub number: String,
    /// The day it takes effect.
    pub effective: NaiveDate,
    /// What it replaces or repeals: (decision, item, repealed).
    pub targets: Vec<(String, Option<String>, bool)>,
    /// Its part headings as printed: (part, text).
    pub headings: Vec<(String, String)>,
}

/// One version as its procedure's file writes it.
#[derive(Debug, Clone)]
pub struct Version {
    /// The procedure's id.
    pub procedure: String,
    /// Its source decision and item.
    pub decision: String,
    /// Its source item.
    pub item: String,
    /// Its own `from`, if stated.
    pub from: Option<NaiveDate>,
    /// Its own `until`, if stated.
    pub until: Option<NaiveDate>,
    /// The authority level it names.
    pub authority: String,
}

/// A catalogue's decisions and versions.
#[derive(Debug, Clone, Default)]
pub struct Law {
    /// Every decision declared.
    pub decisions: Vec<Decision>,
    /// Every version, in file order.
    pub versions: Vec<Version>,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn version(procedure: &str, stmts: &[Stmt]) -> Version {
    let mut v = Version {
        procedure: procedure.to_string(),
        decision: String::new(),
        item: String::new(),
        from: None,
        until: None,
        authority: String::new(),
    };
    for s in stmts {
        match &s.kind {
            StmtKind::Source { decision, item } => {
                v.decision = decision.value.clone();
                v.item = item.value.clone();
            }
            StmtKind::From(d) => v.from = Some(date(&d.text)),
            StmtKind::Until(d) => v.until = Some(date(&d.text)),
            StmtKind::Authority { id: a, .. } => v.authority = a.text.clone(),
            _ => {}
        }
    }
    v
}

/// Reads the files `(path, text)` of a catalogue that parses.
pub fn read(files: &[(String, String)]) -> Law {
    let mut law = Law::default();
    for (path, text) in files {
        let tree = tthc::syntax::parse(text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        for item in &tree.items {
            match item {
                Item::Decision(b) => {
                    let mut d = Decision {
                        number: b.name.value.clone(),
                        effective: NaiveDate::MIN,
                        targets: Vec::new(),
                        headings: Vec::new(),
                    };
                    for s in &b.stmts {
                        match &s.kind {
                            StmtKind::Effective(t) => d.effective = date(&t.text),
                            StmtKind::Heading { part, text } => {
                                d.headings.push((part.value.clone(), text.value.clone()))
                            }
                            StmtKind::Replaces(ts) | StmtKind::Repeals(ts) => {
                                let repeal = matches!(s.kind, StmtKind::Repeals(_));
                                for t in ts.iter().filter(|t| t.part.is_none()) {
                                    d.targets.push((
                                        t.decision.value.clone(),
                                        t.item.as_ref().map(|i| i.value.clone()),
                                        repeal,
                                    ));
                                }
                            }
                            _ => {}
                        }
                    }
                    law.decisions.push(d);
                }
                Item::Procedure(b) => {
                    let blocks: Vec<&Stmt> = b
                        .stmts
                        .iter()
                        .filter(|s| matches!(s.kind, StmtKind::Version(_)))
                        .collect();
                    if blocks.is_empty() {
                        law.versions.push(version(&b.name.text, &b.stmts));
                    }
                    for s in blocks {
                        if let StmtKind::Version(v) = &s.kind {
                            law.versions.push(version(&b.name.text, &v.stmts));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    law
}

impl Law {
    fn decision(&self, number: &str) -> &Decision {
        self.decisions
            .iter()
            .find(|d| d.number == number)
            .unwrap_or_else(|| panic!("decision {number} is not declared"))
    }

    /// The amendments of other decisions that name `v`'s decision and item (or all of
    /// its decision), with the decision making them.
    fn amending<'a>(&'a self, v: &'a Version) -> impl Iterator<Item = (&'a Decision, bool)> {
        self.decisions.iter().flat_map(move |d| {
            d.targets
                .iter()
                .filter(move |(dec, item, _)| {
                    d.number != v.decision
                        && *dec == v.decision
                        && item.as_ref().is_none_or(|i| *i == v.item)
                })
                .map(move |(_, _, repeal)| (d, *repeal))
        })
    }

    /// A version's first day: its `from`, else its decision's effective date.
    pub fn start(&self, v: &Version) -> NaiveDate {
        v.from
            .unwrap_or_else(|| self.decision(&v.decision).effective)
    }

    /// A version's last day: its own `until`, else the day before the first decision
    /// that replaces or repeals it takes effect; `None` when open-ended.
    pub fn end(&self, v: &Version) -> Option<NaiveDate> {
        v.until.or_else(|| {
            self.amending(v)
                .map(|(d, _)| d.effective.pred_opt().unwrap())
                .min()
        })
    }

    /// Whether a later decision repeals the version (rather than replacing it).
    pub fn repealed(&self, v: &Version) -> bool {
        self.amending(v).any(|(_, repeal)| repeal)
    }

    /// The procedures with a version in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> BTreeSet<String> {
        self.versions
            .iter()
            .filter(|v| self.start(v) <= date && self.end(v).is_none_or(|e| date <= e))
            .map(|v| v.procedure.clone())
            .collect()
    }

    /// The procedures with a version of `authority` (on any date).
    pub fn with_authority(&self, authority: &str) -> BTreeSet<String> {
        self.versions
            .iter()
            .filter(|v| v.authority == authority)
            .map(|v| v.procedure.clone())
            .collect()
    }

    /// Every procedure.
    pub fn procedures(&self) -> BTreeSet<String> {
        self.versions.iter().map(|v| v.procedure.clone()).collect()
    }

    /// The procedures with nothing in force on `date` that were not repealed: those
    /// `tthc check --at DATE` must warn about (TTHC034).
    pub fn lapsed(&self, date: NaiveDate) -> BTreeSet<String> {
        let in_force = self.in_force(date);
        let mut last: BTreeMap<&str, &Version> = BTreeMap::new();
        for v in &self.versions {
            let e = self.end(v).unwrap_or(NaiveDate::MAX);
            let keep = last
                .get(v.procedure.as_str())
                .is_none_or(|l| self.end(l).unwrap_or(NaiveDate::MAX) < e);
            if keep {
                last.insert(&v.procedure, v);
            }
        }
        last.into_iter()
            .filter(|(p, v)| {
                let repealed_before = self.repealed(v) && self.end(v).is_some_and(|e| e < date);
                !in_force.contains(*p) && !repealed_before
            })
            .map(|(p, _)| p.to_string())
            .collect()
    }

    /// The items a decision announces in its part headings as printed ("… (15 TTHC)" for
    /// part A: A.1 … A.15), in order; empty when its headings count nothing.
    pub fn announced_items(&self, number: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (part, text) in &self.decision(number).headings {
            let Some(open) = text.rfind('(') else {
                continue;
            };
            let count: String = text[open + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !text[open..].contains("TTHC") {
                continue;
            }
            let n: u32 = count.parse().unwrap_or(0);
            out.extend((1..=n).map(|i| format!("{part}.{i}")));
        }
        out
    }

    /// The items the versions of a decision come from, each as many times as encoded.
    pub fn encoded_items(&self, number: &str) -> Vec<String> {
        let mut items: Vec<String> = self
            .versions
            .iter()
            .filter(|v| v.decision == number)
            .map(|v| v.item.clone())
            .collect();
        items.sort_by_key(|i| tthc::coverage::item_order(i));
        items
    }
}
