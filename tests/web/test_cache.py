"""The dashboard's answer cache: the same answer again while the store is unchanged, a fresh one after an
ingest has written (the shared reader's generation)."""
import subprocess
import sys
import textwrap

from fastapi.testclient import TestClient

from dyads.storage import Store
from dyads.web import create_app

ADD = textwrap.dedent("""
    import sys
    from dyads.storage import Store
    from dyads.storage.access import writing
    with writing(sys.argv[1]), Store(sys.argv[1]) as store:
        store.con.execute("INSERT INTO documents (id, source_hash, source, doc, body, record, run_id, ingested_at) "
                          "VALUES ('d9', 'h9', 'late.txt', 'd9', 'Late news.', '{}', 'r', now())")
""")


def test_answers_are_kept_until_an_ingest_writes(tmp_path):
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        store.con.execute("INSERT INTO documents (id, source_hash, source, doc, body, record, run_id, ingested_at) "
                          "VALUES ('d1', 'h1', 'first.txt', 'd1', 'First news.', '{}', 'r', now())")
    app = create_app(db)
    with TestClient(app) as client:
        first = client.get("/api/articles")
        again = client.get("/api/articles")
        assert first.content == again.content and len(first.json()["articles"]) == 1
        stack = app.middleware_stack
        while type(stack).__name__ != "ResponseCache":
            stack = stack.app
        assert (stack.hits, stack.misses) == (1, 1)
        assert client.get("/api/events", params={"limit": "0"}).status_code == 400  # not kept: an error
        done = subprocess.run([sys.executable, "-c", ADD, str(db)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        fresh = client.get("/api/articles").json()["articles"]
        assert sorted(a["source"] for a in fresh) == ["first.txt", "late.txt"]
        assert stack.misses == 3  # the new generation: asked again


def test_a_kept_answer_is_given_as_it_was_every_time(tmp_path):
    """The security headers go on each answer once: giving a kept answer does not change what is kept."""
    db = tmp_path / "h.duckdb"
    with Store(db):
        pass
    with TestClient(create_app(db)) as client:
        answers = [client.get("/api/articles") for _ in range(5)]
    for answer in answers:
        assert answer.status_code == 200
        names = [name for name, _ in answer.headers.multi_items()]
        assert names.count("content-security-policy") == 1, names
        assert answer.content == answers[0].content
