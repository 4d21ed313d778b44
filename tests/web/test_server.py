"""The production server's process set-up (facilitator/server.py)."""

import gc

import pytest

from facilitator.config import from_environment
from facilitator.database import make_engine
from facilitator.server import GC_THRESHOLD, async_mode_and_worker, freeze_loaded_objects

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"  # not connected to here


@pytest.fixture
def collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_what_is_loaded_before_the_fork_is_left_out_of_collections(app, collector):
    before = gc.get_freeze_count()
    freeze_loaded_objects()
    assert gc.get_freeze_count() > before + 100_000  # the app and its libraries
    assert gc.get_threshold()[0] == GC_THRESHOLD


def test_the_async_mode_picks_its_worker_and_an_unknown_one_is_refused():
    assert async_mode_and_worker("gevent") == ("gevent", "gevent")
    assert async_mode_and_worker("threading") == ("threading", "gthread")
    with pytest.raises(ValueError, match="FACILITATOR_ASYNC_MODE"):
        async_mode_and_worker("eventlet")


def test_a_server_database_gets_a_capped_pool_from_the_environment(monkeypatch):
    monkeypatch.setenv("FACILITATOR_DATABASE_POOL", "12")
    engine = make_engine(POSTGRES, from_environment()["DATABASE_POOL"])
    assert (engine.pool.size(), engine.pool._max_overflow) == (12, 0)  # wait, never exceed
    monkeypatch.setenv("FACILITATOR_DATABASE_POOL", "0")
    with pytest.raises(ValueError, match="FACILITATOR_DATABASE_POOL is at least 1"):
        from_environment()
    monkeypatch.delenv("FACILITATOR_DATABASE_POOL")
    assert from_environment()["DATABASE_POOL"] == 30
