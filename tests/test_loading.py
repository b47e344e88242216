"""Model plumbing shared by the translation and digest stages."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from summarizer.errors import ModelNotAvailableError, UnknownOptionError
from summarizer.loading import check_device, input_window, locate_model, resolve_device


@pytest.mark.parametrize("device", ["auto", "cpu", "cuda", "cuda:1", "mps"])
def test_valid_devices_pass(device: str) -> None:
    assert check_device(device) == device


@pytest.mark.parametrize("device", ["", "gpu", "cuda:x", "cpu:0", "CUDA", " cpu"])
def test_invalid_devices_list_the_choices(device: str) -> None:
    with pytest.raises(UnknownOptionError, match="'auto', 'cpu', 'cuda', 'cuda:N' or 'mps'"):
        resolve_device(device)


@pytest.mark.parametrize("device", ["cpu", "cuda:0", "mps"])
def test_a_named_device_is_kept(device: str) -> None:
    assert resolve_device(device) == device


def test_auto_becomes_a_concrete_device() -> None:
    assert resolve_device("auto") in {"cpu", "cuda", "mps"}


@pytest.mark.parametrize(
    ("tokenizer_max", "positions", "expected"),
    [(10**30, None, 512), (10**30, 256, 256), (128, 1024, 128), (600, 0, 512)],
)
def test_input_window_is_the_smallest_limit(
    tokenizer_max: int, positions: int | None, expected: int
) -> None:
    tokenizer = SimpleNamespace(model_max_length=tokenizer_max)
    model = SimpleNamespace(config=SimpleNamespace(max_position_embeddings=positions))
    assert input_window(tokenizer, model, 512) == expected


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[bool]:
    """A hub with nothing cached whose downloads land in ``tmp_path``; records each call."""
    import huggingface_hub

    calls: list[bool] = []

    def snapshot_download(source: str, *, local_files_only: bool = False, **_: object) -> str:
        calls.append(local_files_only)
        if local_files_only:
            raise FileNotFoundError(source)
        return str(tmp_path)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    return calls


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off"])
def test_downloads_stay_on_unless_offline_is_true(
    fake_hub: list[bool], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert locate_model("org/model") == tmp_path
    assert fake_hub == [True, False]


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_offline_means_no_download(
    fake_hub: list[bool], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    with pytest.raises(ModelNotAvailableError, match="summarizer download org/model"):
        locate_model("org/model")
    assert fake_hub == [True]
