"""Property-based API testing: schemathesis generates requests from /api/openapi.json and runs them
in process (ASGI) against a small sample corpus; no response may be a server error, and every
response must match the documented status codes, content types and schemas. Bounded (few examples
per operation) so that it stays well under a minute."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import negative_data_rejection

from newsgraph.api.app import create_app
from newsgraph.api.limits import Limits
from newsgraph.api.samples import build_sample_db

TOKEN = "schemathesis-token"

# schemathesis.pytest.from_fixture does not work with this pytest version, so the sample corpus
# is built when the module is imported (a fraction of a second) and removed after its tests.
_TMP = Path(tempfile.mkdtemp(prefix="newsgraph-schemathesis-"))
build_sample_db(_TMP / "corpus.db")
# token given: POST /api/articles is exercised too (it writes to this throwaway database)
# schemathesis calls the app as Starlette's test client does, with "Host: testserver"
APP = create_app(_TMP / "corpus.db", token=TOKEN, limits=Limits(timeout=20.0, max_body_bytes=200_000),
                 allowed_hosts=["testserver"])
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    APP.state.corpus.close()
    shutil.rmtree(_TMP, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_fails(case):
    if case.method.upper() == "POST":
        # A text/plain or text/html body is any string on the wire: the "wrong type" bodies of
        # negative testing (e.g. a JSON object sent as text/html) are valid text, rightly accepted.
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                               excluded_checks=[negative_data_rejection])
    else:
        case.call_and_validate()
