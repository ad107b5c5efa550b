"""Every CSV file the platform hands out, written the same way.

UTF-8 with a byte order mark, so that spreadsheets open accents correctly; and a text
cell that begins like a formula (=, +, -, @, tab, carriage return) is prefixed with an
apostrophe, so that a name typed by someone cannot run as a formula in a coordinator's
spreadsheet (CSV injection).
"""

import csv
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, headers, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(header) for header in headers])
    writer.writerows([[csv_cell(cell) for cell in row] for row in rows])
    return response
