//! The report's SQL: `reports/*.sql` of the repository, compiled into the binary, or a
//! province's own copies read from a folder (`--sql DIR`).

use std::path::Path;

/// The bundled files.
const CASES: &str = include_str!("../../../reports/cases.sql");
const COUNTS: &str = include_str!("../../../reports/counts.sql");
const DISCREPANCIES: &str = include_str!("../../../reports/discrepancies.sql");

/// The report's queries.
#[derive(Debug, Clone)]
pub struct Queries {
    /// The statements of `cases.sql`, run first (they create the views).
    pub setup: Vec<String>,
    /// `counts.sql`, with `${by}` for the grouping column.
    pub counts: String,
    /// `discrepancies.sql`, with `${limit}`.
    pub discrepancies: String,
}

/// The bundled queries, or those in `dir` (each file it lacks is the bundled one).
pub fn load(dir: Option<&Path>) -> Result<Queries, String> {
    let read = |name: &str, bundled: &str| -> Result<String, String> {
        match dir {
            None => Ok(bundled.to_string()),
            Some(d) => {
                let p = d.join(name);
                if p.exists() {
                    std::fs::read_to_string(&p)
                        .map_err(|e| format!("cannot read {}: {e}", p.display()))
                } else {
                    Ok(bundled.to_string())
                }
            }
        }
    };
    Ok(Queries {
        setup: statements(&read("cases.sql", CASES)?),
        counts: read("counts.sql", COUNTS)?,
        discrepancies: read("discrepancies.sql", DISCREPANCIES)?,
    })
}

/// Splits a file into statements at each `;` outside quotes and `--` comments, dropping
/// the empty ones.
pub fn statements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                current.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                current.push(c);
            }
            None if c == '-' && chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        current.push('\n');
                        break;
                    }
                }
            }
            None if c == ';' => out.push(std::mem::take(&mut current)),
            None => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_semicolons_outside_quotes_and_comments() {
        let s =
            statements("-- a; comment\nCREATE VIEW a AS SELECT ';' AS x;\n\nSELECT 1 -- end;\n;");
        assert_eq!(s, vec!["CREATE VIEW a AS SELECT ';' AS x", "SELECT 1"]);
    }

    #[test]
    fn the_bundled_cases_file_creates_two_views() {
        let q = load(None).unwrap();
        assert_eq!(q.setup.len(), 2);
        assert!(q.setup[0].starts_with("CREATE VIEW cases_due"));
        assert!(q.setup[1].starts_with("CREATE VIEW counted"));
        assert!(q.counts.contains("${by}") && q.discrepancies.contains("${limit}"));
    }
}
