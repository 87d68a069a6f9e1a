/** The margins API's snake_case wire contracts: route mappers and the schemas clients parse with. */
export * from "./casing";
export * from "./report";
export * from "./plans";
export * from "./scenarios";
export * from "./revenue";
export * from "./options";
export * from "./customer-margins";
