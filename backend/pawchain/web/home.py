"""`GET /`: the page `bin/run` prints, until the player's web app (issue 6) takes it over.

It shows the newest pets as they are drawn, with links to each pet's JSON and metadata and
to the API's docs page, so a newcomer sees the game working the moment it starts. Rendered
by Jinja with autoescaping, and nothing in it comes from players but numbers and addresses.
"""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import render_template_string

from pawchain.queries.pet_filters import PetFilter
from pawchain.queries.pets import list_pets
from pawchain.web.clock import now
from pawchain.web.database import db
from pawchain.web.pet_json import pet_summary

bp = APIBlueprint("home", __name__, enable_openapi=False)
SHOWN = 36

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pawchain</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; background: #1d1b2f; color: #f4f1ff; }
    header { padding: 1.5rem 2rem; background: #2b2745; }
    header a { color: #ffd479; margin-right: 1.5rem; }
    main { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 1rem; padding: 2rem; }
    figure { margin: 0; background: #2b2745; border-radius: 12px; padding: .75rem; text-align: center; }
    figure img { width: 100%; height: auto; }
    figcaption { font-size: .85rem; line-height: 1.4; }
    figcaption a { color: #b9b3ff; }
    p.empty { padding: 2rem; }
  </style>
</head>
<body>
  <header>
    <h1>Pawchain</h1>
    <nav><a href="{{ docs }}">API docs</a><a href="{{ api }}">Pets (JSON)</a></nav>
  </header>
  {% if pets %}
  <main>
    {% for pet in pets %}
    <figure>
      <img src="{{ pet.image_url }}" alt="Pet {{ pet.id }}" width="160" height="160" loading="lazy">
      <figcaption>
        <a href="{{ pet.json_url }}">#{{ pet.id }}</a> · gen {{ pet.generation }} · {{ pet.rarity.name }}<br>
        {{ pet.status }} · owner {{ pet.owner[:8] }}…
      </figcaption>
    </figure>
    {% endfor %}
  </main>
  {% else %}
  <p class="empty">No pets indexed yet: the indexer is catching up with the chain. Reload in a moment.</p>
  {% endif %}
</body>
</html>
"""


@bp.get("/")
def home() -> str:
    """The newest pets, drawn."""
    page = list_pets(db(), PetFilter(now=now()), "newest", SHOWN)
    pets = [{**pet_summary(pet, now()), "json_url": f"/api/v1/pets/{pet.id}"} for pet in page.items]
    return render_template_string(PAGE, pets=pets, docs="/api/v1/docs", api="/api/v1/pets")
