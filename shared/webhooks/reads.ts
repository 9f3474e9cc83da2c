import type { PageRequest } from "#platform/db/query-page";
import { deleteEndpoint, getEndpoint, listEndpoints } from "#webhooks/store/endpoint-store";
import { endpointView } from "./views";

/** One endpoint as managers see it (never its secret). */
export const getEndpointView = async (id: string) => endpointView(await getEndpoint(id));

/** A page of endpoints, newest first. */
export const listEndpointViews = (page: PageRequest) =>
  listEndpoints(page, (endpoint) => endpointView(endpoint));

/** Deletes an endpoint. */
export const removeEndpoint = (id: string) => deleteEndpoint(id);
