"""Sign-In with Ethereum and sessions: the routes (routes.py), who is signed in (signed_in.py,
which other resources ask), nonces, server-side sessions, CSRF and the EIP-4361 checks."""
