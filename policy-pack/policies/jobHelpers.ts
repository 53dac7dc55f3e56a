/** Shared reading of a Glue job: its project (from the job name) and command kind. */
import { Props } from "../lib/define";
import { ownProjectId } from "../lib/project";
import { obj, str } from "../lib/values";

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
