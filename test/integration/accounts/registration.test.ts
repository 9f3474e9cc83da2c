import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { accountKeys } from "#accounts/store/keys";
import { db, requestCounter, tableName } from "#platform/db/client";
import { accounts, PASSWORD, uniqueEmail } from "./calls";

const get = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

describe("registration", () => {
  it("stores the account without its hash, and the argon2id hash only on the email's claim", async () => {
    const email = uniqueEmail("Stored").replace("example", "EXAMPLE");
    requestCounter.reset();
    const response = await accounts.register({ email, password: PASSWORD, name: "  Stored  " });
    expect(response.status).toBe(201);
    expect(requestCounter.byCommand).toEqual({ TransactWriteItemsCommand: 1 });
    expect(response.body.email).toBe(email.toLowerCase());
    expect(response.body.name).toBe("Stored");
    const account = await get(accountKeys.account(response.body.id));
    expect(JSON.stringify(account)).not.toMatch(/argon|hash|password/);
    const credentials = await get(accountKeys.credentials(email.toLowerCase()));
    expect(credentials?.account_id).toBe(response.body.id);
    expect(credentials?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(credentials?.password_hash).not.toContain(PASSWORD);
  });

  it("stores sms_notifications: true unless the registration turns it off", async () => {
    const quiet = await accounts.register({
      email: uniqueEmail("quiet"),
      password: PASSWORD,
      name: "Quiet",
      sms_notifications: false,
    });
    expect(quiet.status).toBe(201);
    expect(quiet.body.sms_notifications).toBe(false);
    expect((await get(accountKeys.account(quiet.body.id)))?.sms_notifications).toBe(false);
    const loud = await accounts.register({
      email: uniqueEmail("loud"),
      password: PASSWORD,
      name: "Loud",
    });
    expect(loud.body.sms_notifications).toBe(true);
  });

  it("salts every hash: one password, two accounts, two hashes", async () => {
    const [a, b] = [uniqueEmail("salt"), uniqueEmail("salt")];
    await accounts.register({ email: a, password: PASSWORD, name: "a" });
    await accounts.register({ email: b, password: PASSWORD, name: "b" });
    const hashA = (await get(accountKeys.credentials(a)))?.password_hash;
    const hashB = (await get(accountKeys.credentials(b)))?.password_hash;
    expect(hashA).not.toBe(hashB);
  });

  it("refuses an email already held, whatever its case: 409 email_taken", async () => {
    const email = uniqueEmail("taken");
    expect((await accounts.register({ email, password: PASSWORD, name: "one" })).status).toBe(201);
    const again = await accounts.register({
      email: email.toUpperCase(),
      password: PASSWORD,
      name: "two",
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "email_taken", status: 409 });
  });

  it("gives exactly one of ten concurrent registrations of one email a 201", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        accounts.register({ email, password: `${PASSWORD} ${i}`, name: `racer ${i}` }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = results.find((result) => result.status === 201);
    const credentials = await get(accountKeys.credentials(email));
    expect(credentials?.account_id).toBe(winner?.body.id);
    // The losers left no account behind: only the winner's password logs in.
    const winnerIndex = results.indexOf(winner as (typeof results)[number]);
    const logIn = await accounts.logIn({ email, password: `${PASSWORD} ${winnerIndex}` });
    expect(logIn.status).toBe(201);
  });
});
