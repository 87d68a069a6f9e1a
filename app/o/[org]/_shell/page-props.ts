/** What Next.js hands a page under /o/[org]: the route's segments and the query string. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export interface OrgPageProps {
  params: Promise<{ org: string }>;
  searchParams: SearchParams;
}

export interface ProjectPageProps {
  params: Promise<{ org: string; project: string }>;
  searchParams: SearchParams;
}
