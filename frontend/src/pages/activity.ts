// Everything that happens in the game, newest first.
import { h } from "../dom";
import type { PageContext } from "../router";
import type { GameEvent } from "../types";
import { eventList, pagedList } from "./common";

export function activityPage({ main }: PageContext): void {
  main.append(h("h1", {}, "Activity"), pagedList<GameEvent>("/activity?limit=30", eventList));
}
