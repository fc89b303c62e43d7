"""Schema migrations, applied in order and recorded in `schema_migrations`.

Never edit a migration that has shipped: add the next one.
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "documents, runs, failures", """
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    command VARCHAR,
    dyads_version VARCHAR NOT NULL,
    components JSON NOT NULL,
    config JSON NOT NULL,
    config_hash VARCHAR NOT NULL,
    counts JSON
);
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    source_hash VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    doc VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    subtitle VARCHAR,
    published VARCHAR,
    published_at TIMESTAMPTZ,
    published_day DATE,
    modified VARCHAR,
    modified_at TIMESTAMPTZ,
    authors VARCHAR[],
    dateline VARCHAR,
    publisher VARCHAR,
    language VARCHAR,
    body VARCHAR NOT NULL,
    captions VARCHAR[],
    warnings VARCHAR[],
    record JSON NOT NULL,
    run_id VARCHAR NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE sources (
    source_hash VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);
CREATE TABLE failures (
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
"""),
    (2, "actors, mentions, learned aliases", """
CREATE TABLE actors (
    document_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    key VARCHAR,
    code VARCHAR,
    role VARCHAR,
    name VARCHAR NOT NULL,
    names VARCHAR[],
    kind VARCHAR NOT NULL,
    person VARCHAR,
    unit VARCHAR,
    in_kb BOOLEAN NOT NULL,
    mention_count INTEGER NOT NULL,
    mentions JSON NOT NULL,
    run_id VARCHAR NOT NULL,
    PRIMARY KEY (document_id, actor_id)
);
CREATE TABLE mentions (
    document_id VARCHAR NOT NULL,
    segment VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    sentence INTEGER NOT NULL,
    rule VARCHAR NOT NULL,
    place BOOLEAN NOT NULL,
    refs JSON NOT NULL
);
CREATE TABLE learned_aliases (
    name VARCHAR PRIMARY KEY,
    key VARCHAR,
    role VARCHAR,
    documents INTEGER NOT NULL,
    first_document VARCHAR NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
"""),
    (3, "events, quotes, article tone", """
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    segment VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    goldstein DOUBLE NOT NULL,
    quad_class INTEGER NOT NULL,
    penta_class INTEGER NOT NULL,
    plover VARCHAR,
    source_key VARCHAR,
    source_role VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    target_key VARCHAR,
    target_role VARCHAR,
    target_code VARCHAR,
    target_name VARCHAR,
    date VARCHAR,
    date_precision VARCHAR,
    date_source VARCHAR,
    date_day DATE,
    place_name VARCHAR,
    place_key VARCHAR,
    mode VARCHAR NOT NULL,
    group_id VARCHAR,
    tone DOUBLE,
    pattern VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    provenance JSON NOT NULL,
    cameo_version VARCHAR NOT NULL,
    ontology_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);
CREATE TABLE quotes (
    document_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    speaker_name VARCHAR,
    speaker_key VARCHAR,
    speaker_role VARCHAR,
    kind VARCHAR NOT NULL,
    segment VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    rule VARCHAR NOT NULL
);
ALTER TABLE documents ADD COLUMN tone DOUBLE;
"""),
]

# Integer numbers of the events, their clusters and their documents, for the analyses' deduplications (a
# cluster's first report, the distinct articles of a period: 64-bit integers group and sort far faster than
# the string ids). `seq` numbers the events in the order they were written; a cluster's `cluster_seq` and a
# document's `document_seq` are the smallest `seq` among its events; `id_key` sorts like `id` (a cluster's
# first report is its earliest, then the smallest id): the id's value for the coder's ids (16 hex digits),
# else the id's rank among the others. Store.save numbers what it writes; NUMBER_EVENTS numbers what was
# written without them (the rows before migration 4, rows a script inserted in SQL), in the table's order.
NUMBER_COLUMNS = ("seq", "cluster_seq", "document_seq", "id_key")  # the store's own: exports leave them out
ID_KEYS = """
UPDATE events SET id_key = CAST('0x' || id AS UBIGINT) WHERE id_key IS NULL AND regexp_full_match(id, '[0-9a-f]{16}');
UPDATE events SET id_key = r.rank FROM (
    SELECT id, row_number() OVER (ORDER BY id) AS rank FROM events WHERE NOT regexp_full_match(id, '[0-9a-f]{16}')) r
WHERE events.id = r.id;
"""
NUMBER_EVENTS = """
UPDATE events SET seq = n.seq FROM (
    SELECT id, (SELECT coalesce(max(seq), 0) FROM events) + row_number() OVER (ORDER BY rowid) AS seq
    FROM events WHERE seq IS NULL) n
WHERE events.id = n.id;
UPDATE events SET cluster_seq = c.n FROM (SELECT cluster_id, min(seq) AS n FROM events GROUP BY cluster_id) c
WHERE events.cluster_seq IS NULL AND events.cluster_id = c.cluster_id;
UPDATE events SET document_seq = d.n FROM (SELECT document_id, min(seq) AS n FROM events GROUP BY document_id) d
WHERE events.document_seq IS NULL AND events.document_id = d.document_id;
""" + ID_KEYS

# one number per cluster id among the clusters named (a list parameter): the smallest
SAME_CLUSTER_NUMBER = """
UPDATE events SET cluster_seq = c.n FROM (
    SELECT cluster_id, min(cluster_seq) AS n FROM events WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))
    GROUP BY cluster_id) c
WHERE events.cluster_id = c.cluster_id AND events.cluster_seq <> c.n
"""

MIGRATIONS.append((4, "integer numbers of events, clusters and documents", """
ALTER TABLE events ADD COLUMN seq BIGINT;
ALTER TABLE events ADD COLUMN cluster_seq BIGINT;
ALTER TABLE events ADD COLUMN document_seq BIGINT;
ALTER TABLE events ADD COLUMN id_key UBIGINT;
""" + NUMBER_EVENTS))
