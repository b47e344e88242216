"""Shared fixtures: repository paths and the tiny models (toy_models.py, toy_causal.py).

The models are built once and cached in the pytest cache folder (``.pytest_cache``), keyed by
``toy_models.BUILDER_VERSION``, so a second local run does not retrain; delete the cache
(``pytest --cache-clear``) to rebuild them.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import toy_models  # noqa: E402


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return TESTS.parent


@pytest.fixture(scope="session")
def shared_dir(repo_root: Path) -> Path:
    """The shared development data folder, ``<repo>/../shared``; skips when it is missing."""
    shared = repo_root.parent / "shared"
    if not (shared / "data").is_dir():
        pytest.skip(f"shared data folder {shared} is missing: check it out next to the repository")
    return shared


def _model_dir(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    builder: Callable[..., Path],
    **kwargs: object,
) -> Path:
    """Build ``name`` with ``builder`` into the cache (or a temp folder without one)."""
    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("toy-models") if cache is not None else tmp_path_factory.mktemp("toy-models")
    target = root / f"{name}-v{toy_models.BUILDER_VERSION}"
    for stale in root.glob(f"{name}-v*"):  # folders of older builder versions
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    return toy_models.build_atomically(builder, target, **kwargs)


@pytest.fixture(scope="session")
def toy_marian_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The trained toy Indonesian-to-English Marian model (about a minute to build, then cached)."""
    return _model_dir(request, tmp_path_factory, "toy-marian", toy_models.build_toy_marian)


@pytest.fixture(scope="session")
def random_marian_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_dir: Path
) -> Path:
    """A tiny random-weight Marian model with a sentencepiece tokenizer trained on shared text."""
    return _model_dir(
        request, tmp_path_factory, "random-marian-tiny", toy_models.build_random_marian, size="tiny"
    )


@pytest.fixture(scope="session")
def tiny_summarizer_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_dir: Path
) -> Path:
    """A tiny random-weight BART summarizer with a 128-token limit."""
    return _model_dir(
        request, tmp_path_factory, "tiny-summarizer", toy_models.build_tiny_summarizer
    )


@pytest.fixture(scope="session")
def gemma_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Gemma 3 with a TranslateGemma chat template (tests/toy_causal.py)."""
    import toy_causal

    name = f"tiny-translategemma-c{toy_causal.CAUSAL_BUILDER_VERSION}"
    return _model_dir(request, tmp_path_factory, name, toy_causal.build_tiny_translategemma)


@pytest.fixture(scope="session")
def instruct_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Qwen 3 with its ChatML chat template (tests/toy_causal.py)."""
    import toy_causal

    name = f"tiny-instruct-c{toy_causal.CAUSAL_BUILDER_VERSION}"
    return _model_dir(request, tmp_path_factory, name, toy_causal.build_tiny_instruct)


@pytest.fixture
def fake_translator() -> Iterator[Any]:
    """A real Translator around the fake backend of tests/fakes.py, loaded fresh per test."""
    from summarizer.translate import Translator
    from summarizer.translate import backend as registry

    saved = dict(registry.BACKENDS)
    registry.BACKENDS["fake"] = "fakes:load"
    translator = Translator("fake/model", backend="fake", device="cpu", batch_size=8)
    yield translator
    registry._loaded.pop(translator.request, None)
    registry.BACKENDS.clear()
    registry.BACKENDS.update(saved)


@pytest.fixture(scope="session", autouse=True)
def _conversion_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep CTranslate2 conversions of test models out of the user's ~/.cache."""
    import os

    saved = os.environ.get("SUMMARIZER_CACHE")
    os.environ["SUMMARIZER_CACHE"] = str(tmp_path_factory.mktemp("summarizer-cache"))
    yield
    if saved is None:
        os.environ.pop("SUMMARIZER_CACHE", None)
    else:
        os.environ["SUMMARIZER_CACHE"] = saved
