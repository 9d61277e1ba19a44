//! Where each name of a catalogue is declared and where it is used: roles, authorities,
//! decisions, procedures, and the cases (variants) and steps of each procedure. Read from
//! the syntax trees, so that it holds the place of every mention as written.

use std::collections::HashMap;
use std::rc::Rc;
use tthc::check::Parsed;
use tthc::model::VERIFICATION;
use tthc::syntax::ast::{Block, Item, Stmt, StmtKind, Str, Timing, Token};
use tthc::syntax::source::{FileId, Span};

/// A name of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symbol {
    /// An authority level, by id.
    Authority(String),
    /// A role, by id.
    Role(String),
    /// A decision, by number.
    Decision(String),
    /// A procedure, by id (every version's block declares it).
    Procedure(String),
    /// A case of a procedure: (procedure id, case id).
    Variant(String, String),
    /// A step of a procedure: (procedure id, step id).
    Step(String, String),
}

/// One mention of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The name.
    pub symbol: Symbol,
    /// The file.
    pub file: FileId,
    /// Where it is written (quotes included for decision numbers).
    pub span: Span,
    /// Whether this mention declares it.
    pub declaration: bool,
}

/// Every mention of every name, by file and by name.
#[derive(Debug, Default)]
pub struct Index {
    by_file: Vec<Vec<Occurrence>>,
    by_symbol: HashMap<Symbol, Vec<(FileId, usize)>>,
}

impl Index {
    /// Indexes the files of a catalogue.
    pub fn build(parsed: &[Rc<Parsed>]) -> Index {
        let mut index = Index::default();
        for (file, p) in parsed.iter().enumerate() {
            let mut out = Vec::new();
            if let Some(tree) = &p.tree {
                for item in &tree.items {
                    item_occurrences(file, item, &mut out);
                }
            }
            out.sort_by_key(|o| o.span.start);
            for (i, o) in out.iter().enumerate() {
                index
                    .by_symbol
                    .entry(o.symbol.clone())
                    .or_default()
                    .push((file, i));
            }
            index.by_file.push(out);
        }
        index
    }

    /// The mention at a byte offset of a file (its end included, as a cursor just after
    /// a word is still on it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        self.by_file
            .get(file)?
            .iter()
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Every mention of a name, declarations first.
    pub fn occurrences(&self, symbol: &Symbol) -> Vec<&Occurrence> {
        let mut out: Vec<&Occurrence> = self
            .by_symbol
            .get(symbol)
            .into_iter()
            .flatten()
            .map(|&(f, i)| &self.by_file[f][i])
            .collect();
        out.sort_by_key(|o| (!o.declaration, o.file, o.span.start));
        out
    }

    /// The declarations of a name.
    pub fn declarations(&self, symbol: &Symbol) -> Vec<&Occurrence> {
        self.occurrences(symbol)
            .into_iter()
            .filter(|o| o.declaration)
            .collect()
    }

    /// Every declaration in the catalogue.
    pub fn all_declarations(&self) -> impl Iterator<Item = &Occurrence> {
        self.by_file.iter().flatten().filter(|o| o.declaration)
    }
}

fn item_occurrences(file: FileId, item: &Item, out: &mut Vec<Occurrence>) {
    let mut push = |symbol, span, declaration| {
        out.push(Occurrence {
            symbol,
            file,
            span,
            declaration,
        })
    };
    match item {
        Item::Authority { id, .. } => push(Symbol::Authority(id.text.clone()), id.span, true),
        Item::Role { id, authority, .. } => {
            push(Symbol::Role(id.text.clone()), id.span, true);
            if let Some(a) = authority {
                push(Symbol::Authority(a.text.clone()), a.span, false);
            }
        }
        Item::Decision(b) => {
            push(Symbol::Decision(b.name.value.clone()), b.name.span, true);
            for s in &b.stmts {
                decision_stmt(file, s, out);
            }
        }
        Item::Procedure(b) => procedure(file, b, out),
    }
}

fn decision_stmt(file: FileId, s: &Stmt, out: &mut Vec<Occurrence>) {
    let mut refer = |d: &Str| {
        out.push(Occurrence {
            symbol: Symbol::Decision(d.value.clone()),
            file,
            span: d.span,
            declaration: false,
        })
    };
    match &s.kind {
        StmtKind::Replaces(ts) | StmtKind::Repeals(ts) => {
            ts.iter().for_each(|t| refer(&t.decision))
        }
        StmtKind::Companion { number, .. } => refer(number),
        _ => {}
    }
}

fn procedure(file: FileId, b: &Block<Token>, out: &mut Vec<Occurrence>) {
    let id = b.name.text.clone();
    out.push(Occurrence {
        symbol: Symbol::Procedure(id.clone()),
        file,
        span: b.name.span,
        declaration: true,
    });
    statements(file, &id, &b.stmts, out);
}

fn statements(file: FileId, procedure: &str, stmts: &[Stmt], out: &mut Vec<Occurrence>) {
    let push = |out: &mut Vec<Occurrence>, symbol, span, declaration| {
        out.push(Occurrence {
            symbol,
            file,
            span,
            declaration,
        })
    };
    let p = || procedure.to_string();
    for s in stmts {
        match &s.kind {
            StmtKind::Version(v) => statements(file, procedure, &v.stmts, out),
            StmtKind::Source { decision, .. } => push(
                out,
                Symbol::Decision(decision.value.clone()),
                decision.span,
                false,
            ),
            StmtKind::Authority { id: a, .. } => {
                push(out, Symbol::Authority(a.text.clone()), a.span, false)
            }
            StmtKind::Variant { id, .. } => {
                push(out, Symbol::Variant(p(), variant_id(id)), id.span, true)
            }
            StmtKind::Total(t) => timing(file, procedure, t, out),
            StmtKind::Step {
                id,
                role,
                others,
                timing: t,
                ..
            } => {
                push(out, Symbol::Step(p(), id.text.clone()), id.span, true);
                push(out, Symbol::Role(role.text.clone()), role.span, false);
                // `by desk / postal-worker`: each role named is a use of it.
                for other in others {
                    push(out, Symbol::Role(other.text.clone()), other.span, false);
                }
                if let Some(t) = t {
                    timing(file, procedure, t, out);
                }
            }
            StmtKind::Interpreted { step: Some(st), .. } => {
                push(out, Symbol::Step(p(), st.text.clone()), st.span, false)
            }
            _ => {}
        }
    }
}

fn timing(file: FileId, procedure: &str, t: &Timing, out: &mut Vec<Occurrence>) {
    for (name, _) in &t.variants {
        out.push(Occurrence {
            symbol: Symbol::Variant(procedure.to_string(), variant_id(name)),
            file,
            span: name.span,
            declaration: false,
        });
    }
}

/// A case's id as the model knows it: `cần xác minh` is `verification`.
fn variant_id(t: &Token) -> String {
    let words: Vec<&str> = t.text.split_whitespace().collect();
    if words.join(" ") == "cần xác minh" {
        VERIFICATION.to_string()
    } else {
        t.text.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tthc::check::{Input, parse_input};

    fn index(texts: &[&str]) -> Index {
        let parsed: Vec<Rc<Parsed>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Rc::new(parse_input(Input {
                    path: format!("f{i}.tthc"),
                    bytes: t.as_bytes().to_vec(),
                }))
            })
            .collect();
        Index::build(&parsed)
    }

    #[test]
    fn finds_declarations_and_uses_across_files() {
        let roles = "authority commune \"UBND cấp xã\"\nrole desk \"Một cửa\" authority commune\n";
        let p = "procedure p {\n  name \"P\"\n  authority commune\n  source \"1/QĐ\" item \"A.1\"\n  variant fast \"Nhanh\"\n  total 3 days, fast 1 day\n  step a \"A\" by desk 3 days, fast 1 day\n}\n";
        let ix = index(&[roles, p]);
        let role = Symbol::Role("desk".into());
        let occ = ix.occurrences(&role);
        assert_eq!(occ.len(), 2);
        assert!(occ[0].declaration && occ[0].file == 0);
        assert_eq!(occ[1].file, 1);
        let fast = Symbol::Variant("p".into(), "fast".into());
        assert_eq!(ix.occurrences(&fast).len(), 3);
        assert_eq!(ix.declarations(&fast).len(), 1);
        let at = p.find("by desk").unwrap() + 4;
        assert_eq!(ix.at(1, at).unwrap().symbol, role);
        assert_eq!(
            ix.occurrences(&Symbol::Authority("commune".into())).len(),
            3
        );
    }
}
