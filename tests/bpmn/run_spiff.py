#!/usr/bin/env python3
"""Parse and run every .bpmn file in a folder with SpiffWorkflow.

Usage: run_spiff.py DIR

For each file: parse it with SpiffWorkflow's Camunda parser (validating against the
BPMN 2.0 schema), start the process with every step's due-date variable set (as a
caller of the exported process would), complete each ready user task in turn until
the workflow is completed, and check that every user task of the file ran once, in
document order. Exits 1 on any failure, 2 when the folder has no .bpmn files.
"""

import datetime
import pathlib
import sys

from lxml import etree
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.camunda.parser import CamundaParser
from SpiffWorkflow.util.task import TaskState

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"


def user_tasks(path):
    """Ids and due-date variables of the file's user tasks, in document order."""
    tree = etree.parse(str(path))
    out = []
    for t in tree.iter(f"{{{BPMN}}}userTask"):
        due = t.get(f"{{{CAMUNDA}}}dueDate", "")
        if not (due.startswith("${due_") and due.endswith("}")):
            raise AssertionError(f"{t.get('id')}: dueDate {due!r} is not ${{due_<step>}}")
        out.append((t.get("id"), due[2:-1]))
    return out


def run(path):
    parser = CamundaParser(validator=BpmnValidator())
    parser.add_bpmn_file(str(path))
    ids = parser.get_process_ids()
    if len(ids) != 1:
        raise AssertionError(f"expected one process, found {ids}")
    spec = parser.get_spec(ids[0])
    expected = user_tasks(path)
    workflow = BpmnWorkflow(spec)
    # A caller computes each step's due time with the deadline engine and passes it in.
    start = datetime.datetime(2024, 4, 9, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    workflow.set_data(**{var: start.isoformat() for _, var in expected})
    workflow.do_engine_steps()
    done = []
    for _ in range(len(expected) + 1):
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if not ready:
            break
        if len(ready) != 1:
            raise AssertionError(f"{len(ready)} tasks ready at once: {[t.task_spec.name for t in ready]}")
        task = ready[0]
        task.data["completed_by"] = task.task_spec.lane or "unknown"
        task.run()
        done.append(task.task_spec.name)
        workflow.do_engine_steps()
    if not workflow.is_completed():
        raise AssertionError(f"not completed after {done}")
    if done != [t for t, _ in expected]:
        raise AssertionError(f"ran {done}, expected {[t for t, _ in expected]}")
    return done


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.bpmn"))
    if not files:
        print(f"no .bpmn files in {sys.argv[1]}", file=sys.stderr)
        return 2
    failures = 0
    for f in files:
        try:
            done = run(f)
            print(f"ok   {f.name}: {len(done)} user tasks completed")
        except Exception as e:  # report every file, then fail
            failures += 1
            print(f"FAIL {f.name}: {type(e).__name__}: {e}")
    print(f"{len(files) - failures}/{len(files)} processes ran to completion")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
