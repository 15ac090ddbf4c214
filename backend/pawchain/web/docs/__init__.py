"""The API's documentation: the Swagger UI page (page.py) and the OpenAPI document made as
strict as the server (openapi_strict.py)."""
