"""`GET /`: the page bin/run prints shows the newest pets, drawn, with no external URL."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def test_home_shows_the_newest_pets_drawn(api: FlaskClient) -> None:
    response = api.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    newest = api.get("/api/v1/pets?sort=newest&limit=36").json["items"]
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images == [pet["image_url"] for pet in newest]
    assert api.get(images[0]).status_code == 200  # the pictures it points at exist
    assert 'href="/api/v1/docs"' in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), "an external URL on the home page"
