import { DEMO_CREDENTIALS, ensureDemoAccount, isDemoInstance } from "./account";

/** On the embedded database, the first start creates the demo and every start prints its login. */
export async function prepareDemo(options: { embedded: boolean; log: (line: string) => void }): Promise<void> {
  if (!options.embedded) return;
  const { created } = await ensureDemoAccount();
  if (created) options.log("created the demo organisation");
  if (await isDemoInstance()) {
    options.log(`demo login: ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}`);
  }
}
