"""The daily report as PDF, drawn with fpdf2 from the same context as the other formats.

fpdf2's core fonts cover Latin-1 only; reports quote Cyrillic and typographic
quotes, so a Unicode TrueType font is used where the system has one (DejaVu on
Debian).  Without one, characters outside Latin-1 are replaced, never dropped
silently into an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

__all__ = ["render_pdf"]

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_ASCII = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2264": "<=",
        "\u00b1": "+/-",
    }
)


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.family = "Helvetica"
        self.unicode = False
        for d in _FONT_DIRS:
            regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.add_font("DejaVu", "", str(regular))
                self.add_font("DejaVu", "B", str(bold))
                self.family, self.unicode = "DejaVu", True
                break
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def text_of(self, value: Any) -> str:
        s = "" if value is None else str(value)
        if self.unicode:
            return s
        return s.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(2)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(self.family, "", 9)

    def para(self, text: str) -> None:
        self.set_font(self.family, "", 9)
        self.multi_cell(0, 4.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def bullet(self, text: str) -> None:
        self.set_font(self.family, "", 9)
        self.set_x(self.l_margin + 3)
        self.multi_cell(0, 4.5, self.text_of("- " + text), new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list[Any]]) -> None:
        self.set_font(self.family, "", 8)
        with self.table(text_align="LEFT", line_height=4.2, first_row_as_headings=True) as t:
            for row in [header, *rows]:
                r = t.row()
                for cell in row:
                    r.cell(self.text_of(cell))
        self.ln(2)


def render_pdf(ctx: dict[str, Any]) -> bytes:
    pdf = _Report()
    pdf.add_page()
    pdf.heading(f"Daily report, {ctx['day_label']}", 16)
    edition = (
        "Public edition: protected sources and the coordinates of confidential sites are withheld."
        if ctx["public"]
        else "Internal edition."
    )
    pdf.para(f"Based on information received as of {ctx['generated_at']}. {edition}")
    pdf.heading("Summary")
    pdf.para(ctx["summary"])
    pdf.heading("Incidents by region and zone")
    if ctx["by_area"]:
        pdf.grid(
            ["Region", "Zone", *ctx["categories"], "Total"],
            [[a["region"], a["zone"], *a["counts"], a["total"]] for a in ctx["by_area"]],
        )
    else:
        pdf.para("No incidents were recorded on this day.")
    pdf.heading(f"Compared with the previous day ({ctx['previous']})")
    pdf.grid(
        ["Type", ctx["day"], ctx["previous"], "Change"],
        [[c["label"], c["today"], c["previous"], f"{c['change']:+d}"] for c in ctx["comparison"]],
    )
    pdf.heading("Notable incidents")
    for i in ctx["notable"] or [None]:
        if i is None:
            pdf.para("None.")
            break
        text = f"{i['place']}, {i['type']}" + (f": {i['details']}" if i["details"] else "")
        text += f". Status: {i['status']} ({i['sources']}); zone: {i['zone']}."
        if i["violations"]:
            text += f" Possible violation of: {', '.join(i['violations'])}."
        pdf.bullet(text)
    pdf.heading("Findings by clause")
    if ctx["agreement"]:
        a = ctx["agreement"]
        pdf.para(
            f"Agreement: {a['name']}, version {a['version']}. A finding is a possible violation: it inherits its incident's verification status, and no party is named unless the attribution is verified."
        )
        for c in ctx["clauses"]:
            pdf.heading(f"{c['id']}: {c['title']}", 11)
            pdf.para("; ".join(f"{k['label']}: {k['n']}" for k in c["counts"]) + ".")
            for v in c["violations"]:
                pdf.bullet(f"{v['incident']} ({v['verification']}). {v['rationale']}")
            for x in c["contested"]:
                readings = "; ".join(
                    f"under {r['party_name']}'s reading ({r['start']} to {r['end']}), {r['status'].replace('_', ' ')}"
                    for r in x["readings"]
                )
                pdf.bullet(f"The parties' readings differ for {x['incident']}: {readings}.")
    else:
        pdf.para("No agreement has been evaluated.")
    pdf.heading("What could not be verified")
    for u in ctx["unverified"]:
        pdf.bullet(f"{u['place']}, {u['type']}: {u['reason']}.")
    if not ctx["unverified"]:
        pdf.para("Every incident of the day is corroborated or verified.")
    if ctx["undetermined"]:
        pdf.para(f"{ctx['undetermined']} finding(s) could not be determined from the reports.")
    pdf.heading("All incidents of the day")
    if ctx["incidents"]:
        pdf.grid(
            ["Place", "Type", "Details", "Status", "Sources"],
            [
                [i["place"], i["type"], i["details"], i["status"], i["sources"]]
                for i in ctx["incidents"]
            ],
        )
    return bytes(pdf.output())
