import { readFileSync } from "node:fs";

/** The scalar columns and primary keys that schema.prisma declares, as the database should have them. */
export interface DeclaredColumn {
  table: string;
  column: string;
  dataType: string;
  nullable: boolean;
}

const SCALARS: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  DateTime: "timestamp with time zone",
  Decimal: "numeric",
  Json: "jsonb",
  Float: "double precision",
};
const NATIVE: Record<string, string> = {
  Uuid: "uuid",
  Date: "date",
  Timestamptz: "timestamp with time zone",
  Decimal: "numeric",
};

export function readPrismaSchema(file = "prisma/schema.prisma"): {
  columns: DeclaredColumn[];
  primaryKeys: Map<string, string[]>;
} {
  const source = readFileSync(file, "utf8");
  const columns: DeclaredColumn[] = [];
  const primaryKeys = new Map<string, string[]>();
  for (const [, model, body] of source.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
    const table = /@@map\("(\w+)"\)/.exec(body!)?.[1] ?? model!;
    const fieldToColumn = new Map<string, string>();
    let pk: string[] = [];
    for (const line of body!.split("\n").map((text) => text.trim())) {
      const field = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, name = "", type = "", modifier, attributes = ""] = field;
      if (!(type in SCALARS)) continue; // relation field
      const column = /@map\("(\w+)"\)/.exec(attributes)?.[1] ?? name;
      const native = /@db\.(\w+)/.exec(attributes)?.[1];
      const base = (native && NATIVE[native]) ?? SCALARS[type]!;
      fieldToColumn.set(name, column);
      columns.push({ table, column, dataType: modifier === "[]" ? `${base}[]` : base, nullable: modifier === "?" });
      if (/@id\b/.test(attributes)) pk = [column];
    }
    const compositeId = /@@id\(\[([^\]]+)\]\)/.exec(body!)?.[1];
    if (compositeId) pk = compositeId.split(",").map((name) => fieldToColumn.get(name.trim()) ?? name.trim());
    primaryKeys.set(table, pk);
  }
  return { columns, primaryKeys };
}
