//! The language's keywords in its two keyword sets: English and Vietnamese.
//!
//! Legal staff read Vietnamese, so every keyword has a Vietnamese form that means the
//! same and may be used instead (`thủ tục` for `procedure`, `bước … do …` for
//! `step … by …`). A file may mix them; the formatter writes each file in the set most
//! of its keywords use. The grammar (`grammar/tthc.pest`) spells the same words: a test
//! below parses every Vietnamese form.

use crate::text::Lang;

/// One keyword in both sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// The English form, such as `procedure`.
    pub en: &'static str,
    /// The Vietnamese form, such as `thủ tục` (words separated by one space; the grammar
    /// accepts any spaces or tabs between them).
    pub vi: &'static str,
    /// What it introduces, in English, for completion and hover.
    pub doc_en: &'static str,
    /// What it introduces, in Vietnamese.
    pub doc_vi: &'static str,
}

impl Keyword {
    /// The form in a language.
    pub fn word(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Vi => self.vi,
        }
    }

    /// What it introduces, in a language.
    pub fn doc(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.doc_en,
            Lang::Vi => self.doc_vi,
        }
    }
}

const fn kw(
    en: &'static str,
    vi: &'static str,
    doc_en: &'static str,
    doc_vi: &'static str,
) -> Keyword {
    Keyword {
        en,
        vi,
        doc_en,
        doc_vi,
    }
}

/// Every keyword, in the order the reference (docs/language.md) introduces them.
pub const KEYWORDS: &[Keyword] = &[
    kw(
        "authority",
        "thẩm quyền",
        "an authority level (`authority commune \"UBND cấp xã\"`), or the level a role or version belongs to",
        "cấp thẩm quyền (`thẩm quyền commune \"UBND cấp xã\"`), hoặc cấp của một vai trò, một phiên bản",
    ),
    kw(
        "abolished",
        "giải thể",
        "the first day an authority level no longer exists",
        "ngày đầu tiên cấp thẩm quyền không còn",
    ),
    kw(
        "role",
        "vai trò",
        "a role that performs steps (`role desk \"Bộ phận một cửa\" authority commune`)",
        "vai trò thực hiện các bước (`vai trò desk \"Bộ phận một cửa\" thẩm quyền commune`)",
    ),
    kw(
        "decision",
        "quyết định",
        "a decision that publishes procedures (`decision \"1086/QĐ-UBND\" { … }`)",
        "quyết định công bố thủ tục (`quyết định \"1086/QĐ-UBND\" { … }`)",
    ),
    kw(
        "title",
        "trích yếu",
        "the decision's title as printed",
        "trích yếu của quyết định",
    ),
    kw(
        "signed",
        "ký ngày",
        "the day the decision was signed",
        "ngày ký quyết định",
    ),
    kw(
        "effective",
        "hiệu lực",
        "the day the decision takes effect",
        "ngày quyết định có hiệu lực",
    ),
    kw(
        "issuer",
        "ban hành",
        "who issued the decision",
        "cơ quan, người ban hành quyết định",
    ),
    kw(
        "signer",
        "người ký",
        "who signed the decision, as printed under it",
        "người ký quyết định, như in cuối quyết định",
    ),
    kw(
        "basis",
        "căn cứ",
        "one legal basis of the decision, as printed (one statement each)",
        "một căn cứ pháp lý của quyết định, như bản in (mỗi căn cứ một câu lệnh)",
    ),
    kw(
        "companion",
        "công bố",
        "the decision that publishes the procedures' list, statutory times, fees and dossiers, which this one follows",
        "quyết định công bố danh mục thủ tục, thời hạn theo luật, phí, hồ sơ mà quyết định này căn cứ",
    ),
    kw(
        "part",
        "phần",
        "a part of an earlier decision the catalogue does not hold, as printed (`part \"Mục II Phần B\"`)",
        "một phần của quyết định trước không có trong danh mục, như bản in (`phần \"Mục II Phần B\"`)",
    ),
    kw(
        "heading",
        "đề mục",
        "a part's heading in the decision's appendix, as printed (`heading \"C\" \"TTHC thực hiện tại …\"`)",
        "đề mục của một phần trong phụ lục quyết định, như bản in (`đề mục \"C\" \"TTHC thực hiện tại …\"`)",
    ),
    kw(
        "columns",
        "cột",
        "the appendix's six column titles as printed, in order: number, step, what is done, who does it, time, approving authority",
        "sáu tiêu đề cột của phụ lục như bản in, theo thứ tự: STT, bước, nội dung, bộ phận thực hiện, thời gian, cấp phê duyệt",
    ),
    kw(
        "replaces",
        "thay thế",
        "the earlier decisions, or items of them, this decision replaces",
        "quyết định (hoặc mục của quyết định) trước mà quyết định này thay thế",
    ),
    kw(
        "repeals",
        "bãi bỏ",
        "the earlier decisions, or items of them, this decision repeals",
        "quyết định (hoặc mục của quyết định) trước mà quyết định này bãi bỏ",
    ),
    kw(
        "procedure",
        "thủ tục",
        "an administrative procedure (`procedure cap-giay-xac-nhan { … }`)",
        "một thủ tục hành chính (`thủ tục cap-giay-xac-nhan { … }`)",
    ),
    kw("name", "tên", "the procedure's name", "tên thủ tục"),
    kw(
        "code",
        "mã",
        "the national procedure code, such as `1.001193`",
        "mã thủ tục trên Cổng dịch vụ công quốc gia, như `1.001193`",
    ),
    kw(
        "field",
        "lĩnh vực",
        "the procedure's field",
        "lĩnh vực của thủ tục",
    ),
    kw(
        "alias",
        "tên khác",
        "other names people use for the procedure, found by search (`alias \"Giấy xác nhận độc thân\"`)",
        "tên gọi khác người dân dùng cho thủ tục, để tìm kiếm (`tên khác \"Giấy xác nhận độc thân\"`)",
    ),
    kw(
        "version",
        "phiên bản",
        "one version of a procedure, as one decision publishes it",
        "một phiên bản của thủ tục, theo một quyết định",
    ),
    kw(
        "source",
        "nguồn",
        "the decision and item that publish this version (`source \"1086/QĐ-UBND\" item \"A.1\"`)",
        "quyết định và mục công bố phiên bản này (`nguồn \"1086/QĐ-UBND\" mục \"A.1\"`)",
    ),
    kw(
        "item",
        "mục",
        "the item of the decision's appendix, such as \"A.1\"",
        "mục trong phụ lục của quyết định, như \"A.1\"",
    ),
    kw(
        "from",
        "từ",
        "the first day this version is in force",
        "ngày đầu tiên phiên bản có hiệu lực",
    ),
    kw(
        "until",
        "đến",
        "the last day this version is in force",
        "ngày cuối cùng phiên bản có hiệu lực",
    ),
    kw(
        "variant",
        "trường hợp",
        "a case with its own times, such as verification",
        "một trường hợp có thời gian riêng, như cần xác minh",
    ),
    kw(
        "when",
        "khi",
        "the condition or scope of a case, as the decision words it",
        "điều kiện hoặc phạm vi của một trường hợp, như quyết định ghi",
    ),
    kw(
        "total",
        "tổng",
        "the procedure's total time (`total 5 days, verification 10 days`)",
        "tổng thời gian giải quyết (`tổng 5 ngày làm việc, xac-minh 10 ngày`)",
    ),
    kw(
        "cutoff",
        "giờ chốt",
        "the time of day after which a dossier counts as received the next working day",
        "giờ trong ngày mà hồ sơ nhận sau đó được tính vào ngày làm việc tiếp theo",
    ),
    kw(
        "step",
        "bước",
        "a step, who performs it and its time (`step receive \"Tiếp nhận\" by desk 0,5 day`)",
        "một bước, người thực hiện và thời gian (`bước tiep-nhan \"Tiếp nhận\" do desk 0,5 ngày`)",
    ),
    kw(
        "by",
        "do",
        "the role that performs a step",
        "vai trò thực hiện bước",
    ),
    kw(
        "interpreted",
        "diễn giải",
        "how the file reads a passage of the decision that is not plain",
        "cách tệp hiểu một đoạn chưa rõ của quyết định",
    ),
    kw(
        "printed",
        "nguyên văn",
        "the words exactly as the decision prints them (a time cell, an approving level), shown in review tables and checked against the numbers",
        "nguyên văn như quyết định in (ô thời gian, cấp phê duyệt), hiện trong bảng rà soát và được đối chiếu với các con số",
    ),
    kw(
        "undivided",
        "không chia",
        "after a case's time on a total: the decision gives it to the whole procedure, not to the steps",
        "sau thời gian của một trường hợp ở dòng tổng: quyết định cho cả thủ tục, không chia cho các bước",
    ),
    kw(
        "applies to",
        "áp dụng cho",
        "in a decision: how far the cutoff reaches (`cutoff applies to same day` or `every count`)",
        "trong quyết định: giờ chốt áp dụng cho thời hạn nào (`giờ chốt áp dụng cho trong ngày` hoặc `mọi thời hạn`)",
    ),
    kw(
        "proposal",
        "theo đề nghị",
        "whose proposal the decision answers, as printed (Tờ trình)",
        "đề nghị (tờ trình) mà quyết định căn cứ, như bản in",
    ),
];

/// The keyword an English or Vietnamese form stands for (spaces between the words of a
/// Vietnamese form may be any run of spaces or tabs).
///
/// ```
/// use tthc::syntax::keywords::lookup;
/// assert_eq!(lookup("thủ   tục").unwrap().en, "procedure");
/// assert_eq!(lookup("step").unwrap().vi, "bước");
/// assert!(lookup("stpe").is_none());
/// ```
pub fn lookup(written: &str) -> Option<&'static Keyword> {
    let words: Vec<&str> = written.split_whitespace().collect();
    let joined = words.join(" ");
    KEYWORDS.iter().find(|k| k.en == joined || k.vi == joined)
}

/// The language a written keyword is in, when it is one.
pub fn lang_of(written: &str) -> Option<Lang> {
    let k = lookup(written)?;
    Some(if written == k.en { Lang::En } else { Lang::Vi })
}

/// The keyword set a file is written in, from the keywords that start its lines: what a
/// message names keywords in when the file does not parse (the parsed tree says it
/// otherwise, [`crate::syntax::ast::File::keywords`]). English when tied; `None` when no
/// line starts with a keyword.
///
/// ```
/// use tthc::syntax::keywords::set_of;
/// use tthc::text::Lang;
/// assert_eq!(set_of("thủ tục p {\n  tên \"x\"\n  tổg 3 ngày\n}\n"), Some(Lang::Vi));
/// assert_eq!(set_of("procedure p {\n  nme \"x\"\n}\n"), Some(Lang::En));
/// assert_eq!(set_of("thu tuc p {\n}\n"), None);
/// ```
pub fn set_of(text: &str) -> Option<Lang> {
    let (mut en, mut vi) = (0usize, 0usize);
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        let words: Vec<&str> = code.split_whitespace().take(2).collect();
        let lang = (words.len() == 2)
            .then(|| lang_of(&words.join(" ")))
            .flatten()
            .or_else(|| words.first().and_then(|w| lang_of(w)));
        match lang {
            Some(Lang::Vi) => vi += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    match (en, vi) {
        (0, 0) => None,
        _ if vi > en => Some(Lang::Vi),
        _ => Some(Lang::En),
    }
}

/// The keyword's form in a language, from its English form (which the formatter and
/// other printers name keywords by).
///
/// ```
/// use tthc::syntax::keywords::word;
/// use tthc::text::Lang;
/// assert_eq!(word("total", Lang::Vi), "tổng");
/// assert_eq!(word("total", Lang::En), "total");
/// ```
pub fn word(en: &str, lang: Lang) -> &'static str {
    KEYWORDS
        .iter()
        .find(|k| k.en == en)
        .map(|k| k.word(lang))
        .unwrap_or_else(|| panic!("`{en}` is not a keyword"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_distinct() {
        let mut all: Vec<&str> = KEYWORDS.iter().flat_map(|k| [k.en, k.vi]).collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a word stands for two keywords");
    }

    #[test]
    fn vietnamese_forms_are_nfc() {
        for k in KEYWORDS {
            assert_eq!(crate::text::normal::nfc(k.vi), k.vi, "{}", k.vi);
        }
    }
}
