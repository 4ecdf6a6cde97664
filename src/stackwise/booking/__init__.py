"""Booking of a free discovery call: slots, no double booking, invites, e-mail, spam and GDPR."""
