/** Shared reading of a Glue job: its project (from the job name) and command kind. */
import { JobContext } from "../../components/glue/jobParameters";
import { Props } from "./define";
import { stackIdentity } from "./stackIdentity";
import { ownProjectId } from "./project";
import { obj, str } from "./values";

export interface JobView {
  readonly name?: string;
  readonly projectId?: string;
  readonly command: string;
}

export function jobView(props: Props): JobView {
  const name = str(props.name);
  return { name, projectId: ownProjectId(name), command: str(obj(props.command).name) ?? "glueetl" };
}

export const NOT_PROJECT_JOB = "is not named project-{uuid}-job-<name>, so its project cannot be determined";
export const NAME_IT =
  "name the job with the naming module (ProjectNames.job) so it carries its project's UUID";

/** The job's project, env and short name, for the platform's locked values. */
export function jobContext(name: string | undefined): JobContext | undefined {
  const id = stackIdentity();
  if (!name || id.kind !== "project") return undefined;
  const projectId = id.projectId;
  const short = name.slice(`project-${projectId}-job-`.length);
  return short && name.startsWith(`project-${projectId}-job-`)
    ? { projectId, env: id.env, jobShortName: short }
    : undefined;
}
