// An injected test wallet for the browser tests (added with page.add_init_script, before the
// app's scripts): an EIP-1193 provider announced over EIP-6963, as MetaMask and the like do.
// It holds no keys: the account is one of Ganache's unlocked development accounts, so
// transactions and signatures are forwarded to the chain's JSON-RPC, which signs them. What
// a real wallet decides by asking its user is decided by the config (filled in by the test):
//   chainId           the chain the wallet is on at first (another one: the wrong network)
//   account           the address it offers
//   rpcUrl            the chain it forwards to
//   gameChainId       the game's chain: requests on any other are refused (4901), as a
//                     wallet on another network would send them elsewhere
//   rejectSignatures  refuse every signature and transaction as a user clicking "Reject" does
//                     (EIP-1193 error 4001)
// Every request's method is kept in window.__testWallet.calls for the test to read.
(() => {
  const config = /*CONFIG*/ null;
  let chainId = config.chainId;
  const listeners = new Map();
  const calls = [];
  const hex = (value) => `0x${value.toString(16)}`;
  const emit = (event, value) => (listeners.get(event) || []).forEach((listener) => listener(value));
  const providerError = (code, message, data) => Object.assign(new Error(message), { code, data });
  const SIGNING = new Set(["personal_sign", "eth_sign", "eth_signTypedData_v4", "eth_sendTransaction"]);
  let nextId = 1;

  async function forward(method, params) {
    const response = await fetch(config.rpcUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params || [] }),
    });
    const reply = await response.json();
    if (reply.error) throw providerError(reply.error.code, reply.error.message, reply.error.data);
    return reply.result;
  }

  const provider = {
    isPawchainTestWallet: true,
    async request({ method, params }) {
      calls.push(method);
      if (method === "eth_requestAccounts" || method === "eth_accounts") return [config.account];
      if (method === "eth_chainId") return hex(chainId);
      if (method === "net_version") return String(chainId);
      if (method === "wallet_switchEthereumChain") {
        chainId = Number.parseInt(params[0].chainId, 16);
        emit("chainChanged", hex(chainId));
        return null;
      }
      if (SIGNING.has(method) && config.rejectSignatures) throw providerError(4001, "User rejected the request.");
      if (chainId !== config.gameChainId) throw providerError(4901, "The wallet is not on the requested chain.");
      // Wallets take EIP-712 data as a JSON string (what ethers sends); Ganache wants the object.
      if (method === "eth_signTypedData_v4" && typeof params[1] === "string") return forward(method, [params[0], JSON.parse(params[1])]);
      return forward(method, params);
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) || []), listener]);
    },
    removeListener(event, listener) {
      listeners.set(event, (listeners.get(event) || []).filter((known) => known !== listener));
    },
  };
  const info = Object.freeze({
    uuid: "7f0c5a4e-2d1b-4c3a-9e8f-0a1b2c3d4e5f",
    name: "Test Wallet",
    // A 1x1 SVG: EIP-6963 requires a data URI icon.
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E",
    rdns: "test.pawchain.wallet",
  });
  const announce = () =>
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.__testWallet = { calls, provider, info };
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();
