import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";

export default function NotFound() {
  return (
    <AuthCard title="Not found" subtitle="This page does not exist, or you do not have access to it.">
      <Link href="/" className="btn btn-block">
        Back to InferLedger
      </Link>
    </AuthCard>
  );
}
