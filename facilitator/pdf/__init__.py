"""The session report: a PDF of the shared picture, for the table and for the files.

    from facilitator.report import ReportData, build_report
    pdf = build_report(data, audience="summary")  # in a Flask app context

Built with reportlab; the charts are matplotlib's, as vectors (charts.py); made PDF/A-3b
with the figures embedded by pikepdf (archival.py).
"""

from .build import build_report
from .data import AUDIENCES, ReportData

__all__ = ["AUDIENCES", "ReportData", "build_report"]
