// Why a transaction or signature failed, in plain words: the contracts' custom errors
// (decoded with every ABI the app bundles), wallet rejections, missing ether, the API's errors.
import { t } from "./i18n";
import { Interface, isError } from "ethers";
import { ApiError, apiErrorText } from "./api";
import { ABIS } from "./contracts";
import { chainNow } from "./chain";
import { refusalSentence } from "./refusals";

const ALL_ERRORS = new Interface(
  Object.values(ABIS).flatMap((abi) =>
    (abi as readonly { type: string }[]).filter((item) => item.type === "error"),
  ),
);

/** The custom error in revert data, if any of our ABIs knows it. */
export function decodeRevert(data: unknown): { name: string; sentence: string } | null {
  if (typeof data !== "string" || !data.startsWith("0x") || data.length < 10) return null;
  try {
    const parsed = ALL_ERRORS.parseError(data);
    if (!parsed) return null;
    const sentence =
      refusalSentence(parsed.name, parsed.args.toObject(), chainNow()) ??
      t("error.refused", { name: parsed.name });
    return { name: parsed.name, sentence };
  } catch {
    return null;
  }
}

/** Find revert data anywhere in an error from ethers or an injected wallet (they nest it differently). */
function revertData(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const record = error as Record<string, unknown>;
  for (const key of ["data", "revert"]) {
    const value = record[key];
    if (typeof value === "string" && value.startsWith("0x") && value.length >= 10) return value;
    if (value && typeof value === "object") {
      // Ganache's eth_estimateGas nests it as error.data.result; others as error.data.data.
      const inner = value as Record<string, unknown>;
      for (const nested of [inner.data, inner.result])
        if (typeof nested === "string" && nested.startsWith("0x") && nested.length >= 10)
          return nested;
    }
  }
  for (const key of ["error", "info", "cause", "data"]) {
    const found = revertData(record[key], depth + 1);
    if (found) return found;
  }
  return null;
}

function walletCode(error: unknown, depth = 0): number | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const record = error as Record<string, unknown>;
  if (typeof record.code === "number") return record.code;
  return walletCode(record.error ?? record.info ?? record.cause, depth + 1);
}

/** A string field of an error of any shape (ethers' `shortMessage`, everyone's `message`). */
function textOf(error: unknown, key: "message" | "shortMessage"): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return textOf(error, "message") ?? String(error);
}

export interface Explained {
  code: string;
  message: string;
}

/** Any failure of a transaction, signature or API call as one sentence and a stable code. */
export function explain(error: unknown): Explained {
  if (error instanceof ApiError) {
    // a contract's refusal: its own sentence, not the code's general words
    if (error.code === "transaction_refused") return explainRelayError(error);
    const decoded = decodeRevert(error.details.data);
    return decoded
      ? { code: decoded.name, message: decoded.sentence }
      : { code: error.code, message: error.message };
  }
  if (isError(error, "ACTION_REJECTED") || walletCode(error) === 4001) {
    return {
      code: "rejected",
      message: t("error.rejected"),
    };
  }
  if (
    isError(error, "INSUFFICIENT_FUNDS") ||
    /insufficient funds/i.test(textOf(error, "message") ?? "")
  ) {
    return {
      code: "insufficient_funds",
      message: t("error.funds"),
    };
  }
  const decoded = decodeRevert(revertData(error));
  if (decoded) return { code: decoded.name, message: decoded.sentence };
  if (isError(error, "CALL_EXCEPTION")) return { code: "reverted", message: t("error.reverted") };
  if (isError(error, "NETWORK_ERROR") || isError(error, "TIMEOUT")) {
    return { code: "network", message: t("error.network") };
  }
  const message = textOf(error, "shortMessage") ?? textOf(error, "message") ?? String(error);
  return { code: "error", message: message.length > 240 ? `${message.slice(0, 240)}…` : message };
}

/** A relay or API error in words: the server's sentence for a contract's refusal (details:
 *  {name, args, sentence}), retold at the chain's time now when the app knows the error. */
export function explainRelayError(
  error: { code: string; message: string; details?: Record<string, unknown> } | null,
): Explained {
  if (!error) return { code: "error", message: t("error.failed") };

  const details = error.details ?? {};
  const decoded = decodeRevert(details.data);
  if (decoded) return { code: decoded.name, message: decoded.sentence };
  const name = details.name ?? details.error;
  if (typeof name !== "string")
    return { code: error.code, message: apiErrorText(error.code, error.message, details) };
  const args = details.args;
  const retold =
    typeof args === "object" && args !== null
      ? refusalSentence(name, args as Record<string, unknown>, chainNow())
      : null;
  const sentence = details.sentence;
  return {
    code: name,
    message: retold ?? (typeof sentence === "string" ? sentence : error.message),
  };
}
