"""Calls a running `tthc serve` through a client generated from its own OpenAPI document
by openapi-python-client: a real client that no one here wrote. Run by .ci/run:

    openapi-python-client generate --path openapi.json --config tests/openapi_client.yaml \
        --meta none --output-path CLIENT/tthc_client
    PYTHONPATH=CLIENT python tests/openapi_client.py http://127.0.0.1:PORT

The expected values are worked by hand from the bundled catalogue and the vn calendar
(the same cases as tests/api.rs).
"""

import sys
from datetime import date, datetime, timedelta, timezone

from tthc_client import Client
from tthc_client.api.deadlines import (
    batch_deadlines,
    compute_deadline,
    compute_status,
)
from tthc_client.api.operations import get_readiness
from tthc_client.api.problems import get_problem_type
from tthc_client.api.procedures import get_procedure, list_procedures
from tthc_client.models import (
    DeadlineBatchCase,
    DeadlineBatchRequest,
    DeadlineBatchResponse,
    DeadlineRequest,
    DeadlineResponse,
    Problem,
    ProcedureDetail,
    ProcedureList,
    Readiness,
    StatusRequest,
    StatusResponse,
)

# The schema types request times as date-times (and dates as dates): the generated client
# takes datetime objects and writes them as RFC 3339.
VN = timezone(timedelta(hours=7))

XNTTHN = "cap-giay-xac-nhan-tinh-trang-hon-nhan"


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok: {what}")


def main(base_url):
    client = Client(base_url=base_url, raise_on_unexpected_status=True)

    # The list: 37 procedures; by national code, one.
    everything = list_procedures.sync(client=client)
    check(isinstance(everything, ProcedureList), "listProcedures answers a ProcedureList")
    check(len(everything.procedures) == 37, "the bundled catalogue has 37 procedures")
    by_code = list_procedures.sync(client=client, code="1.001193")
    check(
        [p.id for p in by_code.procedures] == ["dang-ky-khai-sinh"],
        "?code=1.001193 is dang-ky-khai-sinh",
    )
    # 15 district-level procedures ended on 2025-06-30.
    after = list_procedures.sync(client=client, at=date(2025, 7, 1))
    check(len(after.procedures) == 22, "?at=2025-07-01 keeps the 22 still in force")

    detail = get_procedure.sync(XNTTHN, client=client)
    check(isinstance(detail, ProcedureDetail), "getProcedure answers a ProcedureDetail")
    check(detail.versions[0].source.item == "B.16", "its source is item B.16")

    # Received Friday 24 Jan 2025 10:00: 3 working days, Tết Ất Tỵ (27 Jan - 2 Feb) skipped.
    deadline = compute_deadline.sync(
        client=client,
        body=DeadlineRequest(procedure=XNTTHN, received_at=datetime(2025, 1, 24, 10, 0, tzinfo=VN)),
    )
    check(isinstance(deadline, DeadlineResponse), "computeDeadline answers a DeadlineResponse")
    check(deadline.due_at == "2025-02-05T10:00:00+07:00", "due 2025-02-05 10:00, after Tết")

    # Looked at on 6 Feb 10:00, one working day after the due time: overdue.
    status = compute_status.sync(
        client=client,
        body=StatusRequest(
            procedure=XNTTHN,
            received_at=datetime(2025, 1, 24, 10, 0, tzinfo=VN),
            at=datetime(2025, 2, 6, 10, 0, tzinfo=VN),
        ),
    )
    check(isinstance(status, StatusResponse), "computeStatus answers a StatusResponse")
    check(status.status == "overdue", "overdue one working day after the due time")
    check(status.working_minutes == 480, "by 480 working minutes (one day)")

    # A batch echoes the client's ids, a bad case failing alone.
    batch = batch_deadlines.sync(
        client=client,
        body=DeadlineBatchRequest(
            cases=[
                DeadlineBatchCase(
                    id="HS-001", procedure=XNTTHN, received_at=datetime(2025, 1, 24, 10, 0, tzinfo=VN)
                ),
                DeadlineBatchCase(
                    id="HS-002", procedure="nope", received_at=datetime(2025, 1, 24, 10, 0, tzinfo=VN)
                ),
            ]
        ),
    )
    check(isinstance(batch, DeadlineBatchResponse), "batchDeadlines answers")
    check([r.id for r in batch.results] == ["HS-001", "HS-002"], "results carry the ids")
    check(
        batch.results[0].deadline.due_at == "2025-02-05T10:00:00+07:00"
        and batch.results[1].error.code == "unknown_procedure",
        "each result is its own case's",
    )

    # A 4xx is a Problem, whose type resolves to a page.
    unknown = compute_deadline.sync_detailed(
        client=client,
        body=DeadlineRequest(procedure="dang-ky-khai-snh", received_at=datetime(2025, 3, 4, 9, 0, tzinfo=VN)),
    )
    check(unknown.status_code == 404, "an unknown procedure is a 404")
    problem = unknown.parsed
    check(isinstance(problem, Problem), "parsed as a Problem")
    check(problem.code == "unknown_procedure", "with code unknown_procedure")
    check(problem.type_ == "/problems/unknown_procedure", "and type /problems/unknown_procedure")
    check("dang-ky-khai-sinh" in problem.detail, "whose detail suggests the right id")
    page = get_problem_type.sync_detailed("unknown_procedure", client=client)
    check(page.status_code == 200, "GET /problems/unknown_procedure answers")

    both = compute_status.sync_detailed(
        client=client,
        body=StatusRequest(
            procedure=XNTTHN,
            received_at=datetime(2025, 1, 24, 10, 0, tzinfo=VN),
            at=datetime(2025, 2, 6, 10, 0, tzinfo=VN),
            completed_at=datetime(2025, 2, 6, 10, 0, tzinfo=VN),
        ),
    )
    check(both.status_code == 422, "both `at` and `completed_at` is a 422")

    ready = get_readiness.sync(client=client)
    check(isinstance(ready, Readiness) and ready.status == "ready", "readyz: ready")
    check(ready.last_reload_refused is False, "no reload refused")
    print("the generated client called every kind of operation it needs")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: openapi_client.py BASE_URL")
    main(sys.argv[1])
