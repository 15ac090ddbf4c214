// What a notice says about a pet: its owner now and its name. Asked of the API once per pet
// while the page is open (GET /pets/<id>), not once per event, and forgotten when the stream
// says the pet moved (a Transfer) or its owner renamed it here.
import { api } from "./api";
import { t } from "./i18n";
import type { LiveEvent } from "./live";
import type { Pet } from "./types";

export interface PetFacts {
  owner: string;
  name: string | null;
}

const known = new Map<number, Promise<PetFacts | null>>();

/** The pet's owner and name, or null when the API does not have it (not indexed yet, or the
 *  server is away: no notice rather than a wrong one; asked again next time). */
export function petFacts(id: number): Promise<PetFacts | null> {
  let facts = known.get(id);
  if (!facts) {
    facts = api<Pet>(`/pets/${id}`).then(
      (pet) => ({ owner: pet.owner, name: pet.name }),
      () => {
        known.delete(id);
        return null;
      },
    );
    known.set(id, facts);
  }
  return facts;
}

/** Forget what `event` changes (the stream sends an event once it is indexed, so the next
 *  answer is at least as new as the event). */
export function forgetChanged(event: LiveEvent): void {
  if (event.type === "transferred" && event.pet_id !== null) known.delete(event.pet_id);
}

export function forgetPet(id: number): void {
  known.delete(id);
}

/** How a sentence names a pet: "Mochi", else "pet #5". */
export function petLabel(id: number, name: string | null | undefined): string {
  return name ?? t("pet.ofPet", { id });
}
