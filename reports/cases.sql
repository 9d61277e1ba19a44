-- The cases the report counts, one row per case and period, with the law's due time
-- and the case's status at the end of that period. `tthc report` runs this file first,
-- then counts.sql and discrepancies.sql. A province can change them (`--sql DIR` reads
-- its own copies): a column added to `counted` here can be named by `--by`.
--
-- Tables:
--   cases          the checked case files (docs/report.md lists the columns)
--   periods        period, start_at, end_at, whole: the period of the report
--                  (period 'all', whole = true) and, when asked for, each of its
--                  months ('2025-01', ...). end_at is the end of the period or --as-of.
--   tthc_versions  the catalogue: one row per procedure version
-- Functions: tthc_due, tthc_status, tthc_discrepancy, tthc_version, tthc_month
-- (docs/report.md).

-- Each case with the law's due time: the version in force on its receipt, its case,
-- its restart, the official calendar.
CREATE VIEW cases_due AS
SELECT
  c.*,
  tthc_due(c.procedure, c.variant, c.received_at, c.restarted_at) AS due_at,
  tthc_version(c.procedure, c.received_at) AS version
FROM cases c;

-- A case counts in a period when it was received before the period ended and was not
-- resolved before it began. Its status there:
--   returned / cancelled  when it was returned or cancelled within the period;
--   paused                when it is paused (the export says so; it has no pause times);
--   early / on_time / late when it was completed within the period (tthc_status:
--                          early = a calendar day before the due date; on time = on
--                          the due date, not after the due time);
--   not_due / overdue     when it is still open at the end of the period (or --as-of).
CREATE VIEW counted AS
SELECT
  p.period,
  p.whole,
  d.case_id,
  d.procedure,
  v.name AS procedure_name,
  v.code,
  v.field,
  v.authority,
  v.decision,
  d.channel,
  d.received_at < p.start_at AS carried_over,
  CASE
    WHEN d.state IN ('returned', 'cancelled') AND d.completed_at < p.end_at THEN d.state
    WHEN d.state = 'paused' THEN 'paused'
    ELSE tthc_status(
      d.due_at,
      CASE WHEN d.completed_at < p.end_at THEN d.completed_at END,
      p.end_at
    )
  END AS status,
  tthc_discrepancy(d.procedure, d.variant, d.received_at, d.restarted_at, d.portal_due_at, d.due_at)
    AS discrepancy
-- The small tables come first: DataFusion holds the left side of a join in memory and
-- streams the right one, so the cases stream through and memory stays flat.
FROM tthc_versions v
RIGHT JOIN (
  periods p
  JOIN cases_due d
    ON d.received_at < p.end_at
   AND (d.completed_at IS NULL OR d.completed_at >= p.start_at)
) ON v.version = d.version;
