"""The API's reads: plain functions on a SQLAlchemy session (no Flask), testable on their own.

- ``pagination``: opaque keyset cursors and pages
- ``pet_filters``: the pet list's filters, one function each, composed
- ``pets``: pet lists, a pet, its children, its family tree
- ``history``: a pet's activity rows
- ``stats``: collection statistics (grouped counts)
"""
