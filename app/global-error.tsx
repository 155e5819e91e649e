"use client";

/** The last resort, when even the root layout failed: plain HTML, no styles or providers. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", maxWidth: "36rem" }}>
        <h1>AppHooks is unavailable</h1>
        <p>Something went wrong on our side. Your data is safe; try again in a moment.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
