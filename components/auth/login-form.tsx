"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/form-field";
import { isThrottledSignIn } from "@/lib/auth/sign-in-messages";

const NEXTAUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Email or password is wrong.",
  OAuthAccountNotLinked: "This email already has an account with another sign-in method.",
  AccessDenied: "Sign-in was refused.",
};

export function LoginForm({
  callbackUrl,
  providers,
  initialError,
  defaultEmail,
}: {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError: string | null;
  defaultEmail?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(
    isThrottledSignIn(initialError)
      ? initialError
      : initialError
        ? (NEXTAUTH_ERRORS[initialError] ?? "Sign-in failed. Try again.")
        : null,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(isThrottledSignIn(result?.error) ? result.error : NEXTAUTH_ERRORS.CredentialsSignin!);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="stack">
      {providers.length > 0 && (
        <>
          <div className="stack-sm">
            {providers.map((provider) => (
              <button
                key={provider.id}
                type="button"
                className="btn btn-block"
                onClick={() => signIn(provider.id, { callbackUrl })}
              >
                Continue with {provider.name}
              </button>
            ))}
          </div>
          <div className="divider">or</div>
        </>
      )}
      <form className="stack" onSubmit={submit} aria-label="Log in">
        <TextField
          id="email"
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={defaultEmail}
        />
        <TextField
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
          {pending ? "Logging in…" : "Log in"}
        </button>
      </form>
    </div>
  );
}
