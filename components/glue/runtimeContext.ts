/**
 * The runtime context a project's jobs are told (runtime/glue_runtime/context.py reads it from the
 * locked context arguments): one pure function from the project's identity and the platform's
 * account, region and lake buckets. The project plan builds its jobs' context with it, and the
 * policy pack pins every context argument to exactly these values wherever it can be set
 * (glue-runtime-context-arguments), so the two can never disagree.
 */
import { AccountScope, arns } from "../arn";
import { LAKE_LAYERS, LakeLayer, ProjectNames, runtimeMetricsNamespace } from "../naming";
import { RuntimeContext, runtimeContextArguments } from "./jobArgs";

export interface RuntimeContextInput {
  readonly projectId: string;
  readonly env: string;
  readonly scope: AccountScope;
  /** The platform's lake bucket of each layer (PlatformNames.lakeBucket, the contract's lakeBuckets). */
  readonly lakeBucket: (layer: LakeLayer) => string;
  /** The layers the project has a catalog database for (all by default). */
  readonly databaseLayers?: readonly LakeLayer[];
  /** S3 location of the runtime archive (first on --extra-py-files). */
  readonly runtimeArchive: string;
}

export function runtimeContextOf(input: RuntimeContextInput): RuntimeContext {
  const names = new ProjectNames(input.projectId, input.env);
  const lakeUri = (layer: LakeLayer) => `s3://${input.lakeBucket(layer)}/${names.lakePrefix()}`;
  const layers = input.databaseLayers ?? LAKE_LAYERS;
  return {
    projectId: input.projectId,
    lake: { bronze: lakeUri("bronze"), silver: lakeUri("silver"), gold: lakeUri("gold") },
    databases: Object.fromEntries(layers.map((l) => [l, names.catalogDatabase(l)])),
    quarantinePath: `${lakeUri("bronze")}_quarantine/`,
    dlqUrl: `https://sqs.${input.scope.region}.amazonaws.com/${input.scope.accountId}/${names.deadLetterQueue()}`,
    topicArn: arns.snsTopic(input.scope, names.topic()),
    stateTable: names.jobStateTable(),
    keyAlias: names.keyAlias(),
    metricsNamespace: runtimeMetricsNamespace(names.prefix),
    runtimeArchive: input.runtimeArchive,
    icebergWarehouse: lakeUri("silver"),
  };
}

/** The exact value of every runtime context argument a job of the project may carry (every lake
 * layer's database included), keyed by argument name (`--KEY_ALIAS`, `--DB_SILVER`, …). */
export function expectedRuntimeContextArguments(
  input: Omit<RuntimeContextInput, "runtimeArchive" | "databaseLayers">,
): Record<string, string> {
  return runtimeContextArguments(runtimeContextOf({ ...input, runtimeArchive: "" }), input.env);
}
