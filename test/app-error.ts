import { AppError } from "@/lib/errors";

/** The AppError that `run` throws or rejects with; fails the test when it succeeds or throws anything else. */
export async function appErrorOf(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, but the call succeeded");
}
