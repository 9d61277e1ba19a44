//! The report's counting SQL: `reports/counts.sql` of the repository, compiled into the
//! binary, or a province's own copy read from a folder (`--sql DIR`), and the report
//! columns it declares.

use std::path::Path;

/// The bundled file.
const COUNTS: &str = include_str!("../../../reports/counts.sql");

/// Files that earlier versions read from `--sql DIR` and this one does not.
const RETIRED: [&str; 2] = ["cases.sql", "discrepancies.sql"];

/// A column of the report, as `counts.sql` declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name (the JSON key).
    pub name: String,
    /// Its heading in English.
    pub en: String,
    /// Its heading in Vietnamese.
    pub vi: String,
}

/// The bundled query, or `dir/counts.sql`. A folder that still holds `cases.sql` or
/// `discrepancies.sql` is refused rather than silently ignored: the classification of
/// each case is the engine's now, and only the counting is SQL.
pub fn load(dir: Option<&Path>) -> Result<String, String> {
    let Some(d) = dir else {
        return Ok(COUNTS.to_string());
    };
    for old in RETIRED {
        if d.join(old).exists() {
            return Err(format!(
                "{} is no longer read: each case is classified by the deadline engine, and only counts.sql (the counting) can be changed; move what it added into counts.sql, or remove it (docs/report.md)",
                d.join(old).display()
            ));
        }
    }
    let p = d.join("counts.sql");
    if p.exists() {
        std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    } else {
        Ok(COUNTS.to_string())
    }
}

/// The headings a query declares: for each line `… AS name, -- English | Tiếng Việt`,
/// the name and its two headings.
pub fn headings(sql: &str) -> Vec<Column> {
    let mut out = Vec::new();
    for line in sql.lines() {
        let (code, comment) = match line.split_once("--") {
            Some((c, m)) => (c, Some(m)),
            None => (line, None),
        };
        let lower = code.to_ascii_lowercase();
        let Some(at) = lower.rfind(" as ") else {
            continue;
        };
        let name: String = code[at + 4..]
            .trim()
            .trim_end_matches(',')
            .trim()
            .trim_matches('"')
            .to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let (en, vi) = match comment.and_then(|c| c.split_once('|')) {
            Some((en, vi)) => (en.trim().to_string(), vi.trim().to_string()),
            None => (name.clone(), name.clone()),
        };
        out.push(Column { name, en, vi });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_columns_have_their_headings() {
        let h = headings(&load(None).unwrap());
        let on_time = h.iter().find(|c| c.name == "resolved_on_time").unwrap();
        assert_eq!(
            (on_time.en.as_str(), on_time.vi.as_str()),
            ("on time", "đúng hạn")
        );
        assert!(h.iter().any(|c| c.name == "received_postal"));
    }

    #[test]
    fn an_old_sql_folder_is_refused_not_ignored() {
        let dir = std::env::temp_dir().join(format!("tthc-sql-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cases.sql"), "SELECT 1").unwrap();
        assert!(load(Some(&dir)).unwrap_err().contains("cases.sql"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
