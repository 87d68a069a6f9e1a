import type { ReactNode } from "react";

export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="auth-page">
      <div className="auth-box">
        <div className="auth-brand">
          <span className="brand-mark">IL</span>
          InferLedger
        </div>
        <div className="card card-body stack">
          <div className="stack-sm">
            <h1>{title}</h1>
            {subtitle && <p className="muted">{subtitle}</p>}
          </div>
          {children}
        </div>
        {footer && <div className="auth-foot">{footer}</div>}
      </div>
    </main>
  );
}
