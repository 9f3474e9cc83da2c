import { describe, expect, it } from "vitest";
import { described, useEmfCapture } from "../../support/emf";
import { accounts, PASSWORD, uniqueEmail } from "../accounts/calls";

const emf = useEmfCapture();

describe("the accounts' metrics", () => {
  it("count a registration and a log-in", async () => {
    const email = uniqueEmail("metrics");
    expect((await accounts.register({ email, password: PASSWORD, name: "M" })).status).toBe(201);
    expect(described(emf.take())).toEqual(["AccountsRegistered 1"]);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(201);
    expect(described(emf.take())).toEqual(["LogIns 1"]);
  });

  it("count refused log-ins by reason: wrong credentials, then the lock-out", async () => {
    const email = uniqueEmail("locked");
    expect((await accounts.register({ email, password: PASSWORD, name: "L" })).status).toBe(201);
    emf.take();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await accounts.logIn({ email, password: "wrong password!" })).status).toBe(401);
    }
    expect(described(emf.take())).toEqual(
      Array.from({ length: 10 }, () => "LogInsRefused reason=invalid_credentials 1"),
    );
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(429);
    expect(described(emf.take())).toEqual(["LogInsRefused reason=too_many_requests 1"]);
  });
});
