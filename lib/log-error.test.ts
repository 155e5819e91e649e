import { describe, expect, it } from "vitest";
import { describeError } from "./log-error";

describe("describeError", () => {
  it("never repeats a query's parameters", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: "23505",
    });
    const query = new Error(
      'Failed query: insert into "webhooks" ... \nparams: https://oapi.dingtalk.com/robot/send?access_token=SECRET123',
      { cause },
    );
    query.name = "DrizzleQueryError";
    const line = describeError(query);
    expect(line).not.toContain("SECRET123");
    expect(line).toContain("DrizzleQueryError");
    expect(line).toContain("[23505]");
    expect(line).toContain("duplicate key value");
  });

  it("keeps ordinary messages", () => {
    expect(describeError(new TypeError("boom"))).toBe("TypeError: boom");
  });
});
