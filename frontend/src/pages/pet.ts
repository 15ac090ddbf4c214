// A pet's page: the big picture, traits and their rarity, state with countdowns, what the
// owner or a buyer can do with it (pet-market.ts), its family (pet-family.ts) and its history.
import { api } from "../api";
import { chainNow } from "../chain";
import { address } from "../contracts";
import { append, h, link, replace } from "../dom";
import { ether, sameAddress, traitLabel } from "../format";
import { countdown } from "../components/countdown";
import { liveStatus, petImage, rarityBadge, statusChip } from "../components/petcard";
import { petBook } from "../orders";
import { auctionOf, giveBirth, isDue } from "../market-actions";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { GameEvent, PetDetail } from "../types";
import { walletState } from "../wallet/wallet";
import {
  actionButton,
  errorBox,
  eventList,
  loading,
  pagedList,
  playerLink,
  section,
} from "./common";
import { priceHistory } from "../charts/price-history";
import { familyTree } from "./pet-family";
import { marketBox } from "./pet-market";
import { renameForm } from "../components/rename";
import { petTitle } from "../names";

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
  const refresh = () => {
    if (alive()) navigate(location.pathname, true);
  };
  const me = walletState().account;
  const inHouse = sameAddress(pet.owner, address("ClockAuctionHouse"));
  const actions = h(
    "div",
    { class: "actions", testid: "pet-actions" },
    loading("Looking at the market…"),
  );

  replace(
    main,
    h(
      "div",
      { class: "pet-hero", testid: "pet-page", "data-pet-id": pet.id },
      h("div", { class: "pet-art" }, petImage(pet, 360, true)),
      h(
        "div",
        { class: "pet-info" },
        h("h1", { testid: "pet-title" }, `${petTitle(pet)} `, rarityBadge(pet.rarity.tier)),
        sameAddress(pet.owner, me) ? renameForm(pet, refresh) : null,
        h("p", { class: "tier-note" }, link("/rarity", {}, "What the rarity tiers mean")),
        h(
          "p",
          { class: "lead" },
          `Generation ${pet.generation} · `,
          statusChip(liveStatus(pet)),
          " · owner ",
          inHouse ? "the auction house" : playerLink(pet.owner, me),
        ),
        stateLine(pet, refresh),
        traitTable(pet),
        actions,
      ),
    ),
    section("Family", familyTree(pet.id)),
    section("Price history", priceHistory({ pet: String(pet.id) }, `pet #${pet.id}`, 365)),
    section("History", pagedList<GameEvent>(`/pets/${pet.id}/history?limit=20`, eventList)),
  );

  const [book, auction] = await Promise.all([petBook(pet.id), auctionOf(pet.id).catch(() => null)]);
  if (!alive()) return;
  replace(
    actions,
    ...marketBox(pet, book?.best_listing ?? null, book?.offers ?? [], auction, me, refresh),
  );
}

function stateLine(pet: PetDetail, refresh: () => void): HTMLElement {
  const now = chainNow();
  const line = h("div", { class: "state", testid: "pet-state", "data-status": liveStatus(pet) });
  if (pet.pregnancy) {
    const due = pet.pregnancy.due_time;
    const prepaid = BigInt(pet.pregnancy.birth_fee) > 0n;
    line.append(
      h(
        "span",
        {},
        `Pregnant by `,
        link(`/pets/${pet.pregnancy.sire_id}`, {}, `#${pet.pregnancy.sire_id}`),
        ". ",
      ),
    );
    if (due > now) line.append(countdown(due, "Due now", "Due in ", refresh));
    else line.append(h("strong", {}, "Due now. "));
    if (prepaid)
      line.append(
        h(
          "span",
          { class: "hint" },
          ` The midwife's fee (${ether(pet.pregnancy.birth_fee)}) is paid: the relay delivers the baby when due.`,
        ),
      );
    {
      // anyone may call giveBirth (the child goes to the matron's owner); always enabled: the
      // chain's clock decides (a test may have moved it); too early fails with
      // PetGestationNotOver, in words, through the transactor
      const seed = pet.pregnancy.seed_block;
      line.append(
        actionButton(
          "Give birth",
          { class: "button", testid: "give-birth", "data-pet-id": pet.id, "data-due": isDue(due) },
          () => giveBirth(pet.id, seed),
          refresh,
        ),
      );
    }
  } else if (pet.cooldown_end > now) {
    line.append(
      h("span", {}, "Resting: ready to breed again in "),
      countdown(pet.cooldown_end, "now", "", refresh),
    );
  } else {
    append(line, [
      h(
        "span",
        {},
        `Ready to breed (rests ${Math.round(pet.cooldown_seconds / 60)} min after breeding). `,
      ),
      sameAddress(pet.owner, walletState().account)
        ? link(`/breed?matron=${pet.id}`, { class: "button small", testid: "breed-with" }, "Breed")
        : null,
    ]);
  }
  return line;
}

function traitTable(pet: PetDetail): HTMLElement {
  return h(
    "table",
    { class: "traits", testid: "traits" },
    h("caption", {}, "Traits"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Trait"),
        h("th", { scope: "col" }, "Variant"),
        h("th", { scope: "col" }, "Rarity"),
      ),
    ),
    h(
      "tbody",
      {},
      Object.entries(pet.traits).map(([trait, variant]) =>
        h(
          "tr",
          { class: variant.rare ? "rare" : "" },
          h("th", { scope: "row" }, traitLabel(trait)),
          h("td", {}, variant.name),
          h("td", {}, h("span", { class: `tier tier-${variant.tier ?? 0}` }, variant.tier_name)),
        ),
      ),
    ),
  );
}
