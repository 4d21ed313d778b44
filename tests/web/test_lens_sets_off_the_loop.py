"""Lens-set TOML is read in a worker process, never on the server's loop (issue 16, item 1),
and each text once: not a timing test. The loader is made to fail in this process, so a
set read here could not be saved; the worker processes are fresh interpreters (spawn)."""

import lenses
import lenses.loader
from facilitator import workers
from tests.web.test_lens_sets import OWN, upload


def _refuse_here(*args, **kwargs):
    raise AssertionError("a lens set was read on the server's loop")


def test_an_upload_and_the_pages_read_toml_off_the_loop_and_once(client, auth, monkeypatch):
    lenses.builtin_lens_sets()  # the shipped files are read once per process, at start
    monkeypatch.setattr(lenses.loader, "read_lens_set", _refuse_here)
    monkeypatch.setattr(lenses.loader, "parse_lens_set", _refuse_here)
    jobs = []
    submit = workers.submit

    def counted(size, function, *args):
        jobs.append(function)
        return submit(size, function, *args)

    monkeypatch.setattr(workers, "submit", counted)
    auth.login()
    source = OWN.replace('key = "regio-west"', 'key = "regio-off-loop"', 1)
    assert upload(client, source).status_code == 302
    assert jobs == [lenses.loader.read_lens_sets]
    for page in ("/lens-sets/", "/sessions/", "/lens-sets/"):
        assert "regio-off-loop" in client.get(page).get_data(as_text=True)
    assert len(jobs) == 1  # the pages took the parsed set from the cache
