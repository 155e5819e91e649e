import { describe, expect, test, vi } from "vitest";
import { inEnglish } from "@/lib/errors";
import { checkTarget, isPublicAddress } from "./address-policy";

describe("isPublicAddress", () => {
  test.each([
    "127.0.0.1",
    "127.255.255.254",
    "::1",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.10",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.5",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "::7f00:1",
    "::a00:5",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "ff02::1",
    "255.255.255.255",
    "not-an-ip",
    "",
  ])("refuses %j", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  test.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1", "2001:4860:4860::8888"])(
    "allows %s",
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
    },
  );
});

describe("checkTarget with private targets refused", () => {
  const noDns = async (host: string): Promise<string[]> => {
    throw new Error(`unexpected DNS look-up of ${host}`);
  };

  test.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://127.0.0.1:8080/hook", "127.0.0.1"],
    ["http://[::1]/", "::1"],
    ["http://10.0.0.5/", "10.0.0.5"],
    ["http://172.16.4.2/", "172.16.4.2"],
    ["http://192.168.0.1/", "192.168.0.1"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://100.64.0.1/", "100.64.0.1"],
    ["http://[fd00::1]/", "fd00::1"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://0.0.0.0/", "0.0.0.0"],
    // URL parsing normalises these to the forms below; they must still be refused.
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::127.0.0.1]/", "::7f00:1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
  ])("refuses %s without a DNS look-up", async (url, shown) => {
    const result = await checkTarget(url, { allowPrivate: false, resolve: noDns });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(inEnglish(result.text)).toContain(`private or local address (${shown})`);
  });

  test("refuses a host name that resolves to a loopback address", async () => {
    const resolve = vi.fn(async () => ["127.0.0.1"]);
    const result = await checkTarget("https://rebind.example.test/hook", { allowPrivate: false, resolve });
    expect(resolve).toHaveBeenCalledWith("rebind.example.test");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(inEnglish(result.text)).toBe(
        "This URL points at a private or local address (127.0.0.1), which webhooks may not target.",
      );
    }
  });

  test("refuses a host name when any of its addresses is private", async () => {
    const result = await checkTarget("https://mixed.example.test/", {
      allowPrivate: false,
      resolve: async () => ["93.184.215.14", "10.1.2.3"],
    });
    expect(result).toMatchObject({ ok: false });
  });

  test("accepts a host name that resolves only to public addresses", async () => {
    const result = await checkTarget("https://receiver.example.test/hook", {
      allowPrivate: false,
      resolve: async () => ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    });
    expect(result).toEqual({ ok: true });
  });

  test("accepts a public IP literal", async () => {
    expect(await checkTarget("https://8.8.8.8/hook", { allowPrivate: false, resolve: noDns })).toEqual({
      ok: true,
    });
  });

  test("a host that cannot be resolved gets a clear error", async () => {
    const result = await checkTarget("https://nowhere.example.test/", {
      allowPrivate: false,
      resolve: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(inEnglish(result.text)).toBe("The host nowhere.example.test could not be found. Check the URL.");
    }
  });
});

describe("checkTarget with private targets allowed", () => {
  test("accepts loopback without resolving anything", async () => {
    const resolve = vi.fn(async () => ["127.0.0.1"]);
    expect(await checkTarget("http://127.0.0.1:4000/hook", { allowPrivate: true, resolve })).toEqual({
      ok: true,
    });
    expect(await checkTarget("http://localhost:4000/hook", { allowPrivate: true, resolve })).toEqual({
      ok: true,
    });
    expect(resolve).not.toHaveBeenCalled();
  });
});
