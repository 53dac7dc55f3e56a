import { PolicyConfigSchema } from "@pulumi/policy";
import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

interface EmailConfig {
  /** Mail domains of the organisation; empty (the default) refuses every address (fail closed). */
  allowedEmailDomains: string[];
}

const SUBSCRIPTION = T.topicSubscription;
const BUDGET = T.budget;
const EMAIL_PROTOCOLS = new Set(["email", "email-json"]);

/**
 * Notifications carry job names, errors and spend; they go to the project's own people: an address
 * of the project's spec (owner or notificationEmails, reviewed with the spec) in one of the
 * organisation's mail domains (policy config `allowedEmailDomains`, set per env in
 * policy-pack/config/<env>.json; none configured refuses every address). SNS email subscriptions
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html) and budget subscribers
 * are judged.
 */
export const notificationEmailsAllowed = defineResourcePolicy<EmailConfig>({
  name: "notification-emails-allowed",
  description:
    "Email notifications of a project stack (SNS email/email-json subscriptions, budget subscribers) go only to the spec's owner or notificationEmails, in a domain listed in allowedEmailDomains (none listed refuses every address).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Send notifications to the spec's notificationEmails; to add an address, add it to the spec (in an allowed domain); to allow a domain, add it to allowedEmailDomains in policy-pack/config/<env>.json.",
  config: { allowedEmailDomains: [] },
  configSchema: {
    properties: {
      allowedEmailDomains: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "the organisation's mail domains (lower case); empty refuses every address",
      },
    },
  } as PolicyConfigSchema,
  types: [SUBSCRIPTION, BUDGET],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const domains = new Set(ctx.config.allowedEmailDomains.map((d) => d.toLowerCase()));
    const judge = (where: string, v: unknown) => {
      if (v === UNKNOWN || typeof v !== "string") {
        ctx.report(`${where} is not a known string`, "write the address literally, from the project spec");
        return;
      }
      const address = v.trim().toLowerCase();
      const domain = address.split("@").pop() ?? "";
      if (!id.emails.includes(address))
        ctx.report(
          `${where} "${v}" is not an address of the project's spec (owner, notificationEmails)`,
          "use an address of the spec's notificationEmails, or add it to the spec",
        );
      else if (!domains.has(domain))
        ctx.report(
          `${where} "${v}" is outside the organisation's mail domains (${[...domains].join(", ") || "none configured"})`,
          "use an address in an allowed domain, or add the domain to allowedEmailDomains in policy-pack/config/<env>.json",
        );
    };
    if (ctx.type === SUBSCRIPTION) {
      const protocol = peek(() => ctx.props.protocol);
      if (typeof protocol === "string" && EMAIL_PROTOCOLS.has(protocol))
        judge(
          "endpoint",
          peek(() => ctx.props.endpoint),
        );
      return;
    }
    const notifications = peek(() => ctx.props.notifications);
    if (!Array.isArray(notifications)) return;
    notifications.forEach((n: Record<string, unknown>, i) => {
      const emails = peek(() => n.subscriberEmailAddresses);
      if (Array.isArray(emails))
        emails.forEach((e, j) =>
          judge(
            `notifications[${i}].subscriberEmailAddresses[${j}]`,
            peek(() => e),
          ),
        );
      else if (emails !== undefined && emails !== null)
        judge(`notifications[${i}].subscriberEmailAddresses`, emails);
    });
  },
});
