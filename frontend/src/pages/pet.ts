// A pet's page: the big picture, traits and their rarity, state with countdowns, what the
// owner or a buyer can do with it (pet-market.ts), its family (pet-family.ts) and its history.
import { api } from "../api";
import { chainNow } from "../chain";
import { address } from "../contracts";
import { append, h, link, replace, tableHead } from "../dom";
import { ether, mutationTierName, sameAddress, traitLabel } from "../format";

import { t } from "../i18n";
import { birthSeedLine } from "../components/birth-seed";
import { countdown } from "../components/countdown";
import { liveStatus, petImage, rarityBadge, statusChip } from "../components/petcard";
import { listingsOverFeeLimit, petBook } from "../orders";
import { auctionOf, giveBirth, isDue } from "../market-actions";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { GameEvent, PetDetail } from "../types";
import { walletState } from "../wallet/wallet";
import {
  actionButton,
  missingBox,
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
import { fancyBadge } from "../components/fancy";
import { petTitle } from "../names";
import { petsOf, redrawOnEvents } from "../live";

export async function petPage(context: PageContext): Promise<void> {
  const { main, params, alive } = context;
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) {
    main.append(missingBox(new Error(t("pet.notANumber"))));
    return;
  }
  // Live: another player's sale, offer, listing, auction or breeding of this pet shows here
  // without a reload (the owner, the market's box, the pregnancy).
  redrawOnEvents(context, (event) => petsOf(event).includes(id));
  main.append(loading());
  let pet: PetDetail;
  try {
    pet = await api<PetDetail>(`/pets/${id}`);
  } catch (error) {
    if (alive()) replace(main, missingBox(error));
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
    loading(t("pet.lookingAtMarket")),
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
        h(
          "h1",
          { testid: "pet-title" },
          `${petTitle(pet)} `,
          rarityBadge(pet.rarity.tier),
          pet.fancy ? [" ", fancyBadge(pet.fancy)] : null,
        ),
        sameAddress(pet.owner, me) ? renameForm(pet, refresh) : null,
        h(
          "p",
          { class: "tier-note" },
          link("/rarity", {}, t("pet.tiersLink")),
          pet.fancy ? [" · ", link("/fancies", {}, t("pet.fancyLink", { name: pet.fancy }))] : null,
        ),
        h(
          "p",
          { class: "lead" },
          t("pet.generation", { generation: pet.generation }),
          statusChip(liveStatus(pet)),
          t("pet.owner"),
          inHouse ? t("contractName.ClockAuctionHouse") : playerLink(pet.owner, me),
        ),
        stateLine(pet, refresh),
        traitTable(pet),
        actions,
      ),
    ),
    section(t("pet.family"), familyTree(pet.id)),
    section(
      t("pet.priceHistory"),
      priceHistory({ pet: String(pet.id) }, t("pet.ofPet", { id: pet.id }), 365),
    ),
    section(t("pet.history"), pagedList<GameEvent>(`/pets/${pet.id}/history?limit=20`, eventList)),
  );

  const [book, auction, overFeeLimit] = await Promise.all([
    petBook(pet.id),
    auctionOf(pet.id).catch(() => null),
    me && sameAddress(pet.owner, me) ? listingsOverFeeLimit(me, pet.id) : [],
  ]);
  if (!alive()) return;
  const listing = book?.best_listing ?? null;
  replace(
    actions,
    ...marketBox(pet, listing, book?.offers ?? [], auction, me, refresh, overFeeLimit),
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
        t("pet.pregnantBy"),
        link(`/pets/${pet.pregnancy.sire_id}`, {}, `#${pet.pregnancy.sire_id}`),
        t("pet.pregnantByEnd"),
      ),
    );
    if (due > now) line.append(countdown(due, t("pet.dueNow"), t("pet.dueIn"), refresh));
    else line.append(h("strong", {}, t("pet.dueNowStop")));
    if (prepaid)
      line.append(
        h("span", { class: "hint" }, t("pet.midwifePaid", { fee: ether(pet.pregnancy.birth_fee) })),
      );
    line.append(birthSeedLine(pet.id, pet.pregnancy, refresh));
    {
      // anyone may call giveBirth (the child goes to the matron's owner); always enabled: the
      // chain's clock decides (a test may have moved it); too early fails with
      // PetGestationNotOver, in words, through the transactor
      const seed = pet.pregnancy.seed_block;
      line.append(
        actionButton(
          t("pet.giveBirth"),
          { class: "button", testid: "give-birth", "data-pet-id": pet.id, "data-due": isDue(due) },
          () => giveBirth(pet.id, seed),
          refresh,
        ),
      );
    }
  } else if (pet.cooldown_end > now) {
    line.append(
      h("span", {}, t("pet.resting")),
      countdown(pet.cooldown_end, t("time.now"), "", refresh),
    );
  } else {
    append(line, [
      h("span", {}, t("pet.ready", { min: Math.round(pet.cooldown_seconds / 60) })),
      sameAddress(pet.owner, walletState().account)
        ? link(
            `/breed?matron=${pet.id}`,
            { class: "button small", testid: "breed-with" },
            t("nav.breed"),
          )
        : null,
    ]);
  }
  return line;
}

function traitTable(pet: PetDetail): HTMLElement {
  return h(
    "table",
    { class: "traits", testid: "traits" },
    h("caption", {}, t("pet.traits")),
    tableHead([t("pet.trait"), t("pet.variant"), t("pet.rarity")]),
    h(
      "tbody",
      {},
      Object.entries(pet.traits).map(([trait, variant]) =>
        h(
          "tr",
          { class: variant.rare ? "rare" : "" },
          h("th", { scope: "row" }, traitLabel(trait)),
          h("td", {}, variant.name),
          h(
            "td",
            {},
            h(
              "span",
              { class: `tier tier-${variant.tier ?? 0}` },
              mutationTierName(variant.tier_name),
            ),
          ),
        ),
      ),
    ),
  );
}
