"""Validation rules evaluated on Spark in one pass over the (cached) transformed data.

Every row gets the list of rules it breaks (``_violations``); one aggregation then counts rows and
violations per rule. The caller persists the flagged frame, so writing the valid rows or quarantining
the invalid ones reuses the cache: the source is read once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

VIOLATIONS = "_violations"


@dataclass(frozen=True)
class Rules:
    """Data-quality rules a job's output must satisfy before anything is written.

    required_columns: must exist and be non-null in every row.
    unique_columns: each entry is a column or a tuple of columns (a composite key) unique over the output.
    patterns: column -> regular expression (Java syntax) every non-null value must match.
    checks: name -> boolean Column expression that must be true for every row.
    max_invalid_fraction: share of rows allowed to fail; those are quarantined and the rest written.
    """

    required_columns: Sequence[str] = ()
    unique_columns: Sequence[str | tuple[str, ...]] = ()
    patterns: Mapping[str, str] = field(default_factory=dict)
    checks: Mapping[str, Column] = field(default_factory=dict)
    max_invalid_fraction: float = 0.0

    @staticmethod
    def from_dict(spec: Mapping[str, Any]) -> Rules:
        """The dictionary form: required_columns, unique_columns, string_patterns (or patterns)."""
        unique = [tuple(u) if isinstance(u, list | tuple) else str(u) for u in spec.get("unique_columns", [])]
        return Rules(
            required_columns=list(spec.get("required_columns", [])),
            unique_columns=unique,
            patterns=dict(spec.get("string_patterns", spec.get("patterns", {}))),
            max_invalid_fraction=float(spec.get("max_invalid_fraction", 0.0)),
        )

    def columns(self) -> set[str]:
        cols = set(self.required_columns) | set(self.patterns)
        for key in self.unique_columns:
            cols |= {key} if isinstance(key, str) else set(key)
        return cols


class SchemaError(ValueError):
    """The data lacks columns the rules name."""


@dataclass
class ValidationResult:
    total: int
    invalid: int
    per_rule: dict[str, int]
    flagged: DataFrame

    @property
    def valid_rows(self) -> DataFrame:
        return self.flagged.filter(F.size(F.col(VIOLATIONS)) == 0).drop(VIOLATIONS)

    @property
    def invalid_rows(self) -> DataFrame:
        return self.flagged.filter(F.size(F.col(VIOLATIONS)) > 0)

    def passed(self, rules: Rules) -> bool:
        if self.invalid == 0:
            return True
        return self.total > 0 and self.invalid / self.total <= rules.max_invalid_fraction

    def summary(self) -> dict[str, Any]:
        return {"rows": self.total, "invalid_rows": self.invalid, "violations": dict(self.per_rule)}


def _key_name(key: str | tuple[str, ...]) -> str:
    return key if isinstance(key, str) else "+".join(key)


def _flags(df: DataFrame, rules: Rules) -> tuple[DataFrame, list[tuple[str, Column]]]:
    flags: list[tuple[str, Column]] = []
    for col in rules.required_columns:
        flags.append((f"required:{col}", F.col(col).isNull()))
    for col, pattern in rules.patterns.items():
        flags.append((f"pattern:{col}", F.col(col).isNotNull() & ~F.col(col).rlike(pattern)))
    for name, check in rules.checks.items():
        flags.append((f"check:{name}", ~F.coalesce(check, F.lit(False))))
    for i, key in enumerate(rules.unique_columns):
        cols = [key] if isinstance(key, str) else list(key)
        dup = f"_dup{i}"
        df = df.withColumn(dup, F.count(F.lit(1)).over(Window.partitionBy(*cols)))
        not_null = F.lit(True)
        for c in cols:
            not_null = not_null & F.col(c).isNotNull()
        flags.append((f"unique:{_key_name(key)}", not_null & (F.col(dup) > 1)))
    return df, flags


def evaluate(df: DataFrame, rules: Rules) -> ValidationResult:
    """Flag every row with the rules it breaks and count them in one aggregation.

    The flagged frame is persisted (memory, spilling to disk); call ``release`` when done.
    Raises SchemaError before any Spark job when a named column is missing.
    """
    missing = sorted(rules.columns() - set(df.columns))
    if missing:
        raise SchemaError(
            f"columns missing from the data: {', '.join(missing)} (present: {', '.join(df.columns)})"
        )
    with_dups, flags = _flags(df, rules)
    marks = [F.when(cond, F.lit(name)) for name, cond in flags]
    violations = (
        F.filter(F.array(*marks), lambda m: m.isNotNull()) if marks else F.array().cast("array<string>")
    )
    dup_cols = [c for c in with_dups.columns if c.startswith("_dup") and c not in df.columns]
    flagged = with_dups.withColumn(VIOLATIONS, violations).drop(*dup_cols)
    flagged = flagged.persist(StorageLevel.MEMORY_AND_DISK)
    aggs = [F.count(F.lit(1)).alias("total"), F.sum((F.size(VIOLATIONS) > 0).cast("long")).alias("invalid")]
    aggs += [
        F.sum(F.array_contains(F.col(VIOLATIONS), name).cast("long")).alias(f"r{i}")
        for i, (name, _) in enumerate(flags)
    ]
    row = flagged.agg(*aggs).collect()[0]
    per_rule = {name: int(row[f"r{i}"] or 0) for i, (name, _) in enumerate(flags)}
    return ValidationResult(
        total=int(row["total"]), invalid=int(row["invalid"] or 0), per_rule=per_rule, flagged=flagged
    )


def release(result: ValidationResult | None) -> None:
    if result is not None:
        result.flagged.unpersist()
