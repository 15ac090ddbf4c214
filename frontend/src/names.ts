// Naming a pet: its owner signs an EIP-712 PetName and the game server checks and keeps it
// (docs/rules.md, Pet names). Nothing goes on chain, so naming costs no gas.
import { api } from "./api";
import { t } from "./i18n";
import { gameConfig } from "./chain";
import { address } from "./contracts";
import { forgetPet } from "./pet-facts";
import { signAndSubmit } from "./transactor";
import { domain, PET_NAME_DOMAIN, PET_NAME_TYPES } from "./typed-data";

export const MAX_NAME_LENGTH = 24;

/** What a card or a page calls a pet: its name, else its number. */
export function petTitle(pet: { id: number; name?: string | null }): string {
  return pet.name
    ? t("pet.named", { name: pet.name, id: pet.id })
    : t("pet.number", { id: pet.id });
}

/** A pet's number, then its name when it has one ("#5 Mochi"): where cards are told apart
 *  by number (the breeding galleries). */
export function petNumberAndName(pet: { id: number; name?: string | null }): string {
  return pet.name ? `#${pet.id} ${pet.name}` : `#${pet.id}`;
}

/** Sign `raw` (in NFC, as the server compares it) as pet `petId`'s name; true once stored.
 *  A refusal (taken, look-alike, mixed scripts...) is shown in words by the transactor. */
export async function namePet(petId: number, raw: string): Promise<boolean> {
  const name = raw.normalize("NFC").trim();
  const stored = await signAndSubmit(
    t("tx.name", { id: petId, name }),
    async (signer) => {
      // The wallet's clock, as in signing in: the server accepts it for 10 minutes.
      const issuedAt = Math.floor(Date.now() / 1000);
      const signingDomain = domain(PET_NAME_DOMAIN, gameConfig().chain_id, address("PetToken"));
      const message = { petId, name, issuedAt };
      const signature = await signer.signTypedData(signingDomain, PET_NAME_TYPES, message);
      await api(`/pets/${petId}/name`, {
        method: "POST",
        json: { name, issued_at: issuedAt, signature },
      });
      forgetPet(petId); // the notices name it anew
      return true;
    },
    t("tx.named"),
  );
  return stored === true;
}
