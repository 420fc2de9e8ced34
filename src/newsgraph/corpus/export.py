"""Export corpus tables as JSON Lines, CSV or Parquet, streaming in chunks (flat memory).

Tables: ``articles`` (JSONL: the full ``newsgraph.article/1`` records; CSV/Parquet: flat columns),
``quotes`` (with article and speaker), ``events`` (who did what to whom, with article and linked
actors), ``entities`` (corpus entities with aliases and roles) and ``stories`` (when the stories
module is installed).
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Optional, Union

from .queries import StoreLike, _conn, _has_table

TABLES = ("articles", "quotes", "events", "entities", "stories")
FORMATS = ("jsonl", "csv", "parquet")
CHUNK = 1000

# column name -> pyarrow type name ("string", "int64", "float64", "list")
_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "string"), ("title", "string"), ("dek", "string"), ("byline", "string"),
                 ("dateline", "string"), ("url", "string"), ("path", "string"), ("outlet", "string"),
                 ("published", "string"), ("language", "string"), ("summary", "string"), ("text", "string"),
                 ("n_paragraphs", "int64"), ("n_entities", "int64"), ("n_quotes", "int64"),
                 ("ingested_at", "string")],
    "quotes": [("id", "int64"), ("article_id", "string"), ("article_title", "string"), ("outlet", "string"),
               ("published", "string"), ("kind", "string"), ("speaker", "string"), ("speaker_entity_id", "int64"),
               ("speaker_entity", "string"), ("speaker_text", "string"), ("cue", "string"), ("text", "string"),
               ("paragraph", "int64"), ("start", "int64"), ("end", "int64"), ("about", "list")],
    "events": [("id", "int64"), ("article_id", "string"), ("article_title", "string"), ("outlet", "string"),
               ("published", "string"), ("source", "string"), ("source_entity_id", "int64"),
               ("source_entity", "string"), ("verb", "string"), ("target", "string"), ("target_entity_id", "int64"),
               ("target_entity", "string"), ("cameo", "string"), ("negated", "int64"), ("hedged", "int64"),
               ("start", "int64"), ("end", "int64")],
    "entities": [("id", "int64"), ("name", "string"), ("type", "string"), ("article_count", "int64"),
                 ("mention_count", "int64"), ("quotes_by", "int64"), ("aliases", "list"), ("roles", "list")],
    "stories": [("id", "int64"), ("label", "string"), ("n_articles", "int64"), ("first_published", "string"),
                ("last_published", "string"), ("article_ids", "list"), ("entities", "list")],
}

_SQL = {
    "articles": "SELECT a.id, a.title, a.dek, a.byline, a.dateline, a.url, a.path, a.outlet, a.published, "
                "a.language, a.summary, a.text, (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) "
                "AS n_paragraphs, (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, "
                "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes, a.ingested_at "
                "FROM articles a ORDER BY a.pk",
    "quotes": "SELECT q.id, q.article_id, a.title AS article_title, a.outlet, a.published, q.kind, q.speaker, "
              "q.speaker_entity_id, c.name AS speaker_entity, q.speaker_text, q.cue, q.text, q.paragraph, "
              "q.char_start AS start, q.char_end AS \"end\", (SELECT json_group_array(c2.name) FROM quote_about qa "
              "JOIN corpus_entities c2 ON c2.id = qa.entity_id WHERE qa.quote_id = q.id) AS about "
              "FROM quotes q JOIN articles a ON a.id = q.article_id "
              "LEFT JOIN corpus_entities c ON c.id = q.speaker_entity_id ORDER BY a.pk, q.idx",
    "events": "SELECT ev.id, ev.article_id, a.title AS article_title, a.outlet, a.published, ev.source, "
              "ev.source_entity_id, cs.name AS source_entity, ev.verb, ev.target, ev.target_entity_id, "
              "ct.name AS target_entity, ev.cameo, ev.negated, ev.hedged, ev.char_start AS start, "
              "ev.char_end AS \"end\" FROM events ev JOIN articles a ON a.id = ev.article_id "
              "LEFT JOIN corpus_entities cs ON cs.id = ev.source_entity_id "
              "LEFT JOIN corpus_entities ct ON ct.id = ev.target_entity_id ORDER BY a.pk, ev.idx",
    "entities": "SELECT e.id, e.name, e.type, e.article_count, e.mention_count, "
                "(SELECT count(*) FROM quotes q WHERE q.speaker_entity_id = e.id) AS quotes_by, "
                "(SELECT json_group_array(alias) FROM corpus_aliases WHERE entity_id = e.id) AS aliases, "
                "(SELECT json_group_array(role) FROM corpus_roles WHERE entity_id = e.id) AS roles "
                "FROM corpus_entities e ORDER BY e.id",
    "stories": "SELECT s.story_id AS id, s.label, s.n_articles, s.first_published, s.last_published, "
               "(SELECT json_group_array(article_id) FROM (SELECT article_id FROM story_members m "
               " WHERE m.story_id = s.story_id ORDER BY m.seq)) AS article_ids, "
               "(SELECT json_group_array(name) FROM (SELECT name FROM story_entities se "
               " WHERE se.story_id = s.story_id ORDER BY count DESC, name)) AS entities "
               "FROM stories s ORDER BY s.story_id",
}


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell value that no spreadsheet runs as a formula.

    As OWASP recommends, a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a leading single quote (the csv module then quotes it as needed); numbers and
    other values are written unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ExportError(ValueError):
    """Bad export arguments (unknown table/format, parquet to stdout, missing tables)."""


def iter_chunks(store: StoreLike, table: str, chunk: int = CHUNK) -> Iterator[list[dict]]:
    """Rows of ``table`` as lists of dicts, ``chunk`` rows at a time (list columns decoded)."""
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    conn = _conn(store)
    if table == "stories" and not _has_table(conn, "stories"):
        return
    lists = [name for name, kind in _COLUMNS[table] if kind == "list"]
    cur = conn.execute(_SQL[table])
    names = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        out = []
        for r in rows:
            d = dict(zip(names, r))
            for k in lists:
                d[k] = json.loads(d[k] or "[]")
            out.append(d)
        yield out


def _iter_article_json(store: StoreLike, chunk: int = CHUNK) -> Iterator[list[str]]:
    cur = _conn(store).execute("SELECT json FROM articles ORDER BY pk")
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        yield [r[0] for r in rows]


@contextmanager
def _text_out(out: Union[str, Path, IO[str], None]) -> Iterator[IO[str]]:
    if out is None or out == "-":
        yield sys.stdout
    elif hasattr(out, "write"):
        yield out  # type: ignore[misc]
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _arrow_schema(table: str) -> Any:
    import pyarrow as pa

    kinds: dict[str, Callable[[], Any]] = {"string": pa.string, "int64": pa.int64, "float64": pa.float64,
                                           "list": lambda: pa.list_(pa.string())}
    return pa.schema([(name, kinds[kind]()) for name, kind in _COLUMNS[table]])


def export(store: StoreLike, table: str = "articles", fmt: str = "jsonl",
           out: Union[str, Path, IO[str], None] = None, *, chunk: int = CHUNK,
           on_chunk: Optional[Callable[[int], None]] = None) -> int:
    """Write ``table`` to ``out`` (path, text stream, or None/"-" for stdout) as ``fmt``; returns the row count.

    Parquet needs a file path and is written one row group per chunk.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if table == "stories" and not _has_table(_conn(store), "stories"):
        raise ExportError("no stories in this database (the stories module is not installed)")
    n = 0
    if fmt == "parquet":
        if out is None or out == "-" or hasattr(out, "write"):
            raise ExportError("parquet export needs a file path (--out PATH)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _arrow_schema(table)
        with pq.ParquetWriter(str(out), schema, compression="zstd") as writer:
            for rows in iter_chunks(store, table, chunk):
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                if on_chunk:
                    on_chunk(len(rows))
        return n
    with _text_out(out) as fh:
        if fmt == "jsonl":
            if table == "articles":
                for docs in _iter_article_json(store, chunk):
                    fh.write("\n".join(docs) + "\n")
                    n += len(docs)
                    if on_chunk:
                        on_chunk(len(docs))
            else:
                for rows in iter_chunks(store, table, chunk):
                    fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
                    n += len(rows)
                    if on_chunk:
                        on_chunk(len(rows))
        else:
            columns = [name for name, _ in _COLUMNS[table]]
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for rows in iter_chunks(store, table, chunk):
                for r in rows:
                    writer.writerow({k: csv_cell(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
                                     for k, v in r.items()})
                n += len(rows)
                if on_chunk:
                    on_chunk(len(rows))
        fh.flush()
    return n


__all__ = ["TABLES", "FORMATS", "ExportError", "export", "iter_chunks", "csv_cell"]
