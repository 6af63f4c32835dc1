"""Fixtures for the ingest tests; the server itself lives in ingest_server.py (a unique module name, so that
test files can import its helpers even when other test folders have a conftest.py of their own)."""

from ingest_server import local_server

__all__ = ["local_server"]
