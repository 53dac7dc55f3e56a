"""Validation rules evaluated on Spark in one pass over the (cached) transformed data.

Every row gets the list of rules it breaks (``_violations``); one aggregation then counts rows,
violations per rule and duplicate keys. The flagged frame stays persisted, so writing the valid rows
or quarantining the invalid ones reuses the cache: the source is read once.
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
    # The persisted output the counts were taken on; writes and quarantine read it, not the source.
    cached: DataFrame
    # The output with the ``_violations`` column; built (lazily, from the cache) only when rows fail.
    flagged: DataFrame | None = None

    @property
    def valid_rows(self) -> DataFrame:
        if self.flagged is None:
            return self.cached
        return self.flagged.filter(F.size(F.col(VIOLATIONS)) == 0).drop(VIOLATIONS)

    @property
    def invalid_rows(self) -> DataFrame:
        if self.flagged is None:
            return self.cached.withColumn(VIOLATIONS, F.array().cast("array<string>")).limit(0)
        return self.flagged.filter(F.size(F.col(VIOLATIONS)) > 0)

    def passed(self, rules: Rules) -> bool:
        if self.invalid == 0:
            return True
        return self.total > 0 and self.invalid / self.total <= rules.max_invalid_fraction

    def summary(self) -> dict[str, Any]:
        return {"rows": self.total, "invalid_rows": self.invalid, "violations": dict(self.per_rule)}


def _key_name(key: str | tuple[str, ...]) -> str:
    return key if isinstance(key, str) else "+".join(key)


def _key_cols(key: str | tuple[str, ...]) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def _row_flags(rules: Rules) -> list[tuple[str, Column]]:
    """Rules decidable from one row alone (no shuffle)."""
    flags: list[tuple[str, Column]] = []
    for col in rules.required_columns:
        flags.append((f"required:{col}", F.col(col).isNull()))
    for col, pattern in rules.patterns.items():
        flags.append((f"pattern:{col}", F.col(col).isNotNull() & ~F.col(col).rlike(pattern)))
    for name, check in rules.checks.items():
        flags.append((f"check:{name}", ~F.coalesce(check, F.lit(False))))
    return flags


def _violations(flags: list[tuple[str, Column]]) -> Column:
    marks = [F.when(cond, F.lit(name)) for name, cond in flags]
    return F.filter(F.array(*marks), lambda m: m.isNotNull()) if marks else F.array().cast("array<string>")


def _present(cols: list[str]) -> Column:
    present = F.lit(True)
    for c in cols:
        present = present & F.col(c).isNotNull()
    return present


def evaluate(df: DataFrame, rules: Rules) -> ValidationResult:
    """Count every rule's violations in one aggregation over the persisted output.

    The aggregation sums each row-level rule and, per unique key, non-null keys minus distinct keys
    (no per-row shuffle). Only when something fails are rows flagged with the rules they break
    (``_violations``; duplicated keys through a window over the cached rows) and counted per row.
    The output stays persisted (memory, spilling to disk) for the write; call ``release`` when done.
    Raises SchemaError before any Spark job when a named column is missing.
    """
    missing = sorted(rules.columns() - set(df.columns))
    if missing:
        raise SchemaError(
            f"columns missing from the data: {', '.join(missing)} (present: {', '.join(df.columns)})"
        )
    flags = _row_flags(rules)
    cached = df.persist(StorageLevel.MEMORY_AND_DISK)
    aggs = [F.count(F.lit(1)).alias("total")]
    aggs += [F.sum(cond.cast("long")).alias(f"r{i}") for i, (_, cond) in enumerate(flags)]
    for i, key in enumerate(rules.unique_columns):
        cols = _key_cols(key)
        distinct = F.count_distinct(*[F.col(c) for c in cols])
        aggs.append((F.sum(_present(cols).cast("long")) - distinct).alias(f"d{i}"))
    row = cached.agg(*aggs).collect()[0]
    total = int(row["total"])
    per_rule = {name: int(row[f"r{i}"] or 0) for i, (name, _) in enumerate(flags)}
    duplicated = [key for i, key in enumerate(rules.unique_columns) if int(row[f"d{i}"] or 0) > 0]
    for key in rules.unique_columns:
        per_rule[f"unique:{_key_name(key)}"] = 0
    if not duplicated and not any(per_rule.values()):
        return ValidationResult(total=total, invalid=0, per_rule=per_rule, cached=cached)

    marked = cached
    for i, key in enumerate(duplicated):
        cols = _key_cols(key)
        marked = marked.withColumn(f"_dup{i}", F.count(F.lit(1)).over(Window.partitionBy(*cols)))
        flags.append((f"unique:{_key_name(key)}", _present(cols) & (F.col(f"_dup{i}") > 1)))
    flagged = marked.withColumn(VIOLATIONS, _violations(flags)).drop(
        *[f"_dup{i}" for i in range(len(duplicated))]
    )
    counts = [F.count(F.lit(1)).alias("total"), F.sum((F.size(VIOLATIONS) > 0).cast("long")).alias("invalid")]
    counts += [
        F.sum(F.array_contains(F.col(VIOLATIONS), n).cast("long")).alias(f"r{i}")
        for i, (n, _) in enumerate(flags)
    ]
    row = flagged.agg(*counts).collect()[0]
    per_rule.update({name: int(row[f"r{i}"] or 0) for i, (name, _) in enumerate(flags)})
    return ValidationResult(
        total=total, invalid=int(row["invalid"] or 0), per_rule=per_rule, cached=cached, flagged=flagged
    )


def release(result: ValidationResult | None) -> None:
    if result is not None:
        result.cached.unpersist()
