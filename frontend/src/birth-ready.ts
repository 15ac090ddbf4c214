// "Birth ready": no chain event marks a pregnancy coming due, so the app times it on the
// chain's clock (chainNow: tests and players move it). The player's pregnant pets and their
// due times are read when the app loads, when the account changes, when a stream opens (it
// starts after what happened before it) and when the stream says one of their pets got
// pregnant or gave birth; every 5 s each due one is told, once per pregnancy (the pet and its
// due time), which the notices remember across page loads.
import { api, query } from "./api";
import type { Page } from "./api";
import { chainNow } from "./chain";
import { sameAddress } from "./format";
import type { LiveEvent } from "./live";
import type { Words } from "./i18n";
import { petFacts } from "./pet-facts";
import type { Pet } from "./types";

export type Tell = (account: string, key: string, words: Words, href: string) => void;

const CHECK_MS = 5000; // the chain's clock is read every 5 s (main.ts)

let account = "";
let pregnancies: Pet[] = []; // cooldown_end is the due time of a pregnant pet
let reads = 0; // reads started: only the newest one's answer is kept

/** Read `player`'s pregnant pets (the newest 100) and tell those already due. */
export async function loadPregnancies(player: string, tell: Tell): Promise<void> {
  account = player.toLowerCase();
  const read = ++reads;
  let found: Pet[];
  try {
    found = (
      await api<Page<Pet>>(`/pets${query({ owner: player, status: "pregnant", limit: 100 })}`)
    ).items;
  } catch {
    found = []; // the server is away: read again on the next change
  }
  // The account changed meanwhile, or a newer read (a later event's) started: an older answer
  // arriving last would put back a list without the newest pregnancy.
  if (read !== reads || !sameAddress(account, player)) return;
  pregnancies = found;
  tellDue(tell);
}

/** A pregnancy or a birth of one of `player`'s pets: read their pregnancies again. */
export async function pregnancyChanged(
  player: string,
  event: LiveEvent,
  tell: Tell,
): Promise<void> {
  if (event.type !== "pregnant" && event.type !== "born") return;
  const matron = event.type === "born" ? event.matron_id : event.pet_id;
  if (!matron || !sameAddress(account, player)) return; // a mint has no matron
  const facts = await petFacts(matron);
  if (facts && sameAddress(facts.owner, player)) await loadPregnancies(player, tell);
}

function tellDue(tell: Tell): void {
  const now = chainNow();
  for (const pet of pregnancies) {
    if (pet.cooldown_end > now) continue;
    const words: Words = {
      key: "notice.birthReady",
      values: { pet: pet.name ?? { key: "pet.number", values: { id: pet.id } } },
    };
    tell(account, `birth-ready:${pet.id}:${pet.cooldown_end}`, words, `/pets/${pet.id}`);
  }
}

/** Check the player's pregnancies against the chain's clock from now on. */
export function startBirthClock(tell: Tell): void {
  window.setInterval(() => {
    if (account) tellDue(tell);
  }, CHECK_MS);
}
