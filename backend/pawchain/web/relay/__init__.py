"""The gasless relay's routes: forward a signed request, its status and live events, and the
relay's configuration (pawchain.relay does the work)."""
