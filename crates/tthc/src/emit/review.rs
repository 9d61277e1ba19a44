//! Review tables for legal staff: one page per decision, laid out like the decision's
//! appendix (parts A/B/C, one header row per procedure, one row per step). A time cell
//! shows the decision's own words (`printed "…"`, checked against the numbers by
//! TTHC041); whatever the tool adds — a total derived from the steps, the steps' sum,
//! the cutoff the engine applies, national codes, dates in force, a level the item does
//! not print — is on a line of its own marked [`ADDED`]; every interpreted row is flagged
//! [`MARK`]. HTML (self-contained, printable) and a Markdown twin with the same content.

use super::bpmn::escape;
use super::{EmitError, Sources, WorkingDay};
use crate::days::Days;
use crate::model::{Amount, Catalogue, Decision, Placed, Procedure, Timing, VERIFICATION, Version};
use std::fmt::Write;

/// The flag put on rows with an `interpreted` note.
pub const MARK: &str = "⚠";

/// The mark at the start of a line the tool adds, which the decision does not print
/// (HTML sets it in italics, Markdown in emphasis).
pub const ADDED: &str = "⊕";

/// A line the tool adds.
fn added(text: impl std::fmt::Display) -> String {
    format!("{ADDED} {text}")
}

/// One decision's review page in both formats.
#[derive(Debug, Clone)]
pub struct Page {
    /// `review/<slug>.html`.
    pub html_path: String,
    /// The HTML page.
    pub html: String,
    /// `review/<slug>.md`.
    pub markdown_path: String,
    /// The Markdown page.
    pub markdown: String,
}

/// A file-name slug of a decision number: `1086/QĐ-UBND` → `1086-qd-ubnd`.
pub fn slug(number: &str) -> String {
    let mut out = String::new();
    for c in number.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("decision");
    }
    out
}

/// Strips Vietnamese diacritics from a lower-case letter.
fn fold(c: char) -> char {
    const GROUPS: [(char, &str); 6] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
    ];
    if c == 'đ' {
        return 'd';
    }
    GROUPS
        .iter()
        .find(|(_, set)| set.contains(c))
        .map_or(c, |(base, _)| *base)
}

/// Days the Vietnamese way: decimal comma, whole numbers under ten with a leading zero
/// as decisions print them (`02`, `0,5`, `10,5`, `1/3`).
pub fn vn_days(d: Days) -> String {
    if d.denom() == 1 && d.numer() < 10 {
        return format!("{:02}", d.numer());
    }
    d.to_string().replace('.', ",")
}

/// An amount in a cell: "02 ngày", or "trong ngày" (capitalised at the start of a cell).
/// The number is the file's own (`1/4`, `0,5`, `2`), as the decision prints it, when the
/// file is at hand; otherwise the Vietnamese way of writing the value.
fn vn_amount(a: &Placed<Amount>, first: bool, src: &Sources) -> String {
    match a.value {
        Amount::SameDay if first => "Trong ngày".to_string(),
        Amount::SameDay => "trong ngày".to_string(),
        Amount::Days(d) => {
            let written = a.number.and_then(|l| src.text(l));
            match written {
                // A decimal point written the English way is shown with the comma.
                Some(n) => format!("{} ngày", n.replace('.', ",")),
                None => format!("{} ngày", vn_days(d)),
            }
        }
    }
}

/// "nếu cần xác minh" / "nếu giám hộ cử", or the case's condition as the decision words
/// it when the file states one.
fn condition(v: &Version, variant: &str) -> String {
    let decl = v.variants.iter().find(|d| d.id == variant);
    let own_cutoff = match decl.and_then(|d| d.cutoff.as_ref()).map(|c| c.value.time()) {
        Some(Some(t)) => format!(
            "; nhận hồ sơ sau {} thì tính từ ngày làm việc tiếp theo",
            t.format("%H:%M")
        ),
        Some(None) => "; không áp dụng giờ chốt".to_string(),
        None => String::new(),
    };
    if let Some(c) = decl.and_then(|d| d.condition.as_deref()) {
        return format!("nếu {}{own_cutoff}", lower_first(c));
    }
    if variant == VERIFICATION {
        return format!("nếu cần xác minh{own_cutoff}");
    }
    let title = decl.map_or(variant, |d| d.title.as_str());
    let mut chars = title.chars();
    let lower: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("nếu {lower}{own_cutoff}")
}

/// A time as written: `02 ngày (22 ngày nếu cần xác minh)`.
fn written(v: &Version, t: &Timing, src: &Sources) -> String {
    let Some(base) = &t.base else {
        // No ordinary case: the cases are alternatives, each with its time.
        return t
            .variants
            .iter()
            .map(|(id, a)| format!("{} {}", vn_amount(a, true, src), condition(v, id)))
            .collect::<Vec<_>>()
            .join("; ");
    };
    let mut s = vn_amount(base, true, src);
    variants_written(v, t, &mut s, src);
    s
}

fn variants_written(v: &Version, t: &Timing, s: &mut String, src: &Sources) {
    for (id, a) in &t.variants {
        let _ = write!(s, " ({} {})", vn_amount(a, false, src), condition(v, id));
    }
}

/// The text with its first letter in lower case, to follow "nếu"; an abbreviation
/// (`UBND`, `TH`) stays as it is.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), s.chars().nth(1)) {
        (Some(first), second) if !second.is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// The total's cell: the decision's words, or the total the tool derived (marked added);
/// then, marked added, what the engine applies that the words do not print: the cutoff of
/// each count, a case's time kept undivided.
fn total_cell(v: &Version, day: &WorkingDay, src: &Sources) -> Vec<String> {
    let mut lines = Vec::new();
    match &v.total.printed {
        Some(p) => lines.extend(p.parts.iter().cloned()),
        None if v.is_same_day() => lines.push(added(format!(
            "Trong ngày làm việc{}",
            variants_suffix(v, &v.total, src)
        ))),
        None => lines.push(added(written(v, &v.total, src))),
    }
    if let Some(c) = cutoffs_applied(v, day) {
        lines.push(added(c));
    }
    for id in &v.total.undivided {
        lines.push(added(format!(
            "{}: thời hạn của cả thủ tục, không chia cho các bước (mọi bước có hạn bằng hạn của thủ tục)",
            capitalise_first(&case_label(v, Some(id)))
        )));
    }
    lines
}

/// " (06 ngày nếu cần xác minh)" for a same-day total's other cases.
fn variants_suffix(v: &Version, t: &Timing, src: &Sources) -> String {
    let mut s = String::new();
    variants_written(v, t, &mut s, src);
    s
}

/// "trường hợp thông thường", or a case's title in lower case.
fn case_label(v: &Version, case: Option<&str>) -> String {
    match case {
        None => "trường hợp thông thường".to_string(),
        Some(id) => {
            let title = v
                .variants
                .iter()
                .find(|d| d.id == id)
                .map_or(id, |d| d.title.as_str());
            lower_first(title)
        }
    }
}

fn capitalise_first(s: &str) -> String {
    crate::text::words::capitalise(s)
}

/// The cutoff the engine applies to each count of the version, when any count has one or
/// states one: "Giờ chốt áp dụng: trường hợp thông thường 15:00 (thủ tục ghi); trường hợp
/// cần xác minh: không áp dụng (giờ chốt chỉ áp dụng cho thời hạn trong ngày, theo Quyết
/// định …)". `None` when no count has or states one (the legend says the calendar's rule).
fn cutoffs_applied(v: &Version, day: &WorkingDay) -> Option<String> {
    let counts: Vec<Option<&str>> = std::iter::once(None)
        .filter(|_| v.has_ordinary_case())
        .chain(v.total.variants.iter().map(|(id, _)| Some(id.as_str())))
        .collect();
    let mut parts = Vec::new();
    let mut any = false;
    for case in counts {
        let Some(c) = super::workflow::effective_cutoff(v, case, day) else {
            continue;
        };
        let printed_rule = v
            .total
            .printed
            .as_ref()
            .is_some_and(|p| !crate::text::printed::cutoff_hours(&p.text()).is_empty());
        let why = match (c.from.as_str(), &c.decision) {
            ("procedure", _) if printed_rule => "thủ tục ghi".to_string(),
            ("procedure", _) => "thủ tục ghi; quyết định không in, xem Ghi chú".to_string(),
            ("decision", Some(d)) => format!("theo Quyết định {d}"),
            _ => format!("quy ước của lịch {}", day.calendar),
        };
        let reach = match c.reach.as_deref() {
            Some("every_count") => "mọi thời hạn",
            _ => "thời hạn trong ngày",
        };
        let text = match (&c.time, &c.out_of_reach) {
            (Some(t), _) => {
                any = true;
                if c.from == "procedure" {
                    format!("{t} ({why})")
                } else {
                    format!("{t}, giờ chốt của lịch {} ({why})", day.calendar)
                }
            }
            (None, Some(_)) => format!("không áp dụng (giờ chốt chỉ áp dụng cho {reach}, {why})"),
            (None, None) => {
                any = true;
                format!("không có giờ chốt ({why})")
            }
        };
        parts.push(format!("{}: {text}", case_label(v, case)));
    }
    any.then(|| format!("Giờ chốt áp dụng: {}", parts.join("; ")))
}

/// The steps' sum in the ordinary case and in each variant the total names.
fn steps_sum(v: &Version) -> Option<String> {
    let sum = |variant: Option<&str>| -> Option<Days> {
        let mut total = Days::ZERO;
        for s in &v.steps {
            match s.timing.for_variant(variant).map(|a| a.value) {
                Some(Amount::Days(d)) => total = total.checked_add(d)?,
                Some(Amount::SameDay) => return None,
                None => {}
            }
        }
        Some(total)
    };
    if v.steps.iter().all(|s| s.timing.is_empty()) {
        return None;
    }
    if !v.has_ordinary_case() {
        // Alternatives only: each case's sum, as the total lists them.
        let mut parts = Vec::new();
        for (id, _) in &v.total.variants {
            parts.push(format!(
                "{} ngày {}",
                vn_days(sum(Some(id))?),
                condition(v, id)
            ));
        }
        return Some(parts.join("; "));
    }
    let mut out = format!("{} ngày", vn_days(sum(None)?));
    for (id, _) in &v.total.variants {
        // A case the total keeps whole has no sum: the line above the sum says so.
        if v.is_undivided(Some(id)) {
            continue;
        }
        let _ = write!(
            out,
            " ({} ngày {})",
            vn_days(sum(Some(id))?),
            condition(v, id)
        );
    }
    Some(out)
}

fn part_of(item: &str) -> &str {
    item.split_once('.').map_or(item, |(p, _)| p)
}

fn number_of(item: &str) -> &str {
    item.split_once('.').map_or(item, |(_, n)| n)
}

/// Sort key of an item such as `B.16`: part, then the number numerically.
fn item_key(item: &str) -> (String, u64, String) {
    let n = number_of(item);
    (
        part_of(item).to_string(),
        n.parse::<u64>().unwrap_or(u64::MAX),
        n.to_string(),
    )
}

/// One cell of a row, with how many columns it spans.
struct Cell {
    text: String,
    span: usize,
    strong: bool,
    /// Where the text links to (a row's file and line).
    link: Option<String>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        span: 1,
        strong: false,
        link: None,
    }
}

/// The cell naming the file and line a row is written at, linked when a link base is set.
fn source_cell(src: &Sources, loc: crate::syntax::source::Loc) -> Cell {
    match src.place(loc) {
        Some((text, link)) => Cell { link, ..cell(text) },
        None => cell(""),
    }
}

enum RowKind {
    Part,
    Field,
    Procedure,
    Step,
}

/// A table row, format-neutral; lines inside a cell are separated by `\n`.
struct Row {
    kind: RowKind,
    cells: Vec<Cell>,
    interpreted: bool,
    /// For step rows in HTML: how many rows the authority cell spans (on the first step),
    /// or `None` when an earlier row's cell covers it.
    authority_span: Option<usize>,
}

/// The appendix's column titles when the decision does not state them (`columns`): those
/// of the internal-workflow tables (quy trình nội bộ) provinces publish.
const COLUMNS: [&str; 6] = [
    "STT",
    "CÁC BƯỚC",
    "TRÌNH TỰ, NỘI DUNG THỰC HIỆN",
    "BỘ PHẬN CÔNG CHỨC THỰC HIỆN",
    "THỜI GIAN THỰC HIỆN (ngày làm việc)",
    "CẤP CÓ THẨM QUYỀN CAO HƠN PHÊ DUYỆT",
];

/// The columns this review adds after the decision's: the interpretations and the file
/// and line each row is written at.
const OWN_COLUMNS: [&str; 2] = ["Ghi chú (diễn giải)", "Tệp nguồn"];

/// Every column title of a decision's table: its own as printed, then the review's.
fn headers(d: &Decision) -> Vec<String> {
    let printed: Vec<String> = match &d.columns {
        Some(c) => c.clone(),
        None => COLUMNS.iter().map(|c| c.to_string()).collect(),
    };
    printed
        .into_iter()
        .chain(OWN_COLUMNS.iter().map(|c| c.to_string()))
        .collect()
}

/// Columns a part or field heading spans after its first cell.
const HEADING_SPAN: usize = COLUMNS.len() + OWN_COLUMNS.len() - 1;

fn notes(v: &Version, step: Option<&str>) -> Vec<String> {
    v.interpretations
        .iter()
        .filter(|i| i.step.as_deref() == step)
        .map(|i| format!("{MARK} {}", i.text))
        .collect()
}

fn rows(
    cat: &Catalogue,
    d: &Decision,
    entries: &[(&Procedure, &Version)],
    day: &WorkingDay,
    src: &Sources,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut parts: Vec<&str> = entries
        .iter()
        .map(|(_, v)| part_of(&v.source.item))
        .collect();
    parts.dedup();
    for part in parts {
        let in_part: Vec<_> = entries
            .iter()
            .filter(|(_, v)| part_of(&v.source.item) == part)
            .collect();
        let mut authorities: Vec<&str> = Vec::new();
        for (_, v) in &in_part {
            let t = cat
                .authority(&v.authority)
                .map_or(v.authority.as_str(), |a| a.title.as_str());
            if !authorities.contains(&t) {
                authorities.push(t);
            }
        }
        // The heading as printed when the decision file states it; otherwise one made
        // from the part's authorities, in the printed headings' usual form.
        let heading = d
            .headings
            .iter()
            .find(|h| h.part == part)
            .map(|h| h.text.clone())
            .unwrap_or_else(|| {
                added(format!(
                    "TTHC thuộc thẩm quyền giải quyết của {} ({:02} TTHC)",
                    authorities.join(", "),
                    in_part.len()
                ))
            });
        rows.push(Row {
            kind: RowKind::Part,
            cells: vec![
                Cell {
                    strong: true,
                    ..cell(part)
                },
                Cell {
                    span: HEADING_SPAN,
                    strong: true,
                    ..cell(heading)
                },
            ],
            interpreted: false,
            authority_span: None,
        });
        let mut field: Option<Option<&str>> = None;
        for (p, v) in &in_part {
            let this = p.field_in(v);
            if field != Some(this) {
                field = Some(this);
                if let Some(f) = this {
                    let n = in_part
                        .iter()
                        .filter(|(q, w)| q.field_in(w) == Some(f))
                        .count();
                    rows.push(Row {
                        kind: RowKind::Field,
                        cells: vec![
                            cell(""),
                            Cell {
                                span: HEADING_SPAN,
                                strong: true,
                                ..cell(format!("Lĩnh vực {f} ({n:02} TTHC)"))
                            },
                        ],
                        interpreted: false,
                        authority_span: None,
                    });
                }
            }
            rows.extend(procedure_rows(cat, p, v, day, src));
        }
    }
    rows
}

fn procedure_rows(
    cat: &Catalogue,
    p: &Procedure,
    v: &Version,
    day: &WorkingDay,
    src: &Sources,
) -> Vec<Row> {
    let mut time = total_cell(v, day, src);
    time.push(added(match steps_sum(v) {
        Some(s) => format!("Cộng các bước: {s}"),
        None => "Các bước không có thời gian riêng".to_string(),
    }));
    let time = time.join("\n");
    let mut name = p.name_in(v).to_string();
    if let Some(code) = p.code_in(v) {
        let _ = write!(name, "\n{}", added(format!("Mã: {code}")));
    }
    if let Some(until) = v.valid_until {
        let _ = write!(
            name,
            "\n{}",
            added(format!(
                "Áp dụng từ {} đến hết {}",
                v.valid_from.format("%d/%m/%Y"),
                until.format("%d/%m/%Y")
            ))
        );
    }
    let head_notes = notes(v, None);
    let mut rows = vec![Row {
        kind: RowKind::Procedure,
        cells: vec![
            Cell {
                strong: true,
                ..cell(number_of(&v.source.item))
            },
            Cell {
                span: 3,
                strong: true,
                ..cell(name)
            },
            Cell {
                strong: true,
                ..cell(time)
            },
            cell(""),
            cell(head_notes.join("\n")),
            source_cell(src, v.loc),
        ],
        interpreted: !head_notes.is_empty(),
        authority_span: None,
    }];
    // The level as the item prints it; a level the item does not print is the tool's.
    let authority = match &v.authority_printed {
        Some(p) => p.text(),
        None => added(
            cat.authority(&v.authority)
                .map_or(v.authority.as_str(), |a| a.title.as_str()),
        ),
    };
    for (i, s) in v.steps.iter().enumerate() {
        // As printed when the file says; otherwise each role's title, as the decision
        // separates alternatives ("… Trung tâm Phục vụ Hành chính công/ nhân viên bưu chính").
        let role = s.performer_as_printed.clone().unwrap_or_else(|| {
            std::iter::once(s.role.as_str())
                .chain(s.other_roles.iter().map(|r| r.id.as_str()))
                .map(|id| cat.role(id).map_or(id, |r| r.title.as_str()))
                .collect::<Vec<_>>()
                .join("/ ")
        });
        let step_notes = notes(v, Some(&s.id));
        rows.push(Row {
            kind: RowKind::Step,
            cells: vec![
                cell(""),
                cell(format!("Bước {}", i + 1)),
                cell(s.name.clone()),
                cell(role),
                cell(step_time(v, s, src)),
                cell(if i == 0 {
                    authority.clone()
                } else {
                    String::new()
                }),
                cell(step_notes.join("\n")),
                source_cell(src, s.loc),
            ],
            interpreted: !step_notes.is_empty(),
            authority_span: (i == 0).then_some(v.steps.len()),
        });
    }
    rows
}

/// A step's time cell: the decision's words, or the tool's reading of the numbers
/// (marked added) when the file keeps no words; empty when the step has no time.
fn step_time(v: &Version, s: &crate::model::Step, src: &Sources) -> String {
    match &s.timing.printed {
        Some(p) => p.text(),
        None if s.timing.is_empty() => String::new(),
        None => added(written(v, &s.timing, src)),
    }
}

fn date_vn(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

const CSS: &str = "\
body{font-family:\"Times New Roman\",Times,serif;font-size:13pt;margin:1.5em;color:#000;background:#fff}
h1{font-size:15pt;text-align:center;text-transform:uppercase;margin:.2em 0}
p.sub{text-align:center;font-style:italic;margin:.2em 0 1em}
p.legend{font-size:11pt}
ul.preamble{font-size:12pt;margin:.2em 0 1em}
p.signer{text-align:right;font-weight:bold;margin-top:1.5em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left}
th{text-align:center;background:#eee}
td.stt{text-align:center;white-space:nowrap}
tr.part td{background:#ddd}
tr.field td{background:#f2f2f2}
tr.procedure td{background:#fafafa}
tr.interpreted td.note{background:#fff3cd}
td.note{font-size:11pt}
.added{font-style:italic;color:#444}
@media print{body{margin:0;font-size:11pt}thead{display:table-header-group}tr{page-break-inside:avoid;break-inside:avoid}tr.interpreted td.note{background:none}}
";

fn html_cell(tag: &str, c: &Cell, class: &str, rowspan: usize) -> String {
    let mut attrs = String::new();
    if c.span > 1 {
        let _ = write!(attrs, " colspan=\"{}\"", c.span);
    }
    if rowspan > 1 {
        let _ = write!(attrs, " rowspan=\"{rowspan}\"");
    }
    if !class.is_empty() {
        let _ = write!(attrs, " class=\"{class}\"");
    }
    let body = c
        .text
        .split('\n')
        .map(|line| match line.strip_prefix(ADDED) {
            Some(_) => format!("<span class=\"added\">{}</span>", escape(line)),
            None => escape(line),
        })
        .collect::<Vec<_>>()
        .join("<br>");
    let body = if c.strong && !body.is_empty() {
        format!("<strong>{body}</strong>")
    } else {
        body
    };
    let body = match &c.link {
        Some(href) => format!("<a href=\"{}\">{body}</a>", escape(href)),
        None => body,
    };
    format!("<{tag}{attrs}>{body}</{tag}>")
}

fn heading(d: &Decision) -> (String, String, Option<String>) {
    (
        format!(
            "Quy trình nội bộ giải quyết thủ tục hành chính — Quyết định số {}",
            d.number
        ),
        format!(
            "Ban hành kèm theo Quyết định số {} ngày {} của {}",
            d.number,
            date_vn(d.signed),
            d.issuer,
        ),
        d.title.clone(),
    )
}

/// What the decision states about itself: its legal bases (căn cứ) and the proposal it
/// answers, as printed; then, marked added (the tool's words for what the file states),
/// its effective date, the decision publishing the statutory times, fees and dossiers,
/// and what it replaces or repeals, with the dates and parts as printed.
fn preamble(d: &Decision) -> Vec<String> {
    let mut lines: Vec<String> = d.basis.iter().map(|b| format!("Căn cứ {b};")).collect();
    if let Some(p) = &d.proposal {
        lines.push(format!("{p}."));
    }
    lines.push(added(format!("Hiệu lực từ {}", date_vn(d.effective))));
    for c in &d.companions {
        lines.push(added(match &c.about {
            Some(a) => format!(
                "Thời hạn theo quy định, phí, lệ phí và hồ sơ: Quyết định số {} ({a})",
                c.number
            ),
            None => format!(
                "Thời hạn theo quy định, phí, lệ phí và hồ sơ: Quyết định số {}",
                c.number
            ),
        }));
    }
    for (repeal, verb) in [(false, "Thay thế"), (true, "Bãi bỏ")] {
        let targets: Vec<String> = d
            .amends
            .iter()
            .filter(|a| a.repeal == repeal)
            .enumerate()
            .map(|(i, a)| {
                let dated = match a.signed {
                    Some(s) => format!("Quyết định số {} ngày {}", a.decision, date_vn(s)),
                    None => format!("Quyết định số {}", a.decision),
                };
                let what = match (&a.item, &a.part) {
                    (_, Some(part)) => format!("{part} tại {dated}"),
                    (Some(item), None) => format!("mục {item} tại {dated}"),
                    (None, None) => dated,
                };
                format!("({}) {what}", i + 1)
            })
            .collect();
        if !targets.is_empty() {
            lines.push(added(format!("{verb}: {}", targets.join("; "))));
        }
    }
    lines
}

/// The rules the deadline engine applies to every row, said once under the legend: the
/// calendar's cutoff and how due times are given.
fn rules_in_force(day: &WorkingDay) -> String {
    let mut s = format!("{ADDED} ");
    let _ = write!(
        s,
        "Lịch làm việc {}: một ngày làm việc là {} phút làm việc.",
        day.calendar, day.minutes
    );
    match &day.cutoff {
        Some(t) => {
            let reach = match day.cutoff_reach.as_str() {
                "every_count" => "mọi thời hạn",
                _ => "thời hạn trong ngày",
            };
            let _ = write!(
                s,
                " Giờ chốt chung: hồ sơ nhận sau {t} được tính từ ngày làm việc tiếp theo; theo quy ước của lịch, giờ chốt này áp dụng cho {reach}, trừ khi thủ tục hoặc quyết định ghi khác (dòng “Giờ chốt áp dụng” của từng thủ tục)."
            );
        }
        None => s.push_str(" Lịch không có giờ chốt chung."),
    }
    s.push_str(match day.due_time.as_str() {
        "end_of_day" => " Hạn trả là cuối ngày làm việc mà thời hạn kết thúc.",
        _ => " Hạn trả giữ giờ của lúc bắt đầu tính thời hạn (nhận 9:00 thứ Ba, 3 ngày làm việc → 9:00 thứ Sáu).",
    });
    s
}

const LEGEND: &str = "Thời gian tính theo ngày làm việc. Cột thời gian ghi nguyên văn quyết định; chỗ quyết định in lệch dòng, lệch cột hoặc phải diễn giải được đánh dấu ⚠ và giải thích ở cột Ghi chú. Nội dung đánh dấu ⊕ (in nghiêng) do công cụ thêm, quyết định không in: tổng thời hạn suy ra từ các bước, “Cộng các bước”, giờ chốt áp dụng, mã thủ tục quốc gia, thời gian áp dụng, cấp phê duyệt mà mục đó không in, đề mục tự tạo.";

fn html(d: &Decision, rows: &[Row], day: &WorkingDay) -> String {
    let (title, sub, dtitle) = heading(d);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(h, "<title>{}</title>", escape(&title));
    let _ = writeln!(h, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(h, "<h1>{}</h1>", escape(&title));
    if let Some(t) = dtitle {
        let _ = writeln!(h, "<p class=\"sub\">{}</p>", escape(&t));
    }
    let _ = writeln!(h, "<p class=\"sub\">({})</p>", escape(&sub));
    let pre = preamble(d);
    if !pre.is_empty() {
        h.push_str("<ul class=\"preamble\">\n");
        for line in &pre {
            let class = if line.starts_with(ADDED) {
                " class=\"added\""
            } else {
                ""
            };
            let _ = writeln!(h, "<li{class}>{}</li>", escape(line));
        }
        h.push_str("</ul>\n");
    }
    let _ = writeln!(h, "<p class=\"legend\">{}</p>", escape(LEGEND));
    let _ = writeln!(
        h,
        "<p class=\"legend added\">{}</p>",
        escape(&rules_in_force(day))
    );
    h.push_str("<table>\n<thead>\n<tr>");
    for t in headers(d) {
        let _ = write!(h, "<th>{}</th>", escape(&t));
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    // The authority cell spans a procedure's step rows, as in the decision.
    for r in rows {
        let (class, is_step) = match r.kind {
            RowKind::Part => ("part", false),
            RowKind::Field => ("field", false),
            RowKind::Procedure => ("procedure", false),
            RowKind::Step => ("step", true),
        };
        let class = if r.interpreted {
            format!("{class} interpreted")
        } else {
            class.to_string()
        };
        let _ = write!(h, "<tr class=\"{class}\">");
        let has_note = matches!(r.kind, RowKind::Procedure | RowKind::Step);
        for (ci, c) in r.cells.iter().enumerate() {
            let authority_col = is_step && ci == 5;
            let rowspan = match (authority_col, r.authority_span) {
                (false, _) => 1,
                (true, Some(n)) => n,
                (true, None) => continue,
            };
            let cls = if ci == 0 {
                "stt"
            } else if has_note && ci == r.cells.len() - 2 {
                "note"
            } else {
                ""
            };
            h.push_str(&html_cell("td", c, cls, rowspan));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if let Some(s) = &d.signer {
        let _ = writeln!(h, "<p class=\"signer\">Người ký: {}</p>", escape(s));
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Text for a Markdown table cell that renders as the same text: every character that
/// can open inline markup is backslash-escaped (CommonMark lets any ASCII punctuation be
/// escaped), so a name holding `[x](http://…)`, `*` or `<b>` is shown, never obeyed; a
/// bare `http://` or `www.` is broken up so that GitHub does not turn it into a link;
/// line breaks become `<br>`, the one line break a table cell can hold.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `://` and `www.` are what GitHub's autolinker looks for.
            ':' if out.ends_with("http") || out.ends_with("https") || out.ends_with("ftp") => {
                out.push_str("\\:");
            }
            '.' if out.ends_with("www") => out.push_str("\\."),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// A cell's lines for Markdown, joined by `<br>`; a line the tool added is emphasised,
/// the others bold when the cell is.
fn md_lines_in(s: &str, strong: bool) -> String {
    s.split('\n')
        .map(|line| {
            let t = md_text(line);
            if t.is_empty() {
                t
            } else if line.starts_with(ADDED) {
                format!("*{t}*")
            } else if strong {
                format!("**{t}**")
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_lines(s: &str) -> String {
    md_lines_in(s, false)
}

/// A link target that a Markdown link cannot misread: the characters that would end or
/// break it are percent-encoded.
fn md_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '|' | '[' | ']' | '\\' | '`' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn markdown(d: &Decision, rows: &[Row], day: &WorkingDay) -> String {
    let (title, sub, dtitle) = heading(d);
    let mut m = String::new();
    let _ = writeln!(m, "# {}\n", md_text(&title));
    if let Some(t) = dtitle {
        let _ = writeln!(m, "{}\n", md_text(&t));
    }
    let _ = writeln!(m, "_({})_\n", md_text(&sub));
    let pre = preamble(d);
    for line in &pre {
        let _ = writeln!(m, "- {}", md_lines(line));
    }
    if !pre.is_empty() {
        m.push('\n');
    }
    let _ = writeln!(m, "{}\n", md_text(LEGEND));
    let _ = writeln!(m, "{}\n", md_lines(&rules_in_force(day)));
    m.push_str(&md_table(d, rows));
    if let Some(s) = &d.signer {
        let _ = writeln!(m, "\nNgười ký: {}", md_text(s));
    }
    m
}

/// The table of a page in Markdown: the column titles, then the rows.
fn md_table(d: &Decision, rows: &[Row]) -> String {
    let mut m = String::new();
    let headers = headers(d);
    let titles: Vec<String> = headers.iter().map(|t| md_text(t)).collect();
    let _ = writeln!(m, "| {} |", titles.join(" | "));
    let _ = writeln!(m, "|{}", "---|".repeat(headers.len()));
    for r in rows {
        // Markdown tables cannot span columns: a spanning cell is followed by empty ones.
        let mut cells = Vec::new();
        for c in &r.cells {
            let t = md_lines_in(&c.text, c.strong);
            cells.push(match &c.link {
                Some(href) => format!("[{t}]({})", md_href(href)),
                None => t,
            });
            cells.extend(std::iter::repeat_n(String::new(), c.span - 1));
        }
        let _ = writeln!(m, "| {} |", cells.join(" | "));
    }
    m
}

/// One procedure version's rows of its decision's review table, in Markdown with the
/// column titles: what a reviewer reads beside that item of the decision (the tests
/// snapshot every procedure of the bundled catalogue this way).
pub fn procedure_markdown(
    cat: &Catalogue,
    p: &Procedure,
    v: &Version,
    day: &WorkingDay,
    src: &Sources,
) -> Result<String, EmitError> {
    let d = cat
        .decision(&v.source.decision)
        .ok_or_else(|| EmitError::Missing {
            procedure: p.id.clone(),
            kind: "decision".to_string(),
            id: v.source.decision.clone(),
        })?;
    Ok(md_table(d, &procedure_rows(cat, p, v, day, src)))
}

/// Every decision's review page, in decision-number order.
pub fn pages(cat: &Catalogue, day: &WorkingDay, src: &Sources) -> Result<Vec<Page>, EmitError> {
    let mut decisions: Vec<&Decision> = cat.decisions.iter().collect();
    decisions.sort_by_key(|d| (slug(&d.number), d.number.clone()));
    let mut out: Vec<Page> = Vec::new();
    for d in decisions {
        let mut entries: Vec<(&Procedure, &Version)> = cat
            .procedures
            .iter()
            .flat_map(|p| p.versions.iter().map(move |v| (p, v)))
            .filter(|(_, v)| v.source.decision == d.number)
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by(|a, b| {
            item_key(&a.1.source.item)
                .cmp(&item_key(&b.1.source.item))
                .then_with(|| a.0.id.cmp(&b.0.id))
                .then_with(|| a.1.valid_from.cmp(&b.1.valid_from))
        });
        let rows = rows(cat, d, &entries, day, src);
        let s = slug(&d.number);
        if out
            .iter()
            .any(|p| p.html_path == format!("review/{s}.html"))
        {
            return Err(EmitError::DuplicatePath(format!("review/{s}.html")));
        }
        out.push(Page {
            html_path: format!("review/{s}.html"),
            html: html(d, &rows, day),
            markdown_path: format!("review/{s}.md"),
            markdown: markdown(d, &rows, day),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(slug("1086/QĐ-UBND"), "1086-qd-ubnd");
        assert_eq!(slug("12/2024/TT-BTP"), "12-2024-tt-btp");
        assert_eq!(slug("Quyết định số 5"), "quyet-dinh-so-5");
        assert_eq!(slug("///"), "decision");
    }

    #[test]
    fn markdown_cells_show_markup_instead_of_obeying_it() {
        assert_eq!(
            md_text("[x](http://evil.example) *đậm* <b>|</b>"),
            r"\[x\](http\://evil.example) \*đậm\* \<b\>\|\</b\>"
        );
        assert_eq!(md_text("www.a.vn & #1\r\nb"), r"www\.a.vn \& \#1<br>b");
        assert_eq!(
            md_text("Đăng ký (nếu có) 1086/QĐ-UBND"),
            "Đăng ký (nếu có) 1086/QĐ-UBND"
        );
    }

    #[test]
    fn days_are_written_the_vietnamese_way() {
        assert_eq!(vn_days(Days::new(1, 2).unwrap()), "0,5");
        assert_eq!(vn_days(Days::whole(2)), "02");
        assert_eq!(vn_days(Days::whole(22)), "22");
        assert_eq!(vn_days(Days::new(21, 2).unwrap()), "10,5");
        assert_eq!(vn_days(Days::new(1, 3).unwrap()), "1/3");
    }
}
