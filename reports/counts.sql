-- The counts of `tthc report`: the one place a report column is declared. Each column
-- below is a column of the JSON, CSV, text, HTML and spreadsheet outputs, in this order,
-- with the headings in its comment (`-- English | Tiếng Việt`); a province may change
-- this file (`--sql DIR` reads DIR/counts.sql) and the outputs carry its columns.
--
-- It reads the table `counted`: one row per kind of case, with `cases` the number of
-- cases of that kind. Each case is classified by the deadline engine in each period
-- (docs/report.md, "What is counted"); its columns:
--   period         'all' (the report's period) or a month ('2025-03', with --by month)
--   whole          true for 'all'
--   procedure, procedure_name, code, field, authority, authority_name, decision
--                  the procedure version in force on receipt
--   channel        direct, online, postal
--   carried_over   received before the period
--   status         early, on_time, late, not_due, overdue, paused, returned, cancelled
--   discrepancy    null, or why the portal's due time differs from the law's
--                  (restart_ignored, cutoff_ignored, cutoff_beyond_reach,
--                  working_saturday_ignored, days_off_counted, unexplained)
--   cases          how many cases
--   and, with --by COLUMN naming a column of the case files (unit, officer...), that column.
-- `${by}` is the grouping column. Columns named `discrepancies_<reason>` are gathered
-- under `discrepancies_by_reason` in the JSON.
SELECT
  period,
  grouping(${by}) = 1 AS is_total,
  ${by} AS key,
  sum(cases) FILTER (WHERE carried_over)                                AS received_carried_over, -- carried over | kỳ trước chuyển qua
  sum(cases) FILTER (WHERE NOT carried_over)                            AS received_new, -- received | mới tiếp nhận
  sum(cases) FILTER (WHERE NOT carried_over AND channel = 'direct')     AS received_direct, -- at the desk | trực tiếp
  sum(cases) FILTER (WHERE NOT carried_over AND channel = 'online')     AS received_online, -- online | trực tuyến
  sum(cases) FILTER (WHERE NOT carried_over AND channel = 'postal')     AS received_postal, -- by post | qua bưu chính
  sum(cases) FILTER (WHERE status = 'early')                            AS resolved_early, -- early | trước hạn
  sum(cases) FILTER (WHERE status = 'on_time')                          AS resolved_on_time, -- on time | đúng hạn
  sum(cases) FILTER (WHERE status = 'late')                             AS resolved_late, -- late | trễ hạn
  sum(cases) FILTER (WHERE status = 'not_due')                          AS open_not_due, -- open, not due | đang giải quyết trong hạn
  sum(cases) FILTER (WHERE status = 'overdue')                          AS open_overdue, -- open, overdue | đang giải quyết quá hạn
  sum(cases) FILTER (WHERE status = 'paused')                           AS paused, -- paused | tạm dừng
  sum(cases) FILTER (WHERE status = 'returned')                         AS returned, -- returned | trả lại
  sum(cases) FILTER (WHERE status = 'cancelled')                        AS cancelled, -- cancelled | rút/hủy
  sum(cases) FILTER (WHERE discrepancy IS NOT NULL)                     AS discrepancies, -- portal differs | cổng tính khác
  sum(cases) FILTER (WHERE discrepancy = 'restart_ignored')             AS discrepancies_restart_ignored,
  sum(cases) FILTER (WHERE discrepancy = 'cutoff_ignored')              AS discrepancies_cutoff_ignored,
  sum(cases) FILTER (WHERE discrepancy = 'cutoff_beyond_reach')         AS discrepancies_cutoff_beyond_reach,
  sum(cases) FILTER (WHERE discrepancy = 'working_saturday_ignored')    AS discrepancies_working_saturday_ignored,
  sum(cases) FILTER (WHERE discrepancy = 'days_off_counted')            AS discrepancies_days_off_counted,
  sum(cases) FILTER (WHERE discrepancy = 'unexplained')                 AS discrepancies_unexplained
FROM counted
GROUP BY GROUPING SETS ((period), (period, ${by}))
