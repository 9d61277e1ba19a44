//! The report as the Government Office's form: Biểu số 06/VPCP/KSTT, "Tình hình, kết
//! quả giải quyết thủ tục hành chính tại cơ quan, đơn vị trực tiếp giải quyết thủ tục
//! hành chính", issued with Thông tư 01/2020/TT-VPCP of 21/10/2020 (docs/report.md says
//! where its layout comes from). One row per group (field or procedure), then the total;
//! the form's thirteen columns, and after them, set apart, the cases the form has no
//! column for (paused, returned, cancelled), so that every row adds up.

use crate::report::{Counts, Report};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The form's number.
pub const FORM: &str = "Biểu số 06/VPCP/KSTT";

/// The circular that issued it.
pub const CIRCULAR: &str =
    "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ";

/// The form's title.
pub const TITLE: &str = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";

/// The values of a row, in the form's column order (3) to (16): received in total,
/// online, at the desk or by post, carried over; resolved in total, early, on time,
/// late; open in total, in time, overdue; then paused, returned, cancelled.
pub fn row(c: &Counts) -> [u64; 14] {
    let g = |n: &str| c.get(n);
    [
        g("received_new") + g("received_carried_over"),
        g("received_online"),
        g("received_direct") + g("received_postal"),
        g("received_carried_over"),
        c.resolved(),
        g("resolved_early"),
        g("resolved_on_time"),
        g("resolved_late"),
        g("open_not_due") + g("open_overdue"),
        g("open_not_due"),
        g("open_overdue"),
        g("paused"),
        g("returned"),
        g("cancelled"),
    ]
}

/// The header row at which the figures start (0-based): after the title block and the
/// three rows of headings and the row of column numbers.
pub const FIRST_DATA_ROW: u32 = 9;

/// The workbook's bytes.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Biểu 06")?;
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11);
    let bold = base.clone().set_bold();
    let centre = bold.clone().set_align(FormatAlign::Center).set_text_wrap();
    let head = centre
        .clone()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell = base.clone().set_border(FormatBorder::Thin);
    let number = cell.clone().set_num_format("#,##0");
    let total_number = number.clone().set_bold();
    let italic = base.clone().set_italic().set_align(FormatAlign::Right);

    sheet.merge_range(0, 0, 0, 3, FORM, &bold)?;
    sheet.merge_range(1, 0, 1, 5, CIRCULAR, &base.clone().set_italic())?;
    sheet.merge_range(2, 0, 2, 15, TITLE, &centre)?;
    let period = format!(
        "Kỳ báo cáo: từ ngày {} đến ngày {} (số liệu tính đến {})",
        report.period.from.format("%d/%m/%Y"),
        report.period.to.format("%d/%m/%Y"),
        report.as_of
    );
    sheet.merge_range(
        3,
        0,
        3,
        15,
        &period,
        &base.clone().set_align(FormatAlign::Center),
    )?;
    sheet.merge_range(4, 0, 4, 15, "Đơn vị tính: Số hồ sơ TTHC.", &italic)?;

    // Three rows of headings, as the form has them.
    let (r1, r2, r3) = (5, 6, 7);
    sheet.merge_range(r1, 0, r3, 0, "STT", &head)?;
    sheet.merge_range(
        r1,
        1,
        r3,
        1,
        "Lĩnh vực, công việc giải quyết theo cấp",
        &head,
    )?;
    sheet.merge_range(r1, 2, r1, 5, "Số hồ sơ nhận giải quyết", &head)?;
    sheet.merge_range(r1, 6, r1, 9, "Số hồ sơ đã giải quyết", &head)?;
    sheet.merge_range(r1, 10, r1, 12, "Số lượng hồ sơ đang giải quyết", &head)?;
    sheet.merge_range(r1, 13, r1, 15, "Ngoài biểu mẫu", &head)?;
    sheet.merge_range(r2, 2, r3, 2, "Tổng số", &head)?;
    sheet.merge_range(r2, 3, r2, 4, "Trong đó", &head)?;
    sheet.write_string_with_format(r3, 3, "Trực tuyến", &head)?;
    sheet.write_string_with_format(r3, 4, "Trực tiếp, dịch vụ bưu chính", &head)?;
    let single = [
        (5, "Từ kỳ trước"),
        (6, "Tổng số"),
        (7, "Trước hạn"),
        (8, "Đúng hạn"),
        (9, "Quá hạn"),
        (10, "Tổng số"),
        (11, "Trong hạn"),
        (12, "Quá hạn"),
        (13, "Tạm dừng"),
        (14, "Trả lại"),
        (15, "Rút, hủy"),
    ];
    for (col, text) in single {
        sheet.merge_range(r2, col, r3, col, text, &head)?;
    }
    for col in 0..16u16 {
        sheet.write_string_with_format(8, col, format!("({})", col + 1), &head)?;
    }

    let mut r = FIRST_DATA_ROW;
    for (i, g) in report.groups.iter().enumerate() {
        let name = match (&g.label, &g.key) {
            (Some(l), _) => l.clone(),
            (None, Some(k)) => k.clone(),
            (None, None) => "(không có)".to_string(),
        };
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        sheet.write_string_with_format(r, 1, &name, &cell)?;
        for (k, v) in row(&g.counts).iter().enumerate() {
            sheet.write_number_with_format(r, 2 + k as u16, *v as f64, &number)?;
        }
        r += 1;
    }
    sheet.write_string_with_format(r, 0, "", &cell)?;
    sheet.write_string_with_format(
        r,
        1,
        "Tổng cộng",
        &bold.clone().set_border(FormatBorder::Thin),
    )?;
    for (k, v) in row(&report.total).iter().enumerate() {
        sheet.write_number_with_format(r, 2 + k as u16, *v as f64, &total_number)?;
    }
    sheet.merge_range(
        r + 2,
        0,
        r + 2,
        15,
        "Số liệu tính theo thời hạn giải quyết của quy trình nội bộ đang có hiệu lực khi tiếp nhận và lịch làm việc chính thức (tthc report). Cột (14)–(16) ngoài biểu mẫu: hồ sơ tạm dừng, trả lại, rút/hủy; (3) = (7) + (11) + (14) + (15) + (16).",
        &base.clone().set_italic().set_text_wrap(),
    )?;
    sheet.set_row_height(r + 2, 30)?;
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 48)?;
    for col in 2..16u16 {
        sheet.set_column_width(col, 11)?;
    }
    sheet.set_row_height(2, 32)?;
    book.save_to_buffer()
}
