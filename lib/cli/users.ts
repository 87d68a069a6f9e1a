import { signUp, signUpSchema } from "@/lib/auth/accounts";
import { DomainError } from "@/lib/errors";
import { describeIssues } from "@/lib/api/errors";
import { fail, type CliCommand } from "./types";

export const usersCreate: CliCommand = {
  name: "users create",
  usage: "users create --email <email> --password <password> --name <name> --org <organisation name>",
  summary: "create a user who owns a new organisation with one project",
  options: {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
  },
  async run(values, context) {
    const parsed = signUpSchema.safeParse({
      email: values.email,
      password: values.password,
      name: values.name,
      organization: values.org,
    });
    if (!parsed.success) return fail(describeIssues(parsed.error.issues).replace(/organization/g, "org"));
    try {
      const account = await signUp(parsed.data);
      context.out(
        `Created ${parsed.data.email}, owner of organisation ${account.orgSlug} (project ${account.projectSlug}).`,
      );
      return 0;
    } catch (error) {
      const issue = error instanceof DomainError ? error.issues[0] : undefined;
      if (issue) return fail(`--${issue.path}: ${issue.message}`);
      throw error;
    }
  },
};
