"""Service definitions as data (SPEC §1): the five shipped services in ``resources/services/*.toml``,
overridable per office from ``<data>/services/*.toml``.

    defs = servicedefs.load_all(office)           # every definition, validated
    d = servicedefs.get(office, "pbi-baru")        # one; NotFound if unknown
"""

from app.servicedefs.loader import (
    DOCUMENT_KEYS,
    ServiceDefinitionError,
    check_all,
    get,
    load_all,
    load_file,
    parse_definition,
)
from app.servicedefs.model import Requirement, ServiceDef, Step

__all__ = ["DOCUMENT_KEYS", "Requirement", "ServiceDef", "ServiceDefinitionError", "Step", "check_all", "get",
           "load_all", "load_file", "parse_definition"]
