"""The game itself: where it runs (routes.py: /game), health, and the web app's pages (home.py)."""
