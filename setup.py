# Shim for older bench versions that still call setup.py; the real metadata is in pyproject.toml.
from setuptools import setup

setup()
