// A pet's page: the big picture, traits and their rarity, state with countdowns, what the
// owner or a buyer can do with it, its family several generations deep, and its history.
import { api } from "../api";
import { chainNow } from "../chain";
import { address } from "../contracts";
import { append, field, h, link, listen, replace } from "../dom";
import { ether, parseAmount, TRAIT_LABELS, weth } from "../format";
import { countdown } from "../components/countdown";
import { liveStatus, petImage, rarityBadge, statusChip } from "../components/petcard";
import { acceptOffer, cancelOrder, fillListing, listForSale, makeOffer, petBook } from "../orders";
import { AUCTION_KINDS, auctionOf, bid, cancelAuction, createAuction, giveBirth, isDue } from "../market-actions";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { FamilyNode, GameEvent, Order, PetDetail } from "../types";
import { walletState } from "../wallet/wallet";
import { errorBox, eventList, loading, pagedList, playerLink, section } from "./common";

const same = (a?: string | null, b?: string | null) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export async function petPage({ main, params, alive }: PageContext): Promise<void> {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) {
    main.append(errorBox(new Error("That is not a pet number.")));
    return;
  }
  main.append(loading());
  let pet: PetDetail;
  try {
    pet = await api<PetDetail>(`/pets/${id}`);
  } catch (error) {
    if (alive()) replace(main, errorBox(error));
    return;
  }
  if (!alive()) return;
  const refresh = () => { if (alive()) navigate(location.pathname, true); };
  const me = walletState().account;
  const inHouse = same(pet.owner, address("ClockAuctionHouse"));
  const actions = h("div", { class: "actions", testid: "pet-actions" }, loading("Looking at the market…"));

  replace(main,
    h("div", { class: "pet-hero", testid: "pet-page", "data-pet-id": pet.id },
      h("div", { class: "pet-art" }, petImage(pet, 360, true)),
      h("div", { class: "pet-info" },
        h("h1", {}, `Pet #${pet.id} `, rarityBadge(pet.rarity.tier, pet.rarity.name)),
        h("p", { class: "lead" }, `Generation ${pet.generation} · `, statusChip(liveStatus(pet)), " · owner ",
          inHouse ? "the auction house" : playerLink(pet.owner, me)),
        stateLine(pet, refresh),
        traitTable(pet),
        actions)),
    section("Family", familyTree(pet.id)),
    section("History", pagedList<GameEvent>(`/pets/${pet.id}/history?limit=20`, eventList)));

  const [book, auction] = await Promise.all([petBook(pet.id), auctionOf(pet.id).catch(() => null)]);
  if (!alive()) return;
  replace(actions, ...marketBox(pet, book?.best_listing ?? null, book?.offers ?? [], auction, me, refresh));
}

function stateLine(pet: PetDetail, refresh: () => void): HTMLElement {
  const now = chainNow();
  const line = h("div", { class: "state", testid: "pet-state", "data-status": liveStatus(pet) });
  if (pet.pregnancy) {
    const due = pet.pregnancy.due_time;
    const prepaid = BigInt(pet.pregnancy.birth_fee) > 0n;
    line.append(h("span", {}, `Pregnant by `, link(`/pets/${pet.pregnancy.sire_id}`, {}, `#${pet.pregnancy.sire_id}`), ". "));
    if (due > now) line.append(countdown(due, "Due now", "Due in ", refresh));
    else line.append(h("strong", {}, "Due now. "));
    if (prepaid) line.append(h("span", { class: "hint" }, ` The midwife's fee (${ether(pet.pregnancy.birth_fee)}) is paid: the relay delivers the baby when due.`));
    {
      // anyone may call giveBirth (the child goes to the matron's owner)
      const seed = pet.pregnancy.seed_block;
      line.append(h("button", {
        // always enabled: the chain's clock decides (a test may have moved it); too early
        // fails with PetGestationNotOver, in words, through the transactor
        type: "button", class: "button", testid: "give-birth", "data-pet-id": pet.id, "data-due": isDue(due),
        onclick: async () => { if (await giveBirth(pet.id, seed)) refresh(); },
      }, "Give birth"));
    }
  } else if (pet.cooldown_end > now) {
    line.append(h("span", {}, "Resting: ready to breed again in "), countdown(pet.cooldown_end, "now", "", refresh));
  } else {
    append(line, [h("span", {}, `Ready to breed (rests ${Math.round(pet.cooldown_seconds / 60)} min after breeding). `),
      same(pet.owner, walletState().account) ? link(`/breed?matron=${pet.id}`, { class: "button small", testid: "breed-with" }, "Breed") : null]);
  }
  return line;
}

function traitTable(pet: PetDetail): HTMLElement {
  return h("table", { class: "traits", testid: "traits" },
    h("caption", {}, "Traits"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Trait"), h("th", { scope: "col" }, "Variant"), h("th", { scope: "col" }, "Rarity"))),
    h("tbody", {}, Object.entries(pet.traits).map(([trait, variant]) =>
      h("tr", { class: variant.rare ? "rare" : "" },
        h("th", { scope: "row" }, TRAIT_LABELS[trait] ?? trait),
        h("td", {}, variant.name),
        h("td", {}, h("span", { class: `tier tier-${variant.tier ?? 0}` }, variant.tier_name))))));
}

function marketBox(pet: PetDetail, listing: Order | null, offers: Order[], auction: Awaited<ReturnType<typeof auctionOf>>, me: string | null, refresh: () => void): HTMLElement[] {
  const owner = same(pet.owner, me);
  const boxes: HTMLElement[] = [];
  if (auction) {
    const kind = AUCTION_KINDS[auction.kind] ?? "auction";
    const box = h("div", { class: "panel market-box", testid: "auction-box" },
      h("h3", {}, `On ${kind} auction`),
      h("p", {}, "Price now ", h("strong", { testid: "auction-price" }, ether(auction.currentPrice)),
        ` (from ${ether(auction.startPrice)} to ${ether(auction.endPrice)})`),
      h("p", {}, "Seller ", playerLink(auction.seller, me)));
    if (same(auction.seller, me)) {
      box.append(h("button", { type: "button", class: "button ghost", testid: "cancel-auction", onclick: async () => { if (await cancelAuction(pet.id)) refresh(); } }, "Cancel auction"));
    } else if (auction.kind === 2) {
      box.append(link(`/breed?sire=${pet.id}`, { class: "button", testid: "use-sire" }, "Breed one of your pets with it"));
    } else if (me) {
      box.append(h("button", { type: "button", class: "button", testid: "buy-auction", onclick: async () => { if (await bid(pet.id, auction.auctionId, auction.currentPrice)) refresh(); } }, `Buy for ${ether(auction.currentPrice)}`));
    }
    boxes.push(box);
  }
  if (listing) {
    const box = h("div", { class: "panel market-box", testid: "listing-box" },
      h("h3", {}, "For sale"),
      h("p", {}, "Price ", h("strong", { testid: "listing-price" }, ether(listing.price)), " · by ", playerLink(listing.signer, me)));
    if (same(listing.signer, me)) {
      box.append(h("button", { type: "button", class: "button ghost", testid: "cancel-order", onclick: async () => { if (await cancelOrder(listing)) refresh(); } }, "Cancel listing"));
    } else if (me) {
      box.append(h("button", { type: "button", class: "button", testid: "buy-button", onclick: async () => { if (await fillListing(listing)) refresh(); } }, `Buy for ${ether(listing.price)}`));
    }
    boxes.push(box);
  }
  if (owner && !auction) boxes.push(listForm(pet, refresh));
  if (owner && me && !auction && !pet.pregnancy) boxes.push(auctionForm(pet, me, refresh)); // a pregnant pet cannot be escrowed
  boxes.push(offersBox(pet, offers, owner, me, refresh));
  if (!me) boxes.push(h("p", { class: "hint" }, "Connect a wallet to buy, list or make offers."));
  return boxes;
}

function listForm(pet: PetDetail, refresh: () => void): HTMLElement {
  const price = h("input", { type: "text", inputmode: "decimal", required: true, placeholder: "0.1", testid: "list-price", autocomplete: "off" });
  const days = h("input", { type: "number", min: 1, max: 365, value: 7, required: true, testid: "list-days" });
  const problem = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "panel market-box", testid: "list-form", "aria-label": "List for sale" },
    h("h3", {}, "Sell at a fixed price"),
    h("p", { class: "hint" }, "You sign the listing; no gas. The buyer pays when they buy."),
    field("Price in ETH", price), field("Days valid", days), problem,
    h("button", { type: "submit", class: "button", testid: "list-submit" }, "Sign listing"));
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const wei = parseAmount(price.value);
    if (wei === null) { problem.textContent = "Enter a price above 0, like 0.1."; price.focus(); return; }
    problem.textContent = "";
    if (await listForSale(pet.id, wei, Number(days.value) || 7, pet.owner)) refresh();
  });
  return form;
}

function auctionForm(pet: PetDetail, me: string, refresh: () => void): HTMLElement {
  const kind = h("select", { testid: "auction-kind" }, h("option", { value: "sale" }, "Sell the pet"), h("option", { value: "siring" }, "Offer as a sire (siring)"));
  const start = h("input", { type: "text", inputmode: "decimal", required: true, value: "1", testid: "auction-start" });
  const end = h("input", { type: "text", inputmode: "decimal", required: true, value: "0.1", testid: "auction-end" });
  const hours = h("input", { type: "number", min: 1, max: 8760, value: 24, required: true, testid: "auction-hours" });
  const problem = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "panel market-box", testid: "auction-form", "aria-label": "Create an auction" },
    h("h3", {}, "Start a clock auction"),
    h("p", { class: "hint" }, "The price moves from the start to the end price; the first bid wins. The pet waits in the auction house."),
    field("Kind", kind), field("Start price (ETH)", start), field("End price (ETH)", end), field("Duration (hours)", hours), problem,
    h("button", { type: "submit", class: "button ghost", testid: "auction-submit" }, "Start auction"));
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const startWei = parseAmount(start.value);
    const endWei = parseAmount(end.value);
    if (startWei === null || endWei === null) { problem.textContent = "Enter both prices in ETH, above 0."; return; }
    problem.textContent = "";
    if (await createAuction(kind.value as "sale" | "siring", pet.id, me, startWei, endWei, Math.round(Number(hours.value) * 3600))) refresh();
  });
  return form;
}

function offersBox(pet: PetDetail, offers: Order[], owner: boolean, me: string | null, refresh: () => void): HTMLElement {
  const box = h("div", { class: "panel market-box", testid: "offers-box" }, h("h3", {}, "Offers (WETH)"));
  if (offers.length === 0) box.append(h("p", { class: "empty" }, "No offers yet."));
  else {
    box.append(h("ul", { class: "offers" }, offers.map((offer) => h("li", { testid: "offer", "data-order-hash": offer.hash },
      h("strong", {}, weth(offer.price)), " from ", playerLink(offer.signer, me),
      owner ? h("button", { type: "button", class: "button small", testid: "accept-offer", onclick: async () => { if (await acceptOffer(offer)) refresh(); } }, "Accept") : null,
      same(offer.signer, me) ? h("button", { type: "button", class: "button ghost small", testid: "cancel-order", onclick: async () => { if (await cancelOrder(offer)) refresh(); } }, "Cancel") : null))));
  }
  if (me && !owner) {
    const price = h("input", { type: "text", inputmode: "decimal", required: true, placeholder: "0.05", testid: "offer-price", autocomplete: "off" });
    const days = h("input", { type: "number", min: 1, max: 365, value: 3, required: true, testid: "offer-days" });
    const problem = h("p", { class: "form-error", role: "alert" });
    const form = h("form", { testid: "offer-form", "aria-label": "Make an offer" },
      field("Your offer in ETH (paid as WETH)", price, "Ether is wrapped into WETH and the order book approved, if needed."), field("Days valid", days), problem,
      h("button", { type: "submit", class: "button ghost", testid: "offer-submit" }, "Make offer"));
    listen(form, "submit", async (event) => {
      event.preventDefault();
      const wei = parseAmount(price.value);
      if (wei === null) { problem.textContent = "Enter an offer above 0, like 0.05."; return; }
      problem.textContent = "";
      if (await makeOffer(pet.id, wei, Number(days.value) || 3, me)) refresh();
    });
    box.append(form);
  }
  return box;
}

function treeNode(node: FamilyNode, direction: "parents" | "children", depth: number): HTMLElement {
  const next = node[direction] ?? [];
  return h("li", {},
    link(`/pets/${node.id}`, { class: "tree-pet", "aria-label": `Pet #${node.id}, generation ${node.generation}` },
      petImage(node, 72), h("span", {}, `#${node.id}`), h("small", {}, `Gen ${node.generation}`)),
    next.length && depth > 0 ? h("ul", {}, next.map((child) => treeNode(child, direction, depth - 1))) : null);
}

function familyTree(id: number): HTMLElement {
  const container = h("div", { class: "family", testid: "family-tree" }, loading());
  void api<{ root: FamilyNode }>(`/pets/${id}/family?depth=3`).then(({ root }) => {
    const parents = root.parents ?? [];
    const children = root.children ?? [];
    replace(container,
      h("div", { class: "tree" }, h("h3", {}, "Ancestors"),
        parents.length ? h("ul", { class: "tree-root" }, parents.map((parent) => treeNode(parent, "parents", 3))) : h("p", { class: "empty" }, "Generation 0: no parents.")),
      h("div", { class: "tree" }, h("h3", {}, "Descendants"),
        children.length ? h("ul", { class: "tree-root" }, children.map((child) => treeNode(child, "children", 3))) : h("p", { class: "empty" }, "No children yet.")));
  }, (error: unknown) => replace(container, errorBox(error)));
  return container;
}
