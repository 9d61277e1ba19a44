#!/usr/bin/env python3
"""Writes tests/data/cases.xlsx from tests/data/cases.csv with openpyxl, as a one-stop
system's Excel export would hold it: times as real date cells (Excel serial numbers, no
time zone) where they are plain `YYYY-MM-DD HH:MM`, as text otherwise (the other
accepted forms, and the impossible date of R02 which no date cell can hold); the sheet
named "Hồ sơ", a title row above the header is not there (the header is row 1).

    python3 crates/tthc-report/tests/data/make_cases_xlsx.py   (needs openpyxl)
"""
import csv
import datetime as dt
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
TIMES = {"received_at", "restarted_at", "completed_at", "portal_due_at"}

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Hồ sơ"
with open(os.path.join(HERE, "cases.csv"), encoding="utf-8") as f:
    rows = list(csv.reader(f))
header = rows[0]
sheet.append(header)
for row in rows[1:]:
    out = []
    for name, value in zip(header, row):
        if name in TIMES and value:
            try:
                value = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
            except ValueError:
                pass  # another accepted form: kept as text
        out.append(value if value != "" else None)
    sheet.append(out)
for cell in sheet["E"][1:] + sheet["F"][1:] + sheet["G"][1:] + sheet["I"][1:]:
    if isinstance(cell.value, dt.datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
book.save(os.path.join(HERE, "cases.xlsx"))
