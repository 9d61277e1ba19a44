-- The cases of the report whose portal due time differs from the law's (to the minute),
-- earliest receipt first, with the reason the engine finds (tthc_discrepancy).
-- `${limit}` is --discrepancies (how many to list).
SELECT
  d.case_id,
  d.procedure,
  d.variant,
  d.received_at,
  d.restarted_at,
  d.portal_due_at,
  d.due_at,
  tthc_discrepancy(d.procedure, d.variant, d.received_at, d.restarted_at, d.portal_due_at, d.due_at)
    AS reason
FROM periods p
JOIN cases_due d
  ON p.whole
 AND d.received_at < p.end_at
 AND (d.completed_at IS NULL OR d.completed_at >= p.start_at)
WHERE d.portal_due_at IS NOT NULL
  AND date_trunc('minute', d.portal_due_at) <> date_trunc('minute', d.due_at)
ORDER BY d.received_at, d.case_id
LIMIT ${limit}
