"""The market: auctions, sales, prices and activity (routes.py), the signed order book
(orders.py), trait offers and collection statistics. Lists pets with pets/pet_json.py."""
