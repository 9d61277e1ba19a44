-- The counts of `tthc report` in Spark SQL: reports/cases.sql's `counted` view and
-- reports/counts.sql in one query, over the rows report.py's executors have checked.
-- Keep it in step with those two files.
--
-- Tables:
--   cases          the checked rows, once for each period counted: period (`all`, or a
--                  month `2025-03`), period_start (its first instant), period_cut (the
--                  instant after its last), case_id, procedure (the catalogue id),
--                  version, channel, state, received_at, completed_at, portal_due_at,
--                  due_at (the law's, from tthc.columns), status_at_end (tthc.columns'
--                  status at the period's end, with the completion only if it came
--                  before period_cut: early / on_time / late / not_due / overdue),
--                  paused_at_end (inside a pause at the period's end, or, for a case
--                  with no pauses in the file, in the state `paused`), reject (null: good)
--   tthc_versions  version, procedure, name, field, authority, decision
-- `${by}` is the grouping column (field, procedure, authority, decision, channel); each
-- period has its total (`is_total`) and its groups.
WITH counted AS (
  SELECT
    d.period,
    d.procedure,
    v.name AS procedure_name,
    v.field,
    v.authority,
    v.decision,
    d.channel,
    d.received_at < d.period_start AS carried_over,
    CASE
      WHEN d.state IN ('returned', 'cancelled') AND d.completed_at < d.period_cut THEN d.state
      WHEN d.paused_at_end THEN 'paused'
      ELSE d.status_at_end
    END AS status,
    d.portal_due_at IS NOT NULL AND d.due_at IS NOT NULL
      AND date_trunc('minute', d.portal_due_at) <> date_trunc('minute', d.due_at) AS discrepancy
  FROM cases d
  LEFT JOIN tthc_versions v ON v.version = d.version
  WHERE d.reject IS NULL
    AND d.received_at < d.period_cut
    AND (d.completed_at IS NULL OR d.completed_at >= d.period_start)
)
SELECT
  period,
  grouping(${by}) = 1 AS is_total,
  ${by} AS key,
  count_if(carried_over)                                  AS received_carried_over,
  count_if(NOT carried_over)                              AS received_new,
  count_if(NOT carried_over AND channel = 'direct')       AS received_direct,
  count_if(NOT carried_over AND channel = 'online')       AS received_online,
  count_if(NOT carried_over AND channel = 'postal')       AS received_postal,
  count_if(status = 'early')                              AS resolved_early,
  count_if(status = 'on_time')                            AS resolved_on_time,
  count_if(status = 'late')                               AS resolved_late,
  count_if(status = 'not_due')                            AS open_not_due,
  count_if(status = 'overdue')                            AS open_overdue,
  count_if(status = 'paused')                             AS paused,
  count_if(status = 'returned')                           AS returned,
  count_if(status = 'cancelled')                          AS cancelled,
  count_if(discrepancy)                                   AS discrepancies
FROM counted
GROUP BY GROUPING SETS ((period), (period, ${by}))
