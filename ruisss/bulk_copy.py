"""Rows written with PostgreSQL's COPY: a hundred thousand in seconds, for the benchmarks."""

from itertools import chain

from django.db import connection


def copy_rows(model, rows) -> int:
    """COPY `rows` (dicts keyed by attribute name, all with the same keys) into `model`'s
    table; every other column gets its field's default, evaluated once. Returns the
    number of rows written."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    given = [f for f in fields if f.attname in first]
    defaults = [f.get_db_prep_save(f.get_default(), connection)
                for f in fields if f.attname not in first]
    columns = [f.column for f in given] + [f.column for f in fields if f.attname not in first]
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(column) for column in columns)}) FROM STDIN")
    names = [f.attname for f in given]
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in chain([first], rows):
            copy.write_row([row[name] for name in names] + defaults)
            written += 1
    return written
