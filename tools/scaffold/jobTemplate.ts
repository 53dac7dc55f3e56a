/**
 * The files a new job starts from: a runtime job (bronze CSV table → validated silver Iceberg table,
 * upserted by key), its sample data and its end-to-end test on local Spark. Pure text builders; the
 * job's data team edits them from there (docs/job-runtime.md).
 */

export interface JobTemplateInput {
  /** Spec job name (`orders-to-silver`). */
  readonly job: string;
  /** Python module and file name (`orders_to_silver`). */
  readonly module: string;
  /** The bronze source table (CSV folder data/bronze/<source>/). */
  readonly source: string;
  /** The silver Iceberg table it writes. */
  readonly target: string;
}

/** `orders-to-silver` → `OrdersToSilver`. */
export function className(job: string): string {
  return job
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

export function jobScript(t: JobTemplateInput): string {
  return `"""${t.job}: the bronze table ${t.source} (crawled CSV, read with job bookmarks on Glue) cleaned
into the silver Iceberg table ${t.target}, upserted by id so a rerun adds nothing.

Run it locally:  npm run job -- projects/<slug> ${t.job} --fresh
Test it:         npm run test:python
"""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime import BaseJob, Rules, main
from glue_runtime.transforms import add_processing_metadata


class ${className(t.job)}(BaseJob):
    # Every parameter the script reads, passed by the job's \`parameters:\` in project.yaml (and only
    # those): \`npm run check\` compares the two.
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")
    # Checked on the whole output before anything is written; failing rows are quarantined.
    rules = Rules(
        required_columns=["id", "name", "updated_at"],
        unique_columns=["id"],
        patterns={"id": r"^[a-z0-9-]+$"},
    )

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", self.param("INPUT_TABLE"), transformation_ctx="${t.module}")

    def transform(self, df: DataFrame) -> DataFrame:
        cleaned = df.select(
            F.lower(F.trim("id")).alias("id"),
            F.trim("name").alias("name"),
            F.to_timestamp("updated_at").alias("updated_at"),
        )
        return add_processing_metadata(cleaned, self.ctx.job_name, self.ctx.run_id)

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.merge(df, "silver", self.param("OUTPUT_TABLE"), keys=["id"])]


if __name__ == "__main__":
    main(${className(t.job)})
`;
}

export function sampleCsv(): string {
  return `id,name,updated_at
a-001, First ,2026-11-01T08:00:00Z
a-002,Second,2026-11-01T09:00:00Z
a-003,Third,2026-11-02T10:00:00Z
`;
}

export function jobTest(t: JobTemplateInput): string {
  return `"""${t.job} end to end on local Spark + Iceberg, side effects against moto's server."""

from collections.abc import Callable
from pathlib import Path

import pytest

from glue_runtime import ValidationFailed
from glue_runtime_pytest import ProjectRun

Project = Callable[[str], ProjectRun]
# This project's folder (the fixture copies its data/ into a fresh lake per test).
PROJECT = str(Path(__file__).resolve().parents[1])


def test_${t.module}_writes_silver_and_reruns_without_duplicates(local_project: Project) -> None:
    p = local_project(PROJECT)
    first = p.run("${t.job}")
    assert first.status == "SUCCEEDED" and first.rows_written == 3
    rows = {r["id"]: r for r in p.table("silver", "${t.target}").collect()}
    assert rows["a-001"]["name"] == "First"  # trimmed
    assert p.run("${t.job}").status == "SUCCEEDED"
    assert p.table("silver", "${t.target}").count() == 3  # the rerun upserted
    assert [n["status"] for n in p.aws.notifications()] == ["SUCCEEDED", "SUCCEEDED"]
    assert p.aws.dead_letters() == []


BAD_ROWS = """id,name,updated_at
b-1,Same id,2026-11-01T08:00:00Z
b-1,Twice,2026-11-01T09:00:00Z
"""


def test_${t.module}_bad_data_writes_nothing(local_project: Project) -> None:
    p = local_project(PROJECT)
    p.replace_source("bronze", "${t.source}", BAD_ROWS)
    with pytest.raises(ValidationFailed):
        p.run("${t.job}", run_id="jr_bad")
    assert p.snapshots("silver", "${t.target}") == 0  # no commit at all
    [dead] = p.aws.dead_letters()
    assert dead["status"] == "FAILED" and dead["rowsQuarantined"] == 2
    [audit] = p.aws.audit("${t.job}")
    assert audit["status"] == "FAILED"
`;
}

/** The spec entries the job needs: the job and the silver table it writes. */
export function specEntries(t: JobTemplateInput): {
  job: Record<string, unknown>;
  table: Record<string, unknown>;
} {
  return {
    job: {
      name: t.job,
      kind: "sparkEtl",
      description: `${t.source} (bronze) cleaned into the silver table ${t.target}`,
      script: `scripts/${t.module}.py`,
      glueVersion: "5.1",
      workerType: "G.1X",
      workers: 2,
      bookmarks: true,
      iceberg: true,
      parameters: { INPUT_TABLE: t.source, OUTPUT_TABLE: t.target },
    },
    table: {
      name: t.target,
      layer: "silver",
      description: `written by ${t.job}`,
      columns: [
        { name: "id", type: "string" },
        { name: "name", type: "string" },
        { name: "updated_at", type: "timestamptz" },
        { name: "_job_name", type: "string" },
        { name: "_job_run_id", type: "string" },
        { name: "_processed_at", type: "timestamptz" },
      ],
    },
  };
}
