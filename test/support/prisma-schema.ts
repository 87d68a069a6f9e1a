import { readFileSync } from "node:fs";

/** The scalar columns, primary keys and indexes that schema.prisma declares, as the database should have them. */
interface DeclaredColumn {
  table: string;
  column: string;
  dataType: string;
  nullable: boolean;
}

/**
 * An index the database should have: a primary key (@id, @@id), a unique constraint (@unique,
 * @@unique) or a plain index (@@index). `name` is `map:` or Prisma's default, which is also
 * PostgreSQL's default for primary keys and unique constraints; a column sorted descending ends
 * in " DESC".
 */
interface DeclaredIndex {
  name: string;
  table: string;
  columns: string[];
  unique: boolean;
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
  indexes: DeclaredIndex[];
} {
  const source = readFileSync(file, "utf8");
  const columns: DeclaredColumn[] = [];
  const primaryKeys = new Map<string, string[]>();
  const indexes: DeclaredIndex[] = [];
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
      const unique = /@unique(?:\(map: "(\w+)"\))?/.exec(attributes);
      if (unique) indexes.push({ name: unique[1] ?? `${table}_${column}_key`, table, columns: [column], unique: true });
    }
    const compositeId = /@@id\(\[([^\]]+)\]\)/.exec(body!)?.[1];
    if (compositeId) pk = compositeId.split(",").map((name) => fieldToColumn.get(name.trim()) ?? name.trim());
    primaryKeys.set(table, pk);
    indexes.push({ name: `${table}_pkey`, table, columns: pk, unique: true });
    for (const [, kind, list = "", map] of body!.matchAll(/@@(unique|index)\(\[(.*?)\](?:, map: "(\w+)")?\)/g)) {
      const indexColumns = list.split(",").map((entry) => indexColumn(entry.trim(), fieldToColumn));
      const suffix = kind === "unique" ? "key" : "idx";
      const name = map ?? `${table}_${indexColumns.map((c) => c.replace(" DESC", "")).join("_")}_${suffix}`;
      indexes.push({ name, table, columns: indexColumns, unique: kind === "unique" });
    }
  }
  return { columns, primaryKeys, indexes };
}

/** `createdAt(sort: Desc)` -> `created_at DESC`. */
function indexColumn(entry: string, fieldToColumn: Map<string, string>): string {
  const [, field = "", sort] = /^(\w+)(?:\(sort: (Asc|Desc)\))?$/.exec(entry) ?? [];
  const column = fieldToColumn.get(field);
  if (!column) throw new Error(`schema.prisma: index column ${entry} is not a scalar field`);
  return sort === "Desc" ? `${column} DESC` : column;
}
