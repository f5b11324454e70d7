"""Property-based fuzzing of the loaders and the filing parser.

CI runs a short profile; `HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py` runs
thousands of examples per property (see docs/robustness.md).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from preflight.context import DocumentContext
from preflight.errors import ConfigError
from preflight.filing import Filing
from preflight.loading import load_into
from preflight.loading.problems import PROBLEMS
from preflight.settings import Settings
from preflight.typed import from_mapping

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _seed_images() -> list[bytes]:
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)
    out = []
    for fmt in ("JPEG", "PNG", "WEBP", "TIFF", "GIF", "BMP"):
        buf = io.BytesIO()
        Image.fromarray(arr).save(buf, fmt)
        out.append(buf.getvalue())
    return out


SEEDS = _seed_images()


def _load_bytes(tmp: Path, data: bytes) -> DocumentContext:
    path = tmp / "f.bin"
    path.write_bytes(data)
    doc = DocumentContext(path=path, display_name="f.bin",
                          settings=Settings().with_limits(max_pixels=4_000_000), filing=Filing())
    return load_into(doc)


def _assert_well_formed(doc: DocumentContext) -> None:
    assert all(p.kind in PROBLEMS for p in doc.problems)
    if doc.loaded:
        assert doc.pages
        for page in doc.pages:
            assert page.image.dtype == np.uint8 and page.image.ndim == 3
            assert page.full_size[0] >= 1 and page.full_size[1] >= 1


@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash_the_loader(tmp_path: Path, data: bytes) -> None:
    _assert_well_formed(_load_bytes(tmp_path, data))


@given(seed=st.sampled_from(SEEDS), flips=st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=12),
    cut=st.one_of(st.none(), st.integers(1, 10_000)))
def test_mutated_images_never_crash_the_loader(tmp_path: Path, seed: bytes,
                                               flips: list[tuple[int, int]],
                                               cut: int | None) -> None:
    data = bytearray(seed)
    for pos, value in flips:
        data[pos % len(data)] = value
    _assert_well_formed(_load_bytes(tmp_path, bytes(data[:cut] if cut else data)))


_toml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=12), st.dates()),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["file", "role", "person", "valid_until", "x"]), children, max_size=3),
    max_leaves=8)


@given(st.dictionaries(
    st.sampled_from(["province", "submission_date", "subject_type", "attachments", "zzz"]),
    _toml_values, max_size=4))
def test_filing_parser_raises_only_config_errors(data: dict) -> None:
    try:
        filing = from_mapping(Filing, data)
    except ConfigError:
        return
    assert isinstance(filing, Filing)
