/** One endpoint of the reference, rendered from its route's contract: who may call it, what it takes and answers. */
import type { z } from "zod";
import type { AuthRule } from "@/lib/api/route";
import { EXAMPLES, exampleKey } from "./examples";
import { endpointAnchor, type Endpoint } from "./routes";
import { schemaFields } from "./schema-fields";
import styles from "./api-docs.module.css";

const SCOPE_WORDS = { ingest: "ingest", read: "read", admin: "admin" } as const;

function authText(auth: AuthRule): React.ReactNode {
  const key = auth.key ? (
    <>
      an API key with the <code>{SCOPE_WORDS[auth.key]}</code> scope
    </>
  ) : null;
  const session = auth.session ? (
    <>
      a signed-in member whose role may <code>{auth.session}</code> (with <code>?project=</code>)
    </>
  ) : null;
  return key && session ? (
    <>
      {key}, or {session}
    </>
  ) : (
    (key ?? session)
  );
}

function FieldTable({ title, schema, io }: { title: string; schema: z.ZodType; io: "input" | "output" }) {
  const rows = schemaFields(schema, io);
  return (
    <>
      <h4>{title}</h4>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>field</th>
            <th>type</th>
            <th>required</th>
            <th>description</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td>
                <code>{row.name}</code>
              </td>
              <td>{row.type}</td>
              <td>{row.required ? "yes" : "no"}</td>
              <td>{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function EndpointSection({ endpoint }: { endpoint: Endpoint }) {
  const { method, path, contract } = endpoint;
  const example = EXAMPLES[exampleKey(method, path)];
  const status = contract.status ?? 200;
  return (
    <section className={styles.endpoint} id={endpointAnchor(endpoint)}>
      <h3>
        <code>
          {method} {path}
        </code>
      </h3>
      {contract.summary && <p>{contract.summary}</p>}
      <p>Takes {authText(contract.auth)}.</p>
      {contract.params && <FieldTable title="Path parameters" schema={contract.params} io="input" />}
      {contract.query && <FieldTable title="Query parameters" schema={contract.query} io="input" />}
      {contract.body && <FieldTable title="Body (JSON)" schema={contract.body} io="input" />}
      {example?.request !== undefined && (
        <p>
          Example:{" "}
          <code>
            {method === "GET"
              ? `${method} ${path}?${new URLSearchParams(example.request as Record<string, string>)}`
              : JSON.stringify(example.request)}
          </code>
        </p>
      )}
      {status === 204 ? (
        <p>Answers 204 with no body.</p>
      ) : contract.response ? (
        <FieldTable title={`Answer (${status})`} schema={contract.response} io="output" />
      ) : (
        <p>Answers {status} with JSON (its schema is not declared yet).</p>
      )}
      {example?.response !== undefined && (
        <p>
          Example answer: <code>{JSON.stringify(example.response)}</code>
        </p>
      )}
    </section>
  );
}
