"""One timeline of everything that happened with a contact or an account."""
