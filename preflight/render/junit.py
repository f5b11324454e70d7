"""JUnit XML output, for CI systems that show test results (one test case per attachment).

Each file is a `<testcase>`; every finding at or above the report's fail-on severity is a
`<failure>` (type = code), the others are listed in `<system-out>`. Filing-level findings form
one more test case named `filing`. Most JUnit readers accept several failures per case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from preflight.model import Finding, worst_first
from preflight.report import Report


def render(report: Report) -> str:
    """The report as a JUnit XML document."""
    cases: list[tuple[str, str, list[Finding]]] = [
        (f"preflight.{d.role or 'attachment'}", d.file, worst_first(d.findings))
        for d in report.documents]
    cases.append(("preflight.filing", "filing", worst_first(report.filing_findings)))
    failed = sum(1 for _, _, fs in cases if any(_fails(f, report) for f in fs))
    name = f"preflight {report.inputs.get('province') or ''}".strip()
    suites = ET.Element("testsuites", name="preflight", tests=str(len(cases)),
                        failures=str(failed), errors="0")
    suite = ET.SubElement(suites, "testsuite", name=name, tests=str(len(cases)),
                          failures=str(failed), errors="0", skipped="0")
    for classname, file, findings in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=file)
        others = []
        for f in findings:
            if _fails(f, report):
                failure = ET.SubElement(case, "failure", type=f.code, message=_line(f))
                failure.text = _details(f)
            else:
                others.append(f"[{f.severity.value}] {_line(f)}\n{_details(f)}")
        if others:
            ET.SubElement(case, "system-out").text = "\n\n".join(others)
    ET.indent(suites)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(suites, encoding="unicode") + "\n")


def _fails(f: Finding, report: Report) -> bool:
    return f.severity.rank >= report.fail_on.rank


def _line(f: Finding) -> str:
    where = f" (page {f.page})" if f.page else ""
    return f"{f.code} {f.name}{where}: {f.message_en}"


def _details(f: Finding) -> str:
    bbox = f"bbox {list(f.bbox)}; " if f.bbox else ""
    return (f"{f.message_zh}\n{f.message_en}\n{bbox}measured {f.measured}; "
            f"threshold {f.threshold}\n修复 fix: {f.fix_zh}\n{f.fix_en}")
