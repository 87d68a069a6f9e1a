export * from "./money";
export * from "./numbers";
export * from "./percent";
export * from "./duration";
export * from "./dates";
export * from "./metrics";
