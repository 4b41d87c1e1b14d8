"""The daily report as PDF, drawn with fpdf2 from the same context as the other formats.

fpdf2's core fonts cover Latin-1 only; reports quote Cyrillic and typographic
quotes, so a Unicode TrueType font is used where the system has one (DejaVu,
Debian's fonts-dejavu-core).  Without one, characters outside Latin-1 are
transliterated or replaced: the PDF is still written, never an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

__all__ = ["FONT_DIRS", "render_pdf"]

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
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
        "\u2265": ">=",
        "\u00b1": "+/-",
        "\u2022": "-",
        "\u2212": "-",
    }
)
# Russian and Ukrainian Cyrillic, for the fallback: a reader still gets a legible name.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "'",
            "y",
            "'",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "g",
        ],
        strict=True,
    )
)
_CYRILLIC.update({k.upper(): v.capitalize() for k, v in list(_CYRILLIC.items())})
_ASCII.update({ord(k): v for k, v in _CYRILLIC.items()})
_INK, _GREY, _RED = (27, 27, 27), (90, 90, 90), (138, 28, 28)


def find_font(dirs: tuple[Path, ...] = FONT_DIRS) -> tuple[Path, Path] | None:
    """DejaVu Sans regular and bold, if the system has them."""
    for d in dirs:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


class _Report(FPDF):
    def __init__(self, title: str, font: tuple[Path, Path] | None) -> None:
        super().__init__(format="A4")
        self.title_text = title
        self.family = "Helvetica"
        self.unicode = False
        if font is not None:
            self.add_font("DejaVu", "", str(font[0]))
            self.add_font("DejaVu", "B", str(font[1]))
            self.family, self.unicode = "DejaVu", True
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.set_text_color(*_INK)

    def text_of(self, value: Any) -> str:
        s = "" if value is None else str(value)
        if self.unicode:
            return s
        return s.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family, "", 7.5)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.text_of(self.title_text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 7.5)
        self.set_text_color(*_GREY)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*_INK)

    def heading(self, text: str, size: float = 13) -> None:
        if self.will_page_break(size * 0.5 + 14):
            self.add_page()  # no heading alone at the foot of a page
        self.ln(3 if size >= 12 else 1.5)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        if size >= 12:
            y = self.get_y() + 0.5
            self.set_draw_color(180, 180, 180)
            self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(1.5)
        self.set_font(self.family, "", 9)

    def para(self, text: str, *, grey: bool = False) -> None:
        self.set_font(self.family, "", 9)
        if grey:
            self.set_text_color(*_GREY)
        self.multi_cell(0, 4.5, self.text_of(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)
        self.ln(1)

    def bullet(self, text: str, *, lead: str = "", indent: float = 3) -> None:
        """A bulleted paragraph with a hanging indent; ``lead`` is set in bold."""
        self.set_font(self.family, "", 9)
        x = self.l_margin + indent
        self.set_x(x)
        self.cell(4, 4.5, "\u2022" if self.unicode else "-")
        margin = self.l_margin
        self.set_left_margin(x + 4)  # wrapped lines align under the text, not the bullet
        try:
            if lead:
                self.set_font(self.family, "B", 9)
                self.write(4.5, self.text_of(lead + " "))
                self.set_font(self.family, "", 9)
            self.write(4.5, self.text_of(text))
        finally:
            self.set_left_margin(margin)
        self.ln(5.1)

    def labelled(self, label: str, text: str, *, indent: float = 7) -> None:
        """One line of a finding: its label in a column, the text beside it."""
        x, width, lh = self.l_margin + indent, 34, 4.2
        rest = self.w - self.r_margin - x - width
        self.set_font(self.family, "", 8.5)
        need = self.multi_cell(rest, lh, self.text_of(text), dry_run=True, output="HEIGHT")
        if self.will_page_break(min(need, 3 * lh)):
            self.add_page()
        y, page = self.get_y(), self.page_no()
        self.set_font(self.family, "B", 8.5)
        self.set_xy(x, y)
        self.multi_cell(
            width - 2, lh, self.text_of(label), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        label_end = self.get_y()
        self.set_font(self.family, "", 8.5)
        self.set_xy(x + width, y)
        self.multi_cell(rest, lh, self.text_of(text), align="L", new_x="LMARGIN", new_y="NEXT")
        if self.page_no() == page:  # the label may run longer than the text
            self.set_y(max(self.get_y(), label_end))

    def grid(
        self,
        header: list[str],
        rows: list[list[Any]],
        widths: tuple[float, ...] | None = None,
        numeric_from: int | None = None,
    ) -> None:
        self.set_font(self.family, "", 7.5)
        align = tuple(
            "RIGHT" if numeric_from is not None and i >= numeric_from else "LEFT"
            for i in range(len(header))
        )
        with self.table(
            col_widths=widths,
            text_align=align,
            line_height=4.2,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
            repeat_headings=1,
        ) as t:
            for row in [header, *rows]:
                r = t.row()
                for cell in row:
                    r.cell(self.text_of(cell))
        self.ln(2)


def render_pdf(
    ctx: dict[str, Any],
    *,
    font: tuple[Path, Path] | None | bool = True,
    compress: bool = True,
) -> bytes:
    """The report as PDF bytes.

    ``font=True`` finds DejaVu; ``None`` forces the Latin-1 fallback (as on a
    system without it).  ``compress=False`` leaves the page text searchable in the bytes.
    """
    chosen = find_font() if font is True else (font or None)
    pdf = _Report(f"Truceline daily report, {ctx['day_label']}", chosen)  # type: ignore[arg-type]
    pdf.set_compression(compress)
    pdf.set_title(f"Daily report, {ctx['day_label']}")
    pdf.set_creator("Truceline")
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 18)
    pdf.cell(0, 10, pdf.text_of(f"Daily report, {ctx['day_label']}"), new_x="LMARGIN", new_y="NEXT")
    edition = (
        "Public edition: protected sources are not named or quoted, their locations are "
        "coarsened, and the locations of confidential sites are withheld."
        if ctx["public"]
        else "Internal edition: not for publication."
    )
    pdf.para(f"Based on information received as of {ctx['generated_at']}. {edition}", grey=True)
    pdf.heading("Summary")
    pdf.para(ctx["summary"])

    pdf.heading("Incidents by region and zone")
    if ctx["by_area"]:
        pdf.grid(
            ["Region", "Zone", *ctx["categories"], "Total"],
            [[a["region"], a["zone"], *a["counts"], a["total"]] for a in ctx["by_area"]],
            # wide enough for a column's longest word: "Interceptions" must not break
            widths=(
                24,
                26,
                *(max(16, 1.9 * max(map(len, c.split()))) for c in ctx["categories"]),
                12,
            ),
            numeric_from=2,
        )
    else:
        pdf.para("No incidents were recorded on this day.")

    pdf.heading(f"Compared with the previous day ({ctx['previous_label']})")
    pdf.grid(
        ["Type", ctx["day"], ctx["previous"], "Change"],
        [[c["label"], c["today"], c["previous"], f"{c['change']:+d}"] for c in ctx["comparison"]],
        widths=(60, 25, 25, 20),
        numeric_from=1,
    )
    if ctx.get("comparison_note"):
        pdf.para(ctx["comparison_note"], grey=True)

    pdf.heading("Notable incidents")
    if not ctx["notable"]:
        pdf.para("None.")
    for i in ctx["notable"]:
        text = f"{i['type']}" + (f": {i['details']}" if i["details"] else "")
        text += f". Status: {i['status']} ({i['sources']}); zone: {i['zone']}."
        if i["violations"]:
            text += f" Possible violation of: {', '.join(i['violations'])}."
        if i.get("notes"):
            text += f" \u201c{i['notes']}\u201d"
        pdf.bullet(text, lead=i["place"] + ",")

    pdf.heading("Findings by clause")
    if ctx["agreement"]:
        a = ctx["agreement"]
        pdf.para(
            f"Agreement: {a['name']}, version {a['version']}. A finding is a possible violation: "
            "it inherits its incident's verification status, and no party is named unless the "
            "attribution is verified."
        )
        for c in ctx["clauses"]:
            pdf.heading(f"{c['id']}: {c['title']}", 10.5)
            pdf.para("; ".join(f"{k['label']}: {k['n']}" for k in c["counts"]) + ".", grey=True)
            for v in c["violations"]:
                if pdf.will_page_break(20):
                    pdf.add_page()
                pdf.set_text_color(*_RED)
                pdf.bullet(f"({v['verification']})", lead=v["incident"])
                pdf.set_text_color(*_INK)
                for p in v["parts"]:
                    pdf.labelled(p["label"], p["text"])
                pdf.ln(1.5)
            if c["undetermined"]:
                pdf.para("Cannot be determined:")
                for u in c["undetermined"]:
                    pdf.bullet(f"({u['verification']}): {u['missing']}.", lead=u["incident"])
            if c["contested"]:
                pdf.para("Where the parties' readings give a different outcome:")
                for x in c["contested"]:
                    readings = "; ".join(
                        f"{r['status_label']} under {r['party_name']}'s reading "
                        f"({r['start']} to {r['end'] or 'open-ended'})"
                        for r in x["readings"]
                    )
                    pdf.bullet(
                        f"{x['text_status']} under the agreement's text; {readings}.",
                        lead=x["incident"] + ":",
                    )
    else:
        pdf.para("No agreement has been evaluated.")

    pdf.heading("What could not be verified")
    for u in ctx["unverified"]:
        pdf.bullet(f"{u['type']}: {u['reason']}.", lead=u["place"] + ",")
    if not ctx["unverified"]:
        pdf.para("Every incident of the day is corroborated or verified.")
    if ctx["undetermined"]:
        n = ctx["undetermined"]
        pdf.para(
            f"{n} finding{'s' if n != 1 else ''} could not be determined from the reports "
            "(listed under each clause above)."
        )

    pdf.heading("All incidents of the day")
    if ctx["incidents"]:
        pdf.grid(
            ["Place", "Type", "Details", "Status", "Sources"],
            [
                [i["place"], i["type"], i["details"], i["status"], i["sources"]]
                for i in ctx["incidents"]
            ],
            widths=(38, 34, 52, 22, 28),
        )
    return bytes(pdf.output())
