"""The command line: `truceline --db FILE COMMAND`.  One module per stage registers its commands."""

from truceline.cli import (  # noqa: F401  (importing registers the commands)
    evaluate,
    extract,
    geocode,
    ingest,
    pipeline,
    publish,
    resolve,
    serve,
    verify,
)
from truceline.cli.base import main

__all__ = ["main"]
