"""The publish stage: the daily report and the exports.

paths = write_report(store, out_dir, day=None, formats=("md", "html", "pdf"))
export_incidents(store, out, fmt="jsonl")   # out: a text stream
export_findings(store, out)
"""

from truceline.publish.export import FORMATS, export_findings, export_incidents, incident_records
from truceline.publish.report import build_report, write_report

__all__ = [
    "FORMATS",
    "build_report",
    "export_findings",
    "export_incidents",
    "incident_records",
    "write_report",
]
