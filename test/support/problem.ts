import { expect } from "vitest";

interface ResponseLike {
  status: number;
  headers: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
  body: any;
}

/** Asserts an RFC 9457 problem+json response with this status and stable code. */
export function expectProblem(response: ResponseLike, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.body).toMatchObject({ type: "about:blank", status, code });
  expect(typeof response.body.title).toBe("string");
  expect(typeof response.body.detail).toBe("string");
}
