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
