/** The margins module's database side: repositories, the period loader and the read model. */
export * from "./json";
export * from "./plans-repo";
export * from "./assignments-repo";
export * from "./revenue-repo";
export * from "./scenarios-repo";
export * from "./load-period";
export * from "./reprice";
export * from "./catalog";
export * from "./report";
export * from "./csv-export";
