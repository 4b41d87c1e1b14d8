"""The tables, as SQLAlchemy Core metadata.

Portable types only (no SQLite-only SQL), so that the same schema runs on
PostgreSQL.  JSON columns hold the parts whose shape varies (quantities,
disagreements, evidence); everything a query filters on is a column.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# ---- ingest ------------------------------------------------------------------------------

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column(
        "kind", String(20), nullable=False, default="news"
    ),  # news, official, monitor, sensor, dataset
    Column("reliability", String(1), nullable=False, default="F"),  # Admiralty A..F
    Column("protected", Boolean, nullable=False, default=False),  # never shown to the public
    Column("created_at", String(32), nullable=False),
)

# One row per input file or URL: the same bytes twice are recognised before parsing.
inputs = Table(
    "inputs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text),
    Column("media_type", String(60)),
    Column("documents", Integer, default=0),
    Column("rejected", Integer, default=0),
    Column("ingested_at", String(32), nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("raw", LargeBinary, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the original bytes
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("input_sha256", String(64)),
    Column("media_type", String(60)),
    Column("external_id", String(200), index=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(32), index=True),
    Column("retrieved", String(32)),
    Column("language", String(8)),
    Column("credibility", Integer, default=6),  # Admiralty 1..6
    Column("text", Text, nullable=False),
    Column("fields", JSON),  # coded fields of a structured report
    Column("processed", Boolean, nullable=False, default=False),
    Column("ingested_at", String(32), nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text),
    Column("line", Integer),
    Column("field", String(80)),
    Column("error", Text, nullable=False),
    Column("raw", Text),
    Column("at", String(32), nullable=False),
)

# ---- extract + geocode -------------------------------------------------------------------

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("event_type", String(60)),
    Column("sub_event_type", String(60), index=True),
    Column("event_date", String(10), index=True),
    Column("time_precision", Integer),
    Column("time_of_day", String(20)),
    Column("location", Text),
    Column("geonameid", Integer),
    Column("feature_code", String(10)),
    Column("admin1", String(100)),
    Column("country_code", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("radius_km", Float),
    Column("site_id", String(80)),
    Column("site_class", String(40)),
    Column("fatalities", Integer),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("actor1_stated", Text),
    Column("actor2_stated", Text),
    Column("claimed_by", Text),
    Column("quantities", JSON),
    Column("target", Text),
    Column("target_class", String(40)),
    Column("weapon", String(40)),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("evidence", Text),
    Column("confidence", Float),
    Column("created_at", String(32), nullable=False),
)

# ---- resolve + verify --------------------------------------------------------------------

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_type", String(60)),
    Column("sub_event_type", String(60), index=True),
    Column("event_date", String(10), index=True),
    Column("time_precision", Integer),
    Column("location", Text),
    Column("admin1", String(100), index=True),
    Column("country_code", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("radius_km", Float),
    Column("h3", String(16), index=True),
    Column("fatalities", Integer),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("quantities", JSON),
    Column("target_class", String(40)),
    Column("weapon", String(40)),
    Column("site_id", String(80)),
    Column("status", String(20), nullable=False, default="reported", index=True),
    Column("status_reason", Text),
    Column("disagreements", JSON),
    Column("independent_sources", Integer, default=1),
    # Added by resolve/verify: min..max of numeric fields where members differ, and
    # the Admiralty grade of the incident (best source reliability + credibility).
    Column("ranges", JSON),
    Column("grade", String(2)),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_incidents_lat_lon", "latitude", "longitude"),
)

incident_claims = Table(
    "incident_claims",
    metadata,
    Column("claim_id", String(64), ForeignKey("claims.id"), primary_key=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False, index=True),
)

# Analysts' merge and split decisions, which later runs of the resolver respect.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # together, apart
    Column("claim_ids", JSON, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("reason", Text),
    Column("at", String(32), nullable=False),
)

detections = Table(
    "detections",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("sensor", String(40), nullable=False),  # e.g. VIIRS N20
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("detected_at", String(32), nullable=False, index=True),
    Column("confidence", String(20)),
    Column("frp", Float),
    Column("fields", JSON),
    Column("input_sha256", String(64)),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # sensor, analyst, ...
    Column("ref", String(64)),
    Column("detail", JSON),
    Column("at", String(32), nullable=False),
    UniqueConstraint("incident_id", "kind", "ref"),
)

# ---- evaluate ----------------------------------------------------------------------------

agreements = Table(
    "agreements",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the file
    Column("name", Text, nullable=False),
    Column("version", String(40)),
    Column("body", JSON, nullable=False),
    Column("path", Text),
    Column("loaded_at", String(32), nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("agreement_id", String(64), ForeignKey("agreements.id"), nullable=False),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False, index=True),
    Column("clause_id", String(80), nullable=False),
    Column(
        "status", String(30), nullable=False
    ),  # possible_violation, not_applicable, undetermined
    Column("verification_status", String(20)),
    Column("rationale", Text, nullable=False),
    Column("evidence", JSON),
    # Each party's reading where they differ: [{"party", "window", "status", "reason"}]
    Column("readings", JSON),
    # A party ID only when the incident's attribution is verified; else null.
    Column("responsible", String(40)),
    Column("evaluated_at", String(32), nullable=False),
    UniqueConstraint("agreement_id", "incident_id", "clause_id"),
)

# ---- audit + access ----------------------------------------------------------------------

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(40)),
    Column("entity_id", String(64)),
    Column("reason", Text),
    Column("payload", JSON),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # public, monitor, analyst, admin
    Column("created_at", String(32), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column(
        "token_hash", String(64), nullable=False, unique=True
    ),  # SHA-256; the token itself is never stored
    Column("label", String(100)),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)
