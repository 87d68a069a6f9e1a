#!/usr/bin/env bash
# Writes packages/python/dist/inferledger-<version>.tar.gz: a source distribution (pyproject.toml,
# README.md, src/) that `pip install <URL>` builds with setuptools, as the app serves it at
# /sdk/inferledger-<version>.tar.gz until the package is on PyPI. Needs only tar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/pyproject.toml" | head -1)"
name="inferledger-$version"
mkdir -p "$here/dist"
tar -czf "$here/dist/$name.tar.gz" -C "$here" --exclude='__pycache__' --exclude='*.pyc' \
  --transform "s,^,$name/," pyproject.toml README.md src
