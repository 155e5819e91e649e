/**
 * Receiver snippets (client-safe: plain strings): a small HTTP server in each language that checks a delivery's
 * Standard Webhooks signature the way docs/delivery.md#signing describes it — HMAC-SHA256 over
 * `webhook-id.webhook-timestamp.body` with the `whsec_` secret's decoded key, the timestamp within 5 minutes, a
 * constant-time compare against each `v1,` signature (two during a rotation) — then parses the raw body and
 * answers 204; anything else gets 401. test/snippets.test.ts runs them against real deliveries.
 */

export const SNIPPET_LANGUAGES = ["node", "python", "php", "go", "java"] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export type Snippet = {
  language: SnippetLanguage;
  /** The tab's name. */
  label: string;
  /** What to save it as. */
  filename: string;
  /** How to run it (PORT sets the port, 3000 by default). */
  run: string;
  code: string;
};

/** Shown instead of the secret until the user reveals it. */
export const SECRET_PLACEHOLDER = "whsec_REPLACE_WITH_YOUR_SIGNING_SECRET";

const node = (secret: string) => `// npm install standardwebhooks
import http from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook("${secret}");

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      // Verify the raw body exactly as it arrived, before parsing it.
      const body = Buffer.concat(chunks).toString("utf8");
      let payload;
      try {
        // Checks webhook-id, webhook-timestamp (5 minutes) and every v1 signature, in constant time.
        payload = webhook.verify(body, req.headers);
      } catch {
        res.writeHead(401).end("invalid signature");
        return;
      }
      console.log(payload.type, payload.event_id, payload.message);
      res.writeHead(204).end();
    });
  })
  .listen(Number(process.env.PORT ?? 3000));
`;

const python = (secret: string) => `import base64, hashlib, hmac, json, os, time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = "${secret}"
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
TOLERANCE_SECONDS = 5 * 60


def verify(headers, body: bytes) -> dict:
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    signatures = headers.get("webhook-signature", "")
    if not msg_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("missing headers or timestamp too old")
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    for part in signatures.split(" "):
        version, _, signature = part.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return json.loads(body)
    raise ValueError("no valid signature")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # the raw body
        try:
            payload = verify(self.headers, body)
        except ValueError:  # json.JSONDecodeError is a ValueError too
            self.send_response(401)
            self.end_headers()
            return
        print(payload["type"], payload["event_id"], payload["message"], flush=True)
        self.send_response(204)
        self.end_headers()


HTTPServer(("", int(os.environ.get("PORT", "3000"))), Receiver).serve_forever()
`;

const php = (secret: string) => `<?php
// php -S 0.0.0.0:3000 receiver.php
$secret = '${secret}';
$key = base64_decode(substr($secret, strlen('whsec_')));

$body = file_get_contents('php://input'); // the raw body, before any parsing
$id = $_SERVER['HTTP_WEBHOOK_ID'] ?? '';
$timestamp = $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] ?? '';
$signatures = $_SERVER['HTTP_WEBHOOK_SIGNATURE'] ?? '';

if ($id === '' || !ctype_digit($timestamp) || abs(time() - (int) $timestamp) > 300) {
    http_response_code(401);
    exit('missing headers or timestamp too old');
}
$expected = base64_encode(hash_hmac('sha256', $id . '.' . $timestamp . '.' . $body, $key, true));
$valid = false;
foreach (explode(' ', $signatures) as $part) {
    [$version, $signature] = array_pad(explode(',', $part, 2), 2, '');
    if ($version === 'v1' && hash_equals($expected, $signature)) {
        $valid = true;
    }
}
if (!$valid) {
    http_response_code(401);
    exit('invalid signature');
}

$payload = json_decode($body, true);
error_log($payload['type'] . ' ' . $payload['event_id'] . ' ' . $payload['message']);
http_response_code(204);
`;

const go = (secret: string) => `package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

const secret = "${secret}"

func verify(header http.Header, body []byte) (map[string]any, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return nil, err
	}
	id, timestamp := header.Get("webhook-id"), header.Get("webhook-timestamp")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if id == "" || err != nil || math.Abs(float64(time.Now().Unix()-seconds)) > 300 {
		return nil, errors.New("missing headers or timestamp too old")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)
	expected := []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	for _, part := range strings.Split(header.Get("webhook-signature"), " ") {
		version, signature, _ := strings.Cut(part, ",")
		if version == "v1" && hmac.Equal([]byte(signature), expected) {
			var payload map[string]any
			return payload, json.Unmarshal(body, &payload)
		}
	}
	return nil, errors.New("no valid signature")
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body) // the raw body
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		payload, err := verify(r.Header, body)
		if err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		log.Println(payload["type"], payload["event_id"], payload["message"])
		w.WriteHeader(http.StatusNoContent)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
`;

const java = (secret: string) => `import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

// java Receiver.java (Java 11+; parse the verified body with your JSON library)
public class Receiver {
  static final String SECRET = "${secret}";

  static boolean verify(String id, String timestamp, String signatures, byte[] body) throws Exception {
    if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\\\d{1,12}")) return false;
    if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) return false;
    byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
    for (String part : signatures.split(" ")) {
      String[] pieces = part.split(",", 2);
      if (pieces.length == 2 && pieces[0].equals("v1")
          && MessageDigest.isEqual(pieces[1].getBytes(StandardCharsets.UTF_8), expected)) return true;
    }
    return false;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes(); // the raw body
      var headers = exchange.getRequestHeaders();
      boolean valid;
      try {
        valid = verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
            headers.getFirst("webhook-signature"), body);
      } catch (Exception e) {
        valid = false;
      }
      if (valid) System.out.println(new String(body, StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(valid ? 204 : 401, -1);
      exchange.close();
    });
    server.start();
  }
}
`;

const SNIPPETS: Record<
  SnippetLanguage,
  Omit<Snippet, "code" | "language"> & { code: (secret: string) => string }
> = {
  node: { label: "Node.js", filename: "receiver.mjs", run: "node receiver.mjs", code: node },
  python: { label: "Python", filename: "receiver.py", run: "python3 receiver.py", code: python },
  php: { label: "PHP", filename: "receiver.php", run: "php -S 0.0.0.0:3000 receiver.php", code: php },
  go: { label: "Go", filename: "main.go", run: "go run main.go", code: go },
  java: { label: "Java", filename: "Receiver.java", run: "java Receiver.java", code: java },
};

/** Every language's receiver, with `secret` filled in (the placeholder until the user reveals the secret). */
export function receiverSnippets(secret: string | null): Snippet[] {
  return SNIPPET_LANGUAGES.map((language) => {
    const { code, ...rest } = SNIPPETS[language];
    return { language, ...rest, code: code(secret ?? SECRET_PLACEHOLDER) };
  });
}
