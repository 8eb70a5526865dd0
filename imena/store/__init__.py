"""The store: the only package that speaks SQL.

Everything else asks the store's modules for the model's objects and passes a
:class:`~imena.store.db.Store` (or the connection of its transaction), never a raw
driver connection.  SQL here is written once, portably, and runs on SQLite (a file) and
on PostgreSQL (a ``postgresql://`` URL); :mod:`imena.store.dialect` renders it:

- ``?`` placeholders (PostgreSQL gets ``%s``; a literal ``%`` is fine);
- ``INSERT ... ON CONFLICT DO NOTHING`` (not ``INSERT OR IGNORE``) and
  ``ON CONFLICT (key) DO UPDATE SET col = excluded.col`` (not ``INSERT OR REPLACE``);
  in ``INSERT ... SELECT ... ON CONFLICT``, the SELECT needs a ``WHERE`` (``WHERE true``)
  for SQLite's parser;
- ``RETURNING id`` instead of ``cursor.lastrowid``;
- reserved words quoted as identifiers: ``"end"``, ``"order"``, ``"offset"``, ``"user"``;
- lists bound as one parameter: ``store.in_list("col")`` with ``store.list_param(xs)``;
- no ``PRAGMA``, ``json_each``, ``json_extract``, ``COLLATE NOCASE``, ``GLOB``, SQL
  functions registered from Python, or SQLite-only date functions outside ``db.py`` and
  ``dialect.py``; compare case-insensitively with ``store.equal_any_case(col)`` and search text
  with ``store.dialect.ilike(col)``;
- types as declared: no text in INTEGER columns, ``ORDER BY`` over mixed types avoided;
- ``GROUP BY`` lists every selected column that is not aggregated (PostgreSQL requires it);
- every ``ORDER BY`` is total (ends in a unique key) and says ``NULLS FIRST`` or
  ``NULLS LAST`` on a column that may be NULL (SQLite sorts NULL first, PostgreSQL last);
  results are never left in "whatever order the engine walks".
"""
