"""What every resource of the API stands on: the services (services.py, created once per app),
errors, parameters, request limits, security headers, the database session, the clock and URLs.
Imports nothing else of the web package."""
