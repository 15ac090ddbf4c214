"""Pets: the list and a pet's page, family and history (routes.py), the pet JSON builder
(pet_json.py) and its OpenAPI schemas (schemas.py), pictures, ERC-721 metadata, the breeding
preview, the tamper check and the fancies' catalogue (fancies.py)."""
