/**
 * Path parameter schemas. A parameter that cannot name a row is a 404 naming it
 * (`id: not an id (a UUID)`), decided before any query, never a database cast error.
 */
import { z } from "zod";
import { isUuid } from "@/lib/db/ids";

const uuidParam = z.string().refine(isUuid, "not an id (a UUID)").describe("The row's id (a UUID).");

/** `/{id}` routes: the row's UUID. */
export const idParams = z.object({ id: uuidParam });
