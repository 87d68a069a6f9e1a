export * from "./fetcher";
export * from "./read-queries";
