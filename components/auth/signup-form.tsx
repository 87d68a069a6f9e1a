"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signUpAction, signUpWithInvitationAction } from "@/lib/actions/signup";

type Errors = Partial<Record<"name" | "email" | "password" | "organization" | "form", string>>;

/**
 * Sign-up, either creating an organisation or (with an invitation token) joining one.
 * The server validates and names the field at fault; on success the browser signs in (the
 * home page then opens the new organisation).
 */
export function SignUpForm({ invitation }: { invitation?: { token: string; email: string | null } }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      organization: String(form.get("organization") ?? ""),
    };
    setPending(true);
    const result = invitation
      ? await signUpWithInvitationAction({ ...values, token: invitation.token })
      : await signUpAction(values);
    if (!result.ok) {
      setPending(false);
      const field =
        result.field && ["name", "email", "password", "organization"].includes(result.field) ? result.field : "form";
      setErrors({ [field]: result.message });
      return;
    }
    const login = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (!login || login.error) {
      setPending(false);
      // Sign-up does not say whether the email was registered; its owner was emailed if it was.
      setErrors({
        form: "We could not sign you in. If this email already has an account, we have emailed it: log in with that account's password.",
      });
      return;
    }
    router.push(result.data ? `/o/${encodeURIComponent(result.data.orgSlug)}` : "/");
    router.refresh();
  }

  const field = (
    name: keyof Errors,
    label: string,
    input: React.InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`signup-${name}`}>{label}</label>
      <input
        id={`signup-${name}`}
        name={name}
        className="input"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `signup-${name}-error` : undefined}
        {...input}
      />
      {errors[name] ? (
        <span id={`signup-${name}-error`} className="field-error">
          {label}: {errors[name]}
        </span>
      ) : (
        hint && <span className="hint">{hint}</span>
      )}
    </div>
  );

  return (
    <form className="stack" onSubmit={submit} aria-label="Create an account" noValidate>
      {field("name", "Your name", { autoComplete: "name", required: true, maxLength: 100 })}
      {field("email", "Work email", {
        type: "email",
        autoComplete: "email",
        required: true,
        defaultValue: invitation?.email ?? undefined,
        readOnly: Boolean(invitation?.email),
      })}
      {field(
        "password",
        "Password",
        { type: "password", autoComplete: "new-password", required: true, minLength: 10 },
        "At least 10 characters.",
      )}
      {!invitation &&
        field(
          "organization",
          "Organisation",
          { autoComplete: "organization", required: true, maxLength: 100 },
          "Your company or team. You can invite others next.",
        )}
      {errors.form && (
        <div className="alert alert-error" role="alert">
          {errors.form}
        </div>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
        {pending ? "Creating your account…" : invitation ? "Create account and join" : "Create account"}
      </button>
    </form>
  );
}
