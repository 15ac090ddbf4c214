// A pregnancy's birth seed on the pet's page: whether the child is fixed yet (the API's
// `seed_sealed`), and while it is not, a button that seals it (PetToken.sealBirthSeed, sent by
// the player's wallet). The game's midwife seals every pregnancy as soon as its seed block is
// mined; while the midwife is down, a pregnancy nobody seals within 256 blocks of its seed
// block ends without a child (docs/rules.md, "Birth"), so the player can do it instead.
import { gameConfig, readProvider } from "../chain";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { sealBirthSeed } from "../market-actions";
import { actionButton } from "../pages/common";
import type { PetDetail } from "../types";

// Blocks whose hash the EVM still returns: the last block that can seal is the seed block's
// 256th successor.
const SEED_WINDOW = 256;

type Pregnancy = NonNullable<PetDetail["pregnancy"]>;

/** The seed's state in words, and the seal button when sealing can save the child. */
export function birthSeedLine(
  matronId: number,
  pregnancy: Pregnancy,
  refresh: () => void,
): HTMLElement {
  const line = h("p", {
    class: "hint birth-seed",
    testid: "birth-seed",
    "data-sealed": String(pregnancy.seed_sealed),
  });
  if (pregnancy.seed_sealed) {
    line.append(t("pet.seedSealed"));
    return line;
  }
  const block = pregnancy.seed_block;
  const last = block + SEED_WINDOW;
  line.append(t("pet.seedNotSealed", { block, last }));
  void readProvider()
    .getBlockNumber()
    .then((latest) => {
      if (latest > last) {
        line.dataset.lost = "true";
        replace(line, t("pet.seedLost", { block }));
        return;
      }
      // A real chain mines the seed block by itself: until then there is nothing to seal. The
      // local chain mines on demand, and sealing mines it first (market-actions.ts).
      if (latest <= block && !gameConfig().dev_wallet) return;
      line.append(
        " ",
        t("pet.seedSealNow", { last }),
        " ",
        actionButton(
          t("pet.sealSeed"),
          { class: "button small", testid: "seal-birth-seed", "data-pet-id": matronId },
          () => sealBirthSeed(matronId, block),
          refresh,
        ),
      );
    })
    .catch(() => undefined); // the chain unreachable: the words above stand, without a button
  return line;
}
