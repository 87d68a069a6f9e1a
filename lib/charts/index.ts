export * from "./axis";
export * from "./buckets";
export * from "./colors";
export * from "./stacked-spend";
export * from "./top-n";
export * from "./breakdown";
export * from "./compare";
export * from "./provenance";
