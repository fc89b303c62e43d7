"""Names learned from stored articles are used from the next batch on, so one uninterrupted ingest and
an ingest resumed after a stop code the same (the crash test found that only a rerun used them)."""
from dyads import api

A = ("Japan and South Korea hold talks\n\nJapanese Foreign Minister Kenji Oyamada met South Korean officials in Seoul "
     "on Monday to discuss maritime security, the ministry said. Kenji Oyamada said the talks were useful.\n")
B = ("Tokyo criticises Beijing over drills\n\nKenji Oyamada criticized China on Tuesday over its military drills near "
     "Taiwan, calling them a threat to regional peace. Kenji Oyamada spoke to reporters in Tokyo.\n")


def _events(db):
    return sorted((e["code"], e["source"]["code"], e["target"]["code"], e["sentence"])
                  for e in api.events(db, min_confidence=0))


def test_one_run_and_a_resumed_run_code_alike(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    inputs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    options = api.Options(batch_size=1)
    api.ingest(inputs, db=tmp_path / "one.duckdb", options=options)
    api.ingest(inputs[:1], db=tmp_path / "two.duckdb", options=options)  # stopped after the first article
    api.ingest(inputs, db=tmp_path / "two.duckdb", options=options)  # resumed
    one = _events(tmp_path / "one.duckdb")
    assert one == _events(tmp_path / "two.duckdb")
    assert any(code == "111" and src == "JPNGOV" for code, src, _, _ in one)  # the learned minister, in one run
