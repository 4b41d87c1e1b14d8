"""The publish stage: the daily report and the exports.

paths = write_report(store, out_dir, day=None, formats=("md", "html", "pdf"))
export_incidents(store, out, fmt="jsonl")   # out: a text stream
export_findings(store, out, public=True)
incident_records(store, public=True) / finding_records(store, public=True)  # the one redaction path
"""

from truceline.publish.export import (
    FORMATS,
    export_findings,
    export_incidents,
    finding_records,
    incident_records,
)
from truceline.publish.report import build_report, write_report

__all__ = [
    "FORMATS",
    "build_report",
    "export_findings",
    "export_incidents",
    "finding_records",
    "incident_records",
    "write_report",
]
