"""The API's reads: plain functions on a SQLAlchemy session (no Flask), testable on their own.

- ``pagination``: opaque keyset cursors and pages
- ``pet_filters``: the pet list's filters, one function each, composed
- ``pets``: pet lists, a pet, its children, its family tree
- ``history``: a pet's activity rows
- ``stats``: collection statistics (grouped counts)
- ``market``: open auctions, sales, daily prices, the activity feed
- ``market_filters``, ``auction_price``: the pet list's market filters and price sort
  (registered into ``pet_filters`` here, so every user of the pet list has them)
"""

from pawchain.queries import market_filters

market_filters.register()
