"""The package's metadata: the licence as an SPDX expression with its file (PEP 639)."""

import tomllib

from .conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def test_the_licence_is_an_spdx_expression_with_its_file():
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 revkg contributors\n")


def test_no_licence_classifier_beside_the_expression():
    # setuptools refuses a "License ::" classifier when `license` is an expression
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_the_build_backend_understands_licence_expressions():
    # setuptools 77 is the first to read `license = "MIT"` and `license-files`
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]
