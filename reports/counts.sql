-- The counts of the report, per period: in total and per group. `${by}` is the column of
-- `counted` (cases.sql) named by --by: field, procedure, authority, decision or channel
-- (a month is a period: --by month adds the months to `periods`).
-- The JSON names of the report are the column names here.
SELECT
  period,
  grouping(${by}) = 1 AS is_total,
  ${by} AS key,
  count(*) FILTER (WHERE carried_over)                                  AS received_carried_over,
  count(*) FILTER (WHERE NOT carried_over)                              AS received_new,
  count(*) FILTER (WHERE NOT carried_over AND channel = 'direct')       AS received_direct,
  count(*) FILTER (WHERE NOT carried_over AND channel = 'online')       AS received_online,
  count(*) FILTER (WHERE status = 'early')                              AS resolved_early,
  count(*) FILTER (WHERE status = 'on_time')                            AS resolved_on_time,
  count(*) FILTER (WHERE status = 'late')                               AS resolved_late,
  count(*) FILTER (WHERE status = 'not_due')                            AS open_not_due,
  count(*) FILTER (WHERE status = 'overdue')                            AS open_overdue,
  count(*) FILTER (WHERE status = 'paused')                             AS paused,
  count(*) FILTER (WHERE status = 'returned')                           AS returned,
  count(*) FILTER (WHERE status = 'cancelled')                          AS cancelled,
  count(*) FILTER (WHERE discrepancy IS NOT NULL)                       AS discrepancies,
  count(*) FILTER (WHERE discrepancy = 'restart_ignored')               AS discrepancies_restart_ignored,
  count(*) FILTER (WHERE discrepancy = 'cutoff_ignored')                AS discrepancies_cutoff_ignored,
  count(*) FILTER (WHERE discrepancy = 'working_saturday_ignored')      AS discrepancies_working_saturday_ignored,
  count(*) FILTER (WHERE discrepancy = 'days_off_counted')              AS discrepancies_days_off_counted,
  count(*) FILTER (WHERE discrepancy = 'unexplained')                   AS discrepancies_unexplained
FROM counted
GROUP BY GROUPING SETS ((period), (period, ${by}))
