import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = (req: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(req, context);

export { handler as GET, handler as POST };
