// The game server's API (/api/v1): JSON in and out, errors in the project's shape.
import { checksummed } from "./format";
import { hasText, t } from "./i18n";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const API = "/api/v1";

// The session's CSRF token (sign-in and GET /auth/session give it): every POST made with the
// session cookie carries it in X-CSRF-Token, or the server refuses it (403).
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A 429's answer in words, from its Retry-After (seconds). */
export function tooManyRequests(retryAfter: string | null): string {
  const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 60));
  return seconds >= 120
    ? t("api.waitMinutes", { count: Math.ceil(seconds / 60) })
    : t("api.waitSeconds", { count: seconds });
}

/** An API error in the player's language: the catalogue's `apiError.<code>`, filled in from
 *  the error's details, when it has one; else the server's own sentence (in English). */
export function apiErrorText(
  code: string,
  message: string,
  details: Record<string, unknown>,
): string {
  const key = `apiError.${code}`;
  if (!hasText(key)) return message;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details))
    if (typeof value === "string") values[name] = checksummed(value);
    else if (typeof value === "number") values[name] = value;
  return t(key, values);
}

const CSRF_REFUSALS = new Set(["csrf_token_missing", "csrf_token_invalid"]);

/** The error in an answer's body (`{"error": {code, message, details}}`), whatever the body is. */
interface ErrorBody {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

function errorIn(body: unknown): ErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return {};
  const error: unknown = body.error;
  if (typeof error !== "object" || error === null) return {};
  const { code, message, details } = error as Record<string, unknown>;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
    ...(typeof details === "object" && details !== null
      ? { details: details as Record<string, unknown> }
      : {}),
  };
}

export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown; csrfRetried?: boolean } = {},
): Promise<T> {
  const { json, csrfRetried, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("Content-Type", "application/json");
  headers.set("Accept", "application/json");
  if (csrfToken && !SAFE_METHODS.has((rest.method ?? "GET").toUpperCase()))
    headers.set("X-CSRF-Token", csrfToken);
  let response: Response;
  try {
    response = await fetch(API + path, {
      credentials: "same-origin",
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : (rest.body ?? null),
    });
  } catch {
    throw new ApiError(0, "network", t("api.unreachable"));
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  const error = errorIn(body);
  if (response.status === 429) {
    throw new ApiError(
      429,
      "rate_limited",
      tooManyRequests(response.headers.get("Retry-After")),
      error.details ?? {},
    );
  }
  if (response.status === 403 && CSRF_REFUSALS.has(error.code ?? "") && !csrfRetried) {
    // Another tab signed in again (a new session, a new token): read this session's token, once.
    const session = await api<{ csrf_token: string | null }>("/auth/session");
    setCsrfToken(session.csrf_token);
    return api<T>(path, { ...init, csrfRetried: true });
  }
  if (!response.ok) {
    const code = error.code ?? "http_error";
    const details = error.details ?? {};
    const message = error.message ?? t("api.status", { status: response.status });
    throw new ApiError(response.status, code, apiErrorText(code, message, details), details);
  }
  // The server's answers follow its OpenAPI document (docs/api.md); T is the caller's reading of it.
  return body as T;
}

/** A query string from a record, skipping empty values; arrays repeat the parameter. */
export function query(
  params: Record<string, string | number | boolean | undefined | null | (string | number)[]>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(key, String(item)));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
